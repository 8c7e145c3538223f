import { cpSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { startCli } from "./support/running-cli.js";
import { generatedProject, serviceIn, specPath } from "./support/stack-project.js";
import { Folders, readText, snapshotTree, type TreeSnapshot } from "./support/tree.js";

/**
 * Ctrl-C, SIGTERM and `kill -9` in the middle of the write phase, at a point the test hook picks:
 * signals roll back (exit 130, tree as before); after `kill -9` the next run restores the folder first.
 */
const folders = new Folders("cds-interrupt-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

/** Files and their bytes and modes, without mtimes: what a user would call "the same tree". */
function contents(root: string): TreeSnapshot {
  const snapshot = snapshotTree(root);
  return Object.fromEntries(
    Object.entries(snapshot).map(([path, value]) => [path, value.split(" ").slice(0, 2).join(" ")]),
  );
}

function leftovers(root: string): string[] {
  return Object.keys(snapshotTree(root)).filter((path) => /\.cds-|^\.dagger-stack/.test(path));
}

/** `add redis` stopped just before stack/stack.ts is replaced: the manifest already lists redis. */
async function addStoppedBeforeStack(root: string) {
  const run = startCli(["add", "redis", "--name", "queue", "--yes"], {
    cwd: root,
    hooks: { pauseBeforeRename: "stack/stack.ts" },
  });
  await run.waitFor(/test-hook: paused before stack\/stack\.ts/);
  expect(serviceIn(root, "queue")).toMatchObject({ kind: "redis" });
  return run;
}

describe("a signal during the write phase", () => {
  it.each(["SIGINT", "SIGTERM"] as const)(
    "%s rolls back: exit 130, no temp files, the tree as before",
    async (signal) => {
      const root = generatedProject(folders, "minimal");
      const before = snapshotTree(root);
      const run = await addStoppedBeforeStack(root);
      run.child.kill(signal);
      const result = await run.result;
      expect(result.stderr).toMatch(/cancelled: nothing was written\n$/);
      expect(result.code).toBe(130);
      expect(snapshotTree(root)).toEqual(before);
    },
  );

  it("SIGTERM during a large create into a new folder leaves no folder at all", async () => {
    const parent = folders.fresh();
    const run = startCli(["app", "--spec", specPath("knowledgebeast"), "--yes"], {
      cwd: parent,
      hooks: { pauseBeforeRename: "stack/stack.ts" },
    });
    await run.waitFor(/paused before/);
    expect(readdirSync(join(parent, "app"))).toContain(".dagger-stack");
    run.child.kill("SIGTERM");
    expect((await run.result).code).toBe(130);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe("the run after `kill -9` during the write phase", () => {
  it("puts the folder back first, then does its own work; the result is as if nothing had happened", async () => {
    const root = generatedProject(folders, "minimal");
    const clean = folders.fresh();
    cpSync(root, clean, { recursive: true });
    const run = await addStoppedBeforeStack(root);
    run.child.kill("SIGKILL");
    await run.result;
    expect(leftovers(root)).toContain(".dagger-stack/journal.json");

    const next = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root });
    expect(next.stderr).toBe("");
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(
      /^note: an earlier run was interrupted while writing; put back \d+ file\(s\) as they were before it: dagger-stack\.json, /,
    );
    expect(next.stdout).toContain("Added to the stack in .: service queue (redis)");
    expect(runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: clean }).code).toBe(0);
    expect(contents(root)).toEqual(contents(clean));
    expect(leftovers(root)).toEqual([]);
  });

  it("a create after an interrupted add does not write a blank stack over the team's edits", async () => {
    const root = generatedProject(folders, "minimal");
    writeFileSync(join(root, "stack/stack.ts"), `${readText(root, "stack/stack.ts")}// ours\n`);
    const run = await addStoppedBeforeStack(root);
    run.child.kill("SIGKILL");
    await run.result;
    const next = runCli([".", "--spec", specPath("minimal"), "--yes"], { cwd: root });
    expect(next.stdout).toMatch(/^note: an earlier run was interrupted while writing/);
    expect(readText(root, "stack/stack.ts")).toMatch(/\/\/ ours\n$/);
    expect(serviceIn(root, "queue")).toBeUndefined();
  });

  it("a file edited after the crash is never overwritten: the run stops and says exactly what to do", async () => {
    const root = generatedProject(folders, "minimal");
    const run = await addStoppedBeforeStack(root);
    run.child.kill("SIGKILL");
    await run.result;
    writeFileSync(join(root, "stack/config.ts"), "// edited after the crash\n");

    const next = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root });
    expect(next.code).toBe(1);
    const backup = readdirSync(join(root, "stack")).find((name) =>
      /^config\.ts\.cds-[0-9a-f]+\.bak$/.test(name),
    );
    expect(next.stderr).toBe(
      [
        "error: an earlier create-dagger-stack run was interrupted while writing this folder, and 1 file(s) it wrote were changed after it; the rest is restored",
        `  1: stack/config.ts is the changed version; stack/${backup} is the version from before that run: keep the one you want as stack/config.ts and delete stack/${backup}`,
        "  2: then run the command again",
        "",
      ].join("\n"),
    );
    expect(readText(root, "stack/config.ts")).toBe("// edited after the crash\n");
    expect(serviceIn(root, "queue")).toBeUndefined();

    // Following the steps: keep the version from before that run (which also deletes the other), run again.
    renameSync(join(root, `stack/${backup}`), join(root, "stack/config.ts"));
    const again = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root });
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(serviceIn(root, "queue")).toMatchObject({ kind: "redis" });
    expect(leftovers(root)).toEqual([]);
  });

  it("--dry-run on the half-written folder writes nothing and says how to restore it", async () => {
    const root = generatedProject(folders, "minimal");
    const run = await addStoppedBeforeStack(root);
    run.child.kill("SIGKILL");
    await run.result;
    const before = snapshotTree(root);
    const dry = runCli(["add", "redis", "--name", "queue", "--dry-run"], { cwd: root });
    expect(dry.code).toBe(1);
    expect(dry.stderr).toContain(
      "1: run the same command without --dry-run: it restores the files that run changed, then plans again",
    );
    expect(snapshotTree(root)).toEqual(before);
  });
});
