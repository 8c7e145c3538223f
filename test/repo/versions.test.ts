import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { allowsOlder, raisedRange } from "../../src/edit/json/minimums.js";
import { TYPESCRIPT_MINIMUMS } from "../../src/render/typescript/minimums.js";
import { ensureBuilt, ROOT, runCli } from "../cli/support/built-cli.js";
import { json, linkPackages, repository, runNode } from "./support.js";

/**
 * Issue 8, point 6: a repository with older typescript and vitest ranges. Each generated file's needs
 * are known: a range that allows older versions is named with the range to bump it to, --upgrade-deps
 * bumps it, and a compatible range (older or newer than the tested pins) passes without a word.
 */
const read = (path: string) => readFileSync(path, "utf8");

function project(devDependencies: Record<string, string>): string {
  return repository({ "package.json": json({ name: "shop", private: true, devDependencies }) });
}

describe("the typescript and vitest ranges a project already has", () => {
  beforeAll(ensureBuilt);

  it("typescript ~5.4 is enough; vitest ^1.6 is not, and the warning says what to bump it to", () => {
    const root = project({ typescript: "~5.4.5", vitest: "^1.6.0" });
    const result = runCli(["--services", "postgres", "--yes"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    const warnings = `${result.stdout}${result.stderr}`
      .split("\n")
      .filter((line) => line.includes("warning:"));
    expect(warnings).toEqual([
      'warning: package.json: your vitest ^1.6.0 allows versions older than 3.2.0, which the test projects of vitest.stack.config.mts needs: bump it to "^3.2.0" and install (--upgrade-deps bumps it)',
    ]);
    expect(JSON.parse(read(join(root, "package.json"))).devDependencies).toMatchObject({
      typescript: "~5.4.5",
      vitest: "^1.6.0",
    });
  });

  it("--upgrade-deps bumps it in place and says so; nothing is left to warn about", () => {
    const root = project({ typescript: "5.1.6", vitest: "^1.6.0" });
    const result = runCli(["--services", "postgres", "--yes", "--upgrade-deps"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("note: package.json: typescript 5.1.6 → 5.2.2");
    expect(result.stdout).toContain("note: package.json: vitest ^1.6.0 → ^3.2.0");
    expect(result.stdout).not.toContain("warning:");
    expect(JSON.parse(read(join(root, "package.json"))).devDependencies).toMatchObject({
      typescript: "5.2.2",
      vitest: "^3.2.0",
    });
  });

  it("add takes --upgrade-deps too: its warning names the flag, and the flag bumps the range", () => {
    const root = project({ typescript: "~5.4.5", vitest: "^1.6.0" });
    expect(runCli(["--services", "postgres", "--yes"], { cwd: root }).code).toBe(0);
    const warned = runCli(["add", "redis", "--yes", "--dry-run"], { cwd: root });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warned.stderr).toContain('bump it to "^3.2.0" and install (--upgrade-deps bumps it)');
    const result = runCli(["add", "redis", "--yes", "--upgrade-deps"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("note: package.json: vitest ^1.6.0 → ^3.2.0");
    expect(`${result.stdout}${result.stderr}`).not.toContain("warning:");
    expect(JSON.parse(read(join(root, "package.json"))).devDependencies).toMatchObject({
      typescript: "~5.4.5",
      vitest: "^3.2.0",
    });
  });

  it("newer compatible ranges pass silently", () => {
    const root = project({ typescript: "^6.0.0", vitest: "^4.1.0", "@types/node": "^22.0.0" });
    const result = runCli(["--services", "postgres", "--yes"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("warning:");
  });
});

describe("allowsOlder / raisedRange", () => {
  it.each([
    ["^1.6.0", "3.2.0", true, "^3.2.0"],
    ["~5.4", "5.2.0", false, "~5.2.0"],
    ["5.1.6", "5.2.0", true, "5.2.0"],
    [">=5 <7", "5.2.0", true, "^5.2.0"],
    ["^5.2.0 || ^6.0.0", "5.2.0", false, "^5.2.0"],
    ["*", "5.2.0", true, "^5.2.0"],
    ["workspace:*", "5.2.0", false, "^5.2.0"],
    ["catalog:", "5.2.0", false, "^5.2.0"],
    ["latest", "5.2.0", false, "^5.2.0"],
  ])("%s against %s: older allowed %s, bumped to %s", (range, minimum, older, raised) => {
    expect(allowsOlder(range, minimum)).toBe(older);
    expect(raisedRange(range, minimum)).toBe(raised);
  });
});

/**
 * The TypeScript minimum is a measurement, repeated here: a generated stack type-checks with the
 * minimum and fails with the release before it (5.1 has no ESNext.Disposable library). Both compilers
 * come from the npm registry once, into .cache/.
 */
describe("the TypeScript minimum, checked with the real compilers", () => {
  const cache = join(ROOT, ".cache", "typescript-minimum");
  const minimum = TYPESCRIPT_MINIMUMS.typescript?.version ?? "";

  beforeAll(() => {
    if (existsSync(join(cache, "node_modules", "ts-below", "package.json"))) return;
    mkdirSync(cache, { recursive: true });
    const install = spawnSync(
      "npm",
      [
        "install",
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        "--prefix",
        cache,
        `ts-min@npm:typescript@${minimum}`,
        "ts-below@npm:typescript@5.1.6",
      ],
      { encoding: "utf8", timeout: 110_000 },
    );
    expect(install.status, install.stderr).toBe(0);
  }, 120_000);

  it(`type-checks with ${minimum}, not with 5.1.6`, () => {
    const root = repository({ "package.json": json({ name: "shop", private: true }) });
    expect(runCli(["--services", "postgres", "--yes"], { cwd: root }).code).toBe(0);
    linkPackages(root, ["@dagger.io/dagger", "@types/node", "@types/pg", "pg", "vitest"]);
    const tsc = (compiler: string) =>
      runNode(root, join(cache, "node_modules", compiler, "bin", "tsc"), ["-p", "stack/tsconfig.json"]);
    const atMinimum = tsc("ts-min");
    expect(atMinimum.code, atMinimum.output).toBe(0);
    const below = tsc("ts-below");
    expect(below.code).not.toBe(0);
    expect(below.output).toMatch(/error TS6046: Argument for '--lib' option/);
  });
});
