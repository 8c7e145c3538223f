import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "./support/built-cli.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/**
 * Running create again in a stack it generated (issue 8, point 5): answers not given come from
 * dagger-stack.json, and a service the re-run drops goes away cleanly: its untouched files are deleted,
 * the generated code no longer mentions it, and the project still type-checks with the real tsc.
 */
const folders = new Folders("cds-rerun-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

interface Spec {
  name: string;
  language: string;
  ci: string;
  matrix?: Record<string, string[]>;
  services: { name: string; port?: number; dependsOn?: string[] }[];
}
const manifest = (root: string) =>
  JSON.parse(readText(root, "dagger-stack.json")) as { spec: Spec; files: Record<string, string> };

function created(args: string[]): string {
  const root = folders.fresh();
  // The backend's code, so that nothing warns about a missing build context.
  mkdirSync(join(root, "api"));
  writeFileSync(join(root, "api", "Dockerfile"), "FROM node:20-slim\n");
  const result = runCli([".", ...args, "--yes"], { cwd: root });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return root;
}

const FIRST = [
  ...["--name", "inventory", "--lang", "typescript", "--ci", "gitlab"],
  ...["--services", "postgres,redis,api:backend", "--port", "postgres=5433", "--port", "redis=6380"],
  ...["--depends-on", "api=postgres,redis", "--matrix", "store=postgres,redis"],
];

describe("create --yes again in an existing stack", () => {
  it("keeps every answer dagger-stack.json holds and changes nothing", () => {
    const root = created(FIRST);
    const before = snapshotTree(root);
    const spec = manifest(root).spec;
    const again = runCli([".", "--yes"], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to change");
    expect(manifest(root).spec).toEqual(spec);
    expect(spec).toMatchObject({ name: "inventory", ci: "gitlab", matrix: { store: ["postgres", "redis"] } });
    expect(snapshotTree(root)).toEqual(before);
  });

  it("changes only what a flag says: one port, the rest as before", () => {
    const root = created(FIRST);
    const result = runCli([".", "--port", "redis=6400", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    const spec = manifest(root).spec;
    expect(spec.services.map(({ name, port }) => [name, port])).toEqual([
      ["postgres", 5433],
      ["redis", 6400],
      ["api", 8000],
    ]);
    expect(spec.name).toBe("inventory");
    expect(spec.ci).toBe("gitlab");
  });
});

describe("a service the re-run drops", () => {
  it("takes its smoke test, its builder and every reference to it along", () => {
    const root = created(FIRST);
    expect(existsSync(join(root, "tests/stack/smoke/redis.stack.ts"))).toBe(true);
    const result = runCli([".", "--services", "postgres,api", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/delete +tests\/stack\/smoke\/redis\.stack\.ts/);
    expect(result.stdout).toContain("note: api no longer waits for redis");
    expect(existsSync(join(root, "tests/stack/smoke/redis.stack.ts"))).toBe(false);
    for (const path of ["stack/stack.ts", "stack/config.ts", "tests/stack/fixtures.ts"])
      expect(readText(root, path), path).not.toMatch(/redis/i);
    const { spec, files } = manifest(root);
    expect(spec.services.find((service) => service.name === "api")?.dependsOn).toEqual(["postgres"]);
    expect(spec.matrix).toEqual({ store: ["postgres"] });
    expect(Object.keys(files).filter((path) => path.includes("redis"))).toEqual([]);
    expect(runCli([".", "--yes"], { cwd: root }).stdout).toContain("Nothing to change");
  });

  it("takes the env values and test variables rebuilt from it along, in a stack migrated from compose", () => {
    const spec = join(ROOT, "test", "fixtures", "specs", "compose-features.yaml");
    const root = created(["--spec", spec]);
    expect(runCli([".", "--spec", spec, "--yes"], { cwd: root }).stdout).toContain("Nothing to change");
    const result = runCli([".", "--services", "db,migrate,api,worker,statsd", "--yes"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("note: api no longer gets SMTP_HOST");
    expect(result.stdout).toContain("note: your tests no longer get MAIL_URL");
    const after = JSON.parse(readText(root, "dagger-stack.json")) as {
      spec: {
        services: { name: string; env?: Record<string, unknown> }[];
        testEnv?: Record<string, unknown>;
      };
    };
    expect(after.spec.services.find((service) => service.name === "api")?.env).not.toHaveProperty(
      "SMTP_HOST",
    );
    expect(Object.keys(after.spec.testEnv ?? {})).not.toContain("MAIL_URL");
    expect(readText(root, "stack/stack.ts")).not.toMatch(/mail/i);
    expect(runCli([".", "--yes"], { cwd: root }).stdout).toContain("Nothing to change");
  });

  it("leaves a project that still type-checks (real tsc over the stack and its tests)", () => {
    const root = created(["--lang", "typescript", "--services", "postgres,redis"]);
    expect(runCli([".", "--services", "postgres", "--yes"], { cwd: root }).code).toBe(0);
    symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"), "dir");
    expect(typecheck(root)).toBe("");
  });

  it("keeps a smoke test its owner edited, and says why it no longer fits and what to do", () => {
    const root = created(["--lang", "typescript", "--services", "postgres,cache:redis"]);
    const path = join(root, "tests/stack/smoke/cache.stack.ts");
    writeFileSync(path, `${readFileSync(path, "utf8")}// ours: also checks eviction\n`);
    const result = runCli([".", "--services", "postgres", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    expect(existsSync(path)).toBe(true);
    expect(result.stderr).toContain(
      "warning: tests/stack/smoke/cache.stack.ts was kept because you changed it, but this run no longer generates it (the stack no longer has cache)",
    );
    expect(result.stderr).toContain(
      "delete it, or bring back what it needs (create-dagger-stack add redis --name cache)",
    );
    expect(result.stdout).not.toContain("warning:");
    // The file is its owner's now: the next run neither deletes it nor warns again.
    expect(Object.keys(manifest(root).files)).not.toContain("tests/stack/smoke/cache.stack.ts");
    const again = runCli([".", "--yes"], { cwd: root });
    expect(again.stderr).toBe("");
    expect(existsSync(path)).toBe(true);
  });

  it("in a Python stack, deletes its test module and keeps the rest", () => {
    const root = created(["--lang", "python", "--services", "postgres,redis", "--ci", "none"]);
    const before = Object.keys(manifest(root).files).filter((path) => /redis/.test(path));
    expect(before.length).toBeGreaterThan(0);
    const result = runCli([".", "--services", "postgres", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    for (const path of before) expect(existsSync(join(root, path)), path).toBe(false);
    expect(manifest(root).spec.services.map((service) => service.name)).toEqual(["postgres"]);
  });

  it("--dry-run lists the deletion and deletes nothing", () => {
    const root = created(["--lang", "typescript", "--services", "postgres,redis"]);
    const before = snapshotTree(root);
    const result = runCli([".", "--services", "postgres", "--dry-run", "--diff"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/delete +tests\/stack\/smoke\/redis\.stack\.ts/);
    expect(result.stdout).toContain("--- a/tests/stack/smoke/redis.stack.ts\n+++ /dev/null");
    expect(snapshotTree(root)).toEqual(before);
  });
});

function typecheck(root: string): string {
  try {
    execFileSync(
      process.execPath,
      [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "stack/tsconfig.json"],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}
