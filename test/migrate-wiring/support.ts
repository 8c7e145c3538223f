import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { loadPythonParser } from "../../src/edit/python/parser.js";
import { planCreate } from "../../src/plan/create.js";
import { type CiWiringPlan, planCiWiring } from "../../src/plan/migrate/ci.js";
import { planTestWiring, type TestEnv, type TestWiringPlan } from "../../src/plan/migrate/tests.js";
import type { TestRunner } from "../../src/project/model.js";
import type { PythonTool } from "../../src/project/python-tool.js";
import { diskProjectFiles } from "../../src/readers/project-files.js";
import type { FileReport } from "../../src/readers/report.js";
import { listSourceFiles } from "../../src/readers/source-files.js";
import { loadStack } from "../../src/spec/load.js";
import type { NormalizedStack } from "../../src/spec/model.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { TOOL_VERSION } from "../golden/generate.js";
import { BUILT_CLI, REPO_ROOT } from "../support/build-run/repo.js";

/**
 * The fixture projects of migrate's steps 3 and 4, each with what the converter hands the planners for
 * it: the spec (create's, as the converter maps the compose file) and the stack-level testEnv (the app
 * service's connection settings). The planners run after create's, on one tree, as migrate runs them.
 */
export interface WiringCase {
  /** Folder under test/fixtures/migrate-projects/. */
  name: string;
  spec: Record<string, unknown>;
  testEnv: TestEnv;
  testRunners: TestRunner[];
  ciFiles: string[];
}

export const CASES: Record<string, WiringCase> = {
  "ts-vitest-api": {
    name: "ts-vitest-api",
    spec: {
      name: "orders-api",
      language: "typescript",
      services: [
        { name: "db", kind: "postgres", version: "16", database: "orders", user: "orders" },
        { name: "cache", kind: "redis", version: "7.4" },
      ],
      ci: "github",
    },
    testEnv: { DATABASE_URL: { service: "db", value: "url" }, REDIS_URL: { service: "cache", value: "url" } },
    testRunners: ["vitest"],
    ciFiles: [".github/workflows/ci.yml"],
  },
  "python-pytest-gitlab": {
    name: "python-pytest-gitlab",
    spec: {
      name: "orders",
      language: "python",
      services: [{ name: "db", kind: "postgres", version: "16", database: "orders", user: "orders" }],
      ci: "gitlab",
    },
    testEnv: { DATABASE_URL: { service: "db", value: "url" } },
    testRunners: ["pytest"],
    ciFiles: [".gitlab-ci.yml"],
  },
  "jest-js": {
    name: "jest-js",
    spec: {
      name: "inventory",
      language: "typescript",
      services: [
        { name: "postgres", kind: "postgres", version: "16", database: "inventory", user: "inventory" },
      ],
      ci: "none",
    },
    testEnv: { DATABASE_URL: { service: "postgres", value: "url" } },
    testRunners: ["jest"],
    ciFiles: [".github/workflows/test.yml"],
  },
};

export function fixtureDir(name: string): string {
  return join(REPO_ROOT, "test", "fixtures", "migrate-projects", name);
}

export interface Migration {
  stack: NormalizedStack;
  tree: VirtualTree;
  /** The project's files before the migration. */
  before: Record<string, string>;
  /** What create's planner left on the tree, by path: what steps 3 and 4 started from. */
  afterCreate: Record<string, string>;
  tests: TestWiringPlan;
  ci: CiWiringPlan;
}

/** Every file of a folder (without installed dependencies), by POSIX path. */
export function readFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/");
    if (!entry.isFile() || /(^|\/)(node_modules|__pycache__)\//.test(path)) continue;
    files[path] = readFileSync(join(dir, path), "utf8");
  }
  return files;
}

/** create, then the test and CI wiring, on an in-memory copy of `files`: what migrate plans for it. */
export async function planMigration(
  wiring: WiringCase,
  files: Record<string, string>,
  pythonTool?: PythonTool,
): Promise<Migration> {
  const stack = loadStack(wiring.spec, `${wiring.name}.yaml`);
  const tree = new VirtualTree(memoryReader(files));
  planCreate(stack, tree, TOOL_VERSION);
  const afterCreate = contents(tree, files);
  const sourceFiles = listSourceFiles(memoryProjectFiles(afterCreate));
  const tests = planTestWiring(tree, {
    stack,
    testEnv: wiring.testEnv,
    testRunners: wiring.testRunners,
    sourceFiles,
    packageManager: "npm",
    pythonParser: await loadPythonParser(),
    ...(pythonTool && { pythonTool }),
  });
  const ci = planCiWiring(tree, {
    stack,
    testEnv: wiring.testEnv,
    ciFiles: wiring.ciFiles,
    ...(tests.stackRun ? { stackRun: tests.stackRun } : {}),
    context: { packageManager: "npm" },
    ...(pythonTool && { pythonTool }),
  });
  return { stack, tree, before: files, afterCreate, tests, ci };
}

export function planFixture(name: string): Promise<Migration> {
  return planMigration(CASES[name] as WiringCase, readFolder(fixtureDir(name)));
}

/** The files of the project after the whole plan. */
export function migratedFiles(migration: Migration): Record<string, string> {
  return contents(migration.tree, migration.before);
}

/** The report entries of both steps, which every fixture test compares whole. */
export function reportEntries(migration: Migration): FileReport[] {
  return [...migration.tests.tests, ...migration.ci.ci];
}

/** The fixture migrated into a temporary folder (removed by the caller), as migrate would leave it. */
export async function migratedCopy(name: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `migrate-wiring-${name}-`));
  cpSync(fixtureDir(name), dir, { recursive: true });
  const migration = await planFixture(name);
  for (const change of migration.tree.changes()) {
    const path = join(dir, change.path);
    if (change.type === "delete") rmSync(path, { force: true });
    else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, change.content);
    }
  }
  return dir;
}

/**
 * The fixture migrated by the built CLI itself (`migrate --yes`): the converter's spec from its compose
 * file, then steps 3 and 4, as a user gets it.
 */
export function migratedByCli(name: string): string {
  const dir = fixtureCopy(name);
  const result = spawnSync(process.execPath, [BUILT_CLI, "migrate", dir, "--yes"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`migrate ${name} failed (${result.status}):\n${result.stderr}`);
  return dir;
}

/** The fixture as it is, in a temporary folder. */
export function fixtureCopy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `migrate-wiring-${name}-before-`));
  cpSync(fixtureDir(name), dir, { recursive: true });
  return dir;
}

function contents(tree: VirtualTree, base: Record<string, string>): Record<string, string> {
  const files = { ...base };
  for (const change of tree.changes()) {
    if (change.type === "delete") delete files[change.path];
    else files[change.path] = change.content;
  }
  return files;
}

/** The readers' view of an in-memory folder, for listSourceFiles(). */
export function memoryProjectFiles(files: Record<string, string>) {
  const paths = Object.keys(files);
  return {
    read: (path: string) => files[path],
    kind: (path: string) =>
      files[path] !== undefined
        ? ("file" as const)
        : paths.some((entry) => entry.startsWith(`${path}/`))
          ? ("folder" as const)
          : ("missing" as const),
    list: (folder: string) => {
      const prefix = folder === "" ? "" : `${folder}/`;
      const names = new Map<string, "file" | "folder">();
      for (const path of paths.filter((entry) => entry.startsWith(prefix))) {
        const [name = "", ...rest] = path.slice(prefix.length).split("/");
        names.set(name, rest.length > 0 ? "folder" : "file");
      }
      return [...names]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, kind]) => ({ name, kind, size: 0 }));
    },
  };
}

export { diskProjectFiles };
