import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/support/built-cli.js";
import { Folders, readText, snapshotTree } from "../cli/support/tree.js";

/** `migrate --module` through the built CLI (issue 12, section 3): the migrated stack is a Dagger module too. */
const folders = new Folders("cds-migrate-module-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const PROJECTS = join(import.meta.dirname, "..", "fixtures", "migrate-projects");

function project(name = "ts-vitest-api"): string {
  const root = folders.fresh();
  cpSync(join(PROJECTS, name), root, { recursive: true });
  return root;
}

const migrate = (root: string, ...args: string[]) => runCli(["migrate", ...args], { cwd: root });

describe("migrate --module", () => {
  it("writes dagger.json and the module with one function per carried service; a second run changes nothing", () => {
    const root = project();
    const first = migrate(root, "--yes", "--module");
    expect(first.stderr).not.toContain("error");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("  create dagger.json\n");
    expect(first.stdout).toContain("  create stack/src/index.ts\n");
    const config = JSON.parse(readText(root, "dagger.json"));
    expect(config).toMatchObject({
      name: "orders-api-stack",
      sdk: { source: "typescript" },
      source: "stack",
    });
    const source = readText(root, "stack/src/index.ts");
    for (const service of ["api", "db", "cache"]) expect(source).toMatch(new RegExp(`\\b${service}\\(`));
    expect(JSON.parse(readText(root, "dagger-stack.json")).spec.module).toBe(true);

    const before = snapshotTree(root);
    for (const args of [["--yes", "--module"], ["--yes"]]) {
      const again = migrate(root, ...args);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^Nothing to change: \. is migrated already\.\n/);
      expect(snapshotTree(root)).toEqual(before);
    }
  });

  it("writes the Python module for a Python project; a second run changes nothing", () => {
    const root = project("python-pytest-gitlab");
    const first = migrate(root, "--yes", "--module");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("  create dagger.json\n");
    expect(first.stdout).toMatch(/ {2}create \.dagger\/src\/\w+_stack\/__init__\.py\n/);
    expect(JSON.parse(readText(root, "dagger.json")).sdk.source).toBe("python");
    const before = snapshotTree(root);
    expect(migrate(root, "--yes", "--module").stdout).toMatch(/^Nothing to change/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("--no-module on a later run takes the untouched module away", () => {
    const root = project();
    expect(migrate(root, "--yes", "--module").code).toBe(0);
    const without = migrate(root, "--yes", "--no-module");
    expect(without.code).toBe(0);
    expect(existsSync(join(root, "dagger.json"))).toBe(false);
    expect(existsSync(join(root, "stack/src/index.ts"))).toBe(false);
    expect(existsSync(join(root, "stack/stack.ts"))).toBe(true);
  });

  it("is listed by migrate --help", () => {
    expect(runCli(["migrate", "--help"]).stdout).toMatch(/--module\b.*Dagger module/);
  });
});
