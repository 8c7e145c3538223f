import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { generatedProject } from "./support/stack-project.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/**
 * Files create-dagger-stack did not write: a dagger-stack.json of someone else's, a damaged manifest,
 * files of the same name as generated ones. Never replaced without consent, and named for what they are.
 */
const folders = new Folders("cds-foreign-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const CREATE = [".", "--services", "redis", "--ci", "none", "--yes"];

describe("create over files it did not write", () => {
  it("an existing dagger-stack.json of another tool is not replaced without --force", () => {
    const root = folders.fresh();
    writeFileSync(join(root, "dagger-stack.json"), '{ "pipeline": "theirs" }\n');
    const before = snapshotTree(root);
    const result = runCli(CREATE, { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      [
        "error: 1 file(s) would be overwritten that create-dagger-stack did not write as they are; nothing was written",
        "  dagger-stack.json: exists and was not written by create-dagger-stack",
        "  hint: review with --dry-run --diff; --force overwrites them and keeps a copy in .dagger-stack/backups/; in a terminal you are asked file by file",
        "",
      ].join("\n"),
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a pre-existing file of a generated file's name is 'not written by create-dagger-stack', not 'changed since generated'", () => {
    const root = folders.fresh();
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "docs/dagger-stack.md"), "# Our own notes on Dagger\n");
    const result = runCli(CREATE, { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "  docs/dagger-stack.md: exists and was not written by create-dagger-stack\n",
    );
    expect(result.stderr).not.toContain("changed since");
    const dry = runCli([...CREATE, "--dry-run"], { cwd: root });
    expect(dry.stdout).toMatch(
      /conflict +docs\/dagger-stack\.md \(not written by create-dagger-stack; --force overwrites\)/,
    );
  });

  it("a generated file the team edited is still 'changed since it was generated'", () => {
    const root = generatedProject(folders, "minimal");
    writeFileSync(join(root, "stack/config.ts"), "// ours\n");
    const result = runCli([".", "--services", "redis", "--port", "redis=6390", "--ci", "none"], {
      cwd: root,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("  stack/config.ts: was changed since it was generated\n");
  });

  it("a damaged manifest is a conflict named as damaged", () => {
    const root = generatedProject(folders, "minimal");
    writeFileSync(join(root, "dagger-stack.json"), readText(root, "dagger-stack.json").slice(0, 40));
    const result = runCli([".", "--services", "redis", "--ci", "none"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "  dagger-stack.json: is a damaged create-dagger-stack manifest (not valid JSON)\n",
    );
  });
});

describe("add with a manifest it cannot use", () => {
  it("a damaged manifest is reported as damaged, not as missing (exit 2, untouched)", () => {
    const root = generatedProject(folders, "minimal");
    writeFileSync(join(root, "dagger-stack.json"), readText(root, "dagger-stack.json").slice(0, 40));
    const before = snapshotTree(root);
    const result = runCli(["add", "postgres", "--yes"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: invalid input; nothing was written\n {2}dagger-stack\.json: is not valid JSON: [^\n]+ \(line \d+, column \d+\): the stack's manifest is damaged\n {4}hint: restore it from version control \(git checkout -- dagger-stack\.json\) or fix the JSON, then run again\n$/,
    );
    expect(result.stderr).not.toContain("not found");
    expect(snapshotTree(root)).toEqual(before);
  });
});
