import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, readText } from "./support/tree.js";

/** --lang defaults to what the target already is: its stack, its package.json, or its Python files. */
const folders = new Folders("cds-lang-");
function project(files: Record<string, string>): string {
  const dir = folders.fresh();
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return dir;
}

beforeAll(ensureBuilt);
afterEach(() => folders.cleanup());

describe("the default language", () => {
  it.each([
    ["pyproject.toml", { "pyproject.toml": '[project]\nname = "kb"\nversion = "0.1.0"\n' }],
    ["setup.py", { "setup.py": "from setuptools import setup\nsetup()\n" }],
    ["requirements-dev.txt", { "requirements-dev.txt": "pytest\n" }],
  ])("is Python next to %s without a package.json", (_, files) => {
    const dir = project(files);
    expect(runCli(["--services", "redis", "--yes"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "tests/dagger_modules/stack.py"))).toBe(true);
    expect(existsSync(join(dir, "stack/stack.ts"))).toBe(false);
  });

  it("is TypeScript when package.json is there too", () => {
    const dir = project({ "package.json": '{ "name": "x" }\n', "requirements.txt": "fastapi\n" });
    expect(runCli(["--services", "redis", "--yes"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "stack/stack.ts"))).toBe(true);
  });

  it("is the stack's own on a later run, whatever files appeared since", () => {
    const dir = project({ "pyproject.toml": '[project]\nname = "kb"\nversion = "0.1.0"\n' });
    expect(runCli(["--services", "redis", "--yes"], { cwd: dir }).code).toBe(0);
    writeFileSync(join(dir, "package.json"), '{ "name": "tools" }\n');
    const again = runCli(["--services", "redis", "--yes"], { cwd: dir });
    expect(again.stdout).toContain("Nothing to change");
    expect(readText(dir, "package.json")).toBe('{ "name": "tools" }\n');
  });

  it("gives way to --lang", () => {
    const dir = project({ "pyproject.toml": '[project]\nname = "kb"\nversion = "0.1.0"\n' });
    expect(runCli(["--services", "redis", "--lang", "typescript", "--yes"], { cwd: dir }).code).toBe(0);
    expect(existsSync(join(dir, "stack/stack.ts"))).toBe(true);
  });
});
