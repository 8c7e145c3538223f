import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { convertProject } from "../../src/migrate/index.js";
import { findConflicts, manifestState } from "../../src/plan/manifest.js";
import { MIGRATION_DOC, type MigrationSteps, planMigrate, reportJson } from "../../src/plan/migrate/index.js";
import type { TestEnv } from "../../src/plan/migrate/tests.js";
import type { ProjectPicture } from "../../src/project/model.js";
import { readProjectFiles } from "../../src/readers/index.js";
import { type FileChange, memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { sha256 } from "../../src/util/hash.js";
import { memoryProject } from "../readers/support/memory-project.js";

/**
 * planMigrate on an in-memory project: step 2 is create's plan for the converted spec; steps 3 and 4 come
 * through their interface and land in the report; the report goes to docs/dagger-migration.md and, when
 * asked, to a JSON file; migrate's files are recorded so that a second run changes nothing.
 */
type Files = Record<string, string>;

const COMPOSE = [
  "services:",
  "  db:",
  "    image: postgres:16.4",
  "    environment:",
  "      POSTGRES_PASSWORD: hunter2-hunter2",
  "  app:",
  "    image: acme/app:1.0",
  '    ports: ["8000:8000"]',
  "    restart: always",
  "    environment:",
  "      DATABASE_URL: postgres://postgres:hunter2-hunter2@db:5432/postgres",
  "",
].join("\n");

const PROJECT: Files = { "compose.yaml": COMPOSE, "package.json": '{ "name": "shop" }\n' };

const PICTURE: ProjectPicture = {
  target: "/work/shop",
  root: "/work/shop",
  stackFolder: "",
  packageManager: { name: "npm", source: "default" },
  name: "shop",
  languages: ["typescript"],
  testRunners: ["vitest"],
  ci: [],
  pythonTool: { name: "pip" },
  gitignoresAbove: [],
};

/** Stand-ins for steps 3 and 4 that record what they were given and create or edit a file each. */
function recordingSteps(seen: { testEnv?: TestEnv }): MigrationSteps {
  return {
    wireTests(tree, input) {
      seen.testEnv = input.testEnv;
      tree.write("vitest.config.ts", "export default {};\n", "merged");
      return {
        tests: [{ file: "vitest.config.ts", status: "edited", note: "the stack's global setup added" }],
        warnings: [],
        generated: [],
      };
    },
    migrateCi(tree) {
      tree.write(".github/workflows/stack.yml", "name: stack\n");
      return {
        ci: [{ file: ".github/workflows/stack.yml", status: "created" }],
        warnings: [],
        generated: [".github/workflows/stack.yml"],
      };
    },
  };
}

function plan(files: Files, steps?: MigrationSteps, reportFile?: string) {
  const inventory = readProjectFiles(memoryProject(files));
  const conversion = convertProject(inventory, { name: "shop", language: "typescript", ci: "github" });
  const tree = new VirtualTree(memoryReader(files));
  const result = planMigrate(
    {
      conversion,
      inventory,
      picture: PICTURE,
      toolVersion: "0.1.0",
      sourceFiles: Object.keys(files),
      ...(reportFile && { reportFile }),
    },
    tree,
    steps,
  );
  return { result, tree, changes: tree.changes() };
}

function applied(files: Files, changes: readonly FileChange[]): Files {
  const next = { ...files };
  for (const change of changes) {
    if (change.type === "delete") delete next[change.path];
    else next[change.path] = change.content;
  }
  return next;
}

describe("planMigrate", () => {
  it("puts the stack, the doc and the JSON report on the tree, with steps 3 and 4 in the report", () => {
    const seen: { testEnv?: TestEnv } = {};
    const { result, changes } = plan(PROJECT, recordingSteps(seen), "migration.json");
    const paths = changes.map((change) => change.path);
    expect(paths).toEqual(expect.arrayContaining([MIGRATION_DOC, "migration.json", "stack/stack.ts"]));
    expect(seen.testEnv).toEqual({ DATABASE_URL: { service: "db", value: "url" } });
    expect(result.report.tests).toEqual([
      { file: "vitest.config.ts", status: "edited", note: "the stack's global setup added" },
    ]);
    expect(result.report.ci).toEqual([{ file: ".github/workflows/stack.yml", status: "created" }]);
    const json = changes.find((change) => change.path === "migration.json")?.content;
    expect(json).toBe(reportJson(result.report));
    const doc = changes.find((change) => change.path === MIGRATION_DOC)?.content ?? "";
    expect(doc).toContain("- `vitest.config.ts`: edited: the stack's global setup added");
    expect(doc).toContain("| `restart` | dropped | a test stack is started per run: nothing restarts it |");
    expect(doc).toContain("| `POSTGRES_PASSWORD` | db, app | made at run time by the stack |");
    expect(changes.map((change) => change.content).join("\n")).not.toContain("hunter2-hunter2");
  });

  it("records migrate's own files in the manifest, so that a second run changes nothing", () => {
    const first = plan(PROJECT, recordingSteps({}), "migration.json");
    const manifest = JSON.parse(first.changes.find((c) => c.path === "dagger-stack.json")?.content ?? "{}");
    expect(manifest.migration).toEqual({
      files: [".github/workflows/stack.yml", MIGRATION_DOC, "migration.json"],
    });
    const doc = first.changes.find((change) => change.path === MIGRATION_DOC)?.content ?? "";
    expect(manifest.files[MIGRATION_DOC]).toBe(sha256(doc));
    const again = plan(applied(PROJECT, first.changes), recordingSteps({}), "migration.json");
    expect(again.changes.map((change) => [change.path, change.before, change.content])).toEqual([]);
  });

  it("a second run keeps an edited report: untouched when nothing changed, a conflict of its own when it must be rewritten", () => {
    const first = applied(PROJECT, plan(PROJECT, recordingSteps({})).changes);
    const edited = { ...first, [MIGRATION_DOC]: `${first[MIGRATION_DOC]}\nOur own notes.\n` };
    const same = plan(edited, recordingSteps({}));
    expect(same.changes).toEqual([]);
    const grown = `${COMPOSE}  mail:\n    image: axllent/mailpit:v1.21\n    ports: ["8025:8025"]\n`;
    const again = plan({ ...edited, "compose.yaml": grown }, recordingSteps({}));
    expect(again.result.warnings).toEqual([]);
    const conflicts = findConflicts(again.changes, manifestState(again.tree));
    expect(conflicts.map(({ path, reason }) => ({ path, reason }))).toEqual([
      { path: MIGRATION_DOC, reason: "edited" },
    ]);
  });

  it("a spec the stack cannot take names the project's service and the way to leave it out", () => {
    const clash = '  admin:\n    image: acme/admin:1.0\n    ports: ["8000:80"]\n';
    const files = { ...PROJECT, "compose.yaml": `${COMPOSE}${clash}` };
    let error: unknown;
    try {
      plan(files);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    const problem = (error as UsageError).problems.find((entry) => entry.path.endsWith("(service admin)"));
    expect(problem?.message).toMatch(/^the stack cannot take this yet: /);
    expect(problem?.message).toContain("port 8000 is already used");
    expect(problem?.hint).toMatch(/or leave admin out with --services$/);
  });

  it("wires the project's own tests and CI with the real steps 3 and 4 by default", () => {
    const files: Files = {
      ...PROJECT,
      "package.json": '{ "name": "shop", "devDependencies": { "vitest": "3.2.4" } }\n',
      "test/orders.test.ts":
        'import { test } from "vitest";\ntest("orders", () => { void process.env.DATABASE_URL; });\n',
    };
    const { result } = plan(files);
    expect(result.report.tests.map((entry) => entry.file)).toContain("vitest.stack.config.mts");
    expect(result.report.tests.some((entry) => entry.status === "created" || entry.status === "edited")).toBe(
      true,
    );
  });
});
