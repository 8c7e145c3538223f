import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { generatedProject, specPath } from "./support/stack-project.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/**
 * --force keeps what it overwrites, where the user's tools do not trip on it; a second identical run
 * changes nothing; --dry-run leaves nothing behind, not even a lock.
 */
const folders = new Folders("cds-force-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const RECREATE = [".", "--spec", specPath("minimal"), "--port", "cache=6390", "--yes"];
const hasGit = spawnSync("git", ["--version"]).status === 0;

describe("--force", () => {
  it("keeps a copy of every file it overwrites, says where, and git ignores the copies", () => {
    const root = generatedProject(folders, "minimal");
    if (hasGit) spawnSync("git", ["init", "-q"], { cwd: root });
    const edited = "// the team's own config\n";
    writeFileSync(join(root, "stack/config.ts"), edited);
    const result = runCli([...RECREATE, "--force"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("  overwrite stack/config.ts\n");
    const [stamp] = readdirSync(join(root, ".dagger-stack/backups"));
    const folder = `.dagger-stack/backups/${stamp}`;
    expect(result.stdout).toContain(
      `Your versions of the 1 overwritten file(s) are kept in ${folder}/ (git ignores it):\n  stack/config.ts → ${folder}/stack/config.ts.backup\n`,
    );
    expect(readText(root, `${folder}/stack/config.ts.backup`)).toBe(edited);
    expect(readText(root, "stack/config.ts")).toContain("6390");
    if (hasGit) {
      const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], {
        cwd: root,
        encoding: "utf8",
      });
      expect(status.stdout).not.toContain(".dagger-stack");
    }
    // The same run again changes nothing, and leaves the kept copies alone.
    const before = snapshotTree(root);
    const again = runCli([...RECREATE, "--force"], { cwd: root });
    expect(again.stdout).toBe("Nothing to change: . is up to date.\n");
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("--dry-run", () => {
  it("writes nothing into a new folder: no folder, no lock, no journal", () => {
    const parent = folders.fresh();
    const result = runCli(["app", "--services", "redis", "--dry-run"], { cwd: parent });
    expect(result.code).toBe(0);
    expect(readdirSync(parent)).toEqual([]);
  });

  it("writes nothing into an existing stack", () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    expect(runCli(["add", "postgres", "--dry-run"], { cwd: root }).code).toBe(0);
    expect(runCli([...RECREATE, "--dry-run"], { cwd: root }).code).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
    expect(existsSync(join(root, ".dagger-stack"))).toBe(false);
  });
});
