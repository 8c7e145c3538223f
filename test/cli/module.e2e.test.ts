import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, snapshotTree } from "./support/tree.js";

/** `--module` from the built CLI (issue 12, section 3): a Dagger module beside the stack, TypeScript or Python. */
const folders = new Folders("cds-module-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

function project(files: Record<string, string>): string {
  const dir = folders.fresh();
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}
const TS_PROJECT = { "package.json": '{ "name": "shop", "private": true }\n' };

describe("create --module", () => {
  it("writes dagger.json and the module, records the choice, and a second run changes nothing", () => {
    const dir = project(TS_PROJECT);
    const first = runCli([".", "--services", "postgres,redis", "--module", "--yes"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("create dagger.json");
    expect(first.stdout).toContain("create stack/src/index.ts");
    expect(JSON.parse(readFileSync(join(dir, "dagger-stack.json"), "utf8")).spec.module).toBe(true);
    const before = snapshotTree(dir);
    // The manifest remembers --module: a run without the flag keeps the module.
    const again = runCli([".", "--yes"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to change");
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("--no-module on a later run takes the untouched module away", () => {
    const dir = project(TS_PROJECT);
    expect(runCli([".", "--services", "redis", "--module", "--yes"], { cwd: dir }).code).toBe(0);
    const without = runCli([".", "--no-module", "--yes"], { cwd: dir });
    expect(without.code).toBe(0);
    expect(existsSync(join(dir, "dagger.json"))).toBe(false);
    expect(existsSync(join(dir, "stack/src/index.ts"))).toBe(false);
    expect(existsSync(join(dir, "stack/stack.ts"))).toBe(true);
  });

  it("writes a Python module in .dagger/ for a Python project, and a second run changes nothing", () => {
    const dir = project({ "pyproject.toml": '[project]\nname = "kb"\nversion = "0.1.0"\n' });
    const first = runCli([".", "--services", "redis", "--module", "--yes"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("create dagger.json");
    expect(first.stdout).toContain("create .dagger/src/kb_stack/__init__.py");
    expect(JSON.parse(readFileSync(join(dir, "dagger.json"), "utf8"))).toMatchObject({
      sdk: { source: "python" },
      source: ".dagger",
    });
    const before = snapshotTree(dir);
    expect(runCli([".", "--module", "--yes"], { cwd: dir }).stdout).toContain("Nothing to change");
    expect(snapshotTree(dir)).toEqual(before);
  });

  it("is listed by --help", () => {
    expect(runCli(["--help"]).stdout).toMatch(/--module\b.*Dagger module/);
  });
});
