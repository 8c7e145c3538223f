import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCreate } from "../support/build-run/cli.js";
import {
  BUILT_CLI_COMMAND,
  type BuildRunResult,
  buildRunProject,
  failureLines,
  languageSkipReason,
  prepareBuildRuns,
  report,
} from "../support/build-run/index.js";
import { REPO_ROOT } from "../support/build-run/repo.js";
import { migratedByCli, migratedCopy } from "./support.js";

/**
 * `build-run --project`: migrated fixtures and a project `create` made go through the harness from their
 * folder. A migrated project's own tests that need the stack must run and pass in its stack test run,
 * against the engine stand-in and real servers; a wiring that leaves them without the variables fails.
 */
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function reported(
  projectDir: string,
  keep: "on-failure" | "never" = "on-failure",
): Promise<BuildRunResult> {
  const result = await buildRunProject({ projectDir, keep });
  console.log(report(result).join("\n"));
  return result;
}

/** The fixture migrated by the built CLI passes build-run --project, its own tests run and passing. */
async function expectMigratedByCliToPass(name: string): Promise<void> {
  const dir = migratedByCli(name);
  folders.push(dir);
  const result = await reported(dir);
  expect(failureLines(result)).toEqual([]);
  expect(yourTestChecks(result).filter((check) => check.problem)).toEqual([]);
  expect(yourTestChecks(result).length).toBeGreaterThan(1);
  expect(result.ok).toBe(true);
}

function yourTestChecks(result: BuildRunResult) {
  return result.checks.filter((check) => check.name.startsWith("your tests"));
}

const typescript = await languageSkipReason("typescript");
const python = await languageSkipReason("python");

describe.skipIf(typescript)(
  `build-run --project, TypeScript${typescript ? ` (skipped: ${typescript})` : ""}`,
  () => {
    beforeAll(() => prepareBuildRuns(["typescript"]));

    it("runs a project create made in a temporary folder, from its dagger-stack.json", async () => {
      const dir = mkdtempSync(join(tmpdir(), "build-run-project-"));
      folders.push(dir);
      const spec = join(REPO_ROOT, "test", "fixtures", "specs", "minimal.yaml");
      const create = await runCreate(BUILT_CLI_COMMAND, dir, spec, "create");
      expect(create.output).toMatch(/dagger-stack\.json/);
      const result = await reported(dir);
      expect(failureLines(result)).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.steps.map((step) => step.name)).toEqual([
        "copy",
        "install",
        "typecheck",
        "test",
        "record",
      ]);
      expect(yourTestChecks(result)).toEqual([]);
    });

    it("ts-vitest-api: its integration tests run in the stack test run and pass, not skip", async () => {
      const dir = await migratedCopy("ts-vitest-api");
      folders.push(dir);
      const result = await reported(dir);
      expect(failureLines(result)).toEqual([]);
      expect(yourTestChecks(result)).toEqual([
        { name: "your tests: ran in the stack test run" },
        { name: "your tests: tests/integration/cache.test.ts passed against the stack" },
        { name: "your tests: tests/integration/orders.test.ts passed against the stack" },
      ]);
      expect(result.ok).toBe(true);
    });

    it("ts-vitest-api: without the variables, its integration tests skip, and the harness says so", async () => {
      const dir = await migratedCopy("ts-vitest-api");
      folders.push(dir);
      for (const [file, line] of [
        ["tests/stack/your-tests.setup.ts", 'Object.assign(process.env, inject("yourEnv"));'],
        ["tests/stack/your-tests.global-setup.ts", "Object.assign(process.env, env);"],
      ] as const) {
        const path = join(dir, file);
        writeFileSync(path, readFileSync(path, "utf8").replace(line, ""));
      }
      const result = await reported(dir, "never");
      expect(result.ok).toBe(false);
      expect(yourTestChecks(result).filter((check) => check.problem)).toEqual([
        {
          name: "your tests: tests/integration/cache.test.ts passed against the stack",
          problem: "outcomes: skipped",
        },
        {
          name: "your tests: tests/integration/orders.test.ts passed against the stack",
          problem: "outcomes: skipped",
        },
      ]);
    });

    it.each(["ts-vitest-api", "jest-js"])(
      "%s migrated by the built CLI from its compose file: build-run --project passes, its own tests included",
      expectMigratedByCliToPass,
    );

    it("jest-js: its Jest stack test run starts the stack around the user's global setup, and the tests pass", async () => {
      const dir = await migratedCopy("jest-js");
      folders.push(dir);
      const result = await reported(dir);
      expect(failureLines(result)).toEqual([]);
      expect(result.steps.map((step) => step.name)).toContain("your tests");
      expect(yourTestChecks(result)).toEqual([
        { name: "your tests (Jest): ran in the stack test run" },
        { name: "your tests (Jest): test/integration/items.test.js passed against the stack" },
      ]);
      expect(result.ok).toBe(true);
    });
  },
);

describe.skipIf(python)(`build-run --project, Python${python ? ` (skipped: ${python})` : ""}`, () => {
  beforeAll(() => prepareBuildRuns(["python"]));

  it("python-pytest-gitlab: `pytest -m stack` starts the stack before collection; the tests pass", async () => {
    const dir = await migratedCopy("python-pytest-gitlab");
    folders.push(dir);
    const result = await reported(dir);
    expect(failureLines(result)).toEqual([]);
    expect(yourTestChecks(result)).toEqual([
      { name: "your tests: ran in the stack test run" },
      { name: "your tests: tests/integration/test_orders.py passed against the stack" },
    ]);
    expect(result.checks).toContainEqual({ name: "test run: db started once" });
    expect(result.ok).toBe(true);
  });

  it("python-pytest-gitlab migrated by the built CLI from its compose file: build-run --project passes, its own tests included", () =>
    expectMigratedByCliToPass("python-pytest-gitlab"));

  it("python-pytest-gitlab: without the variables, its integration test skips, and the harness says so", async () => {
    const dir = await migratedCopy("python-pytest-gitlab");
    folders.push(dir);
    const path = join(dir, "tests", "dagger_modules", "stack_run.py");
    const line = "        os.environ.update(your_env(self._stack.urls()))\n";
    expect(readFileSync(path, "utf8")).toContain(line);
    writeFileSync(path, readFileSync(path, "utf8").replace(line, ""));
    const result = await reported(dir, "never");
    expect(result.ok).toBe(false);
    expect(yourTestChecks(result).filter((check) => check.problem)).toEqual([
      {
        name: "your tests: tests/integration/test_orders.py passed against the stack",
        problem: "outcomes: skipped",
      },
    ]);
  });
});
