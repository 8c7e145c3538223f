import { readFileSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectEnv } from "../support/build-run/child-env.js";
import { runChild } from "../support/build-run/child-process.js";
import { projectStorePackages } from "../support/build-run/index.js";
import { readJunitCases } from "../support/build-run/languages/python/junit-report.js";
import { ensureVenv, findPython, venvStore } from "../support/build-run/languages/python/venv-store.js";
import {
  dependencyStore,
  ensureStore,
  linkStore,
} from "../support/build-run/languages/typescript/dependency-store.js";
import { fixtureCopy, migratedCopy } from "./support.js";

/**
 * The user's own default test command on each fixture, with the real runner, before and after the
 * migration, without any engine: it must give exactly the same outcome for every test. The fixtures'
 * integration tests skip without their connection settings, as such suites do, so "the same" also says
 * the migration set no variable and pulled no stack test into the default run.
 */
type Outcomes = Record<string, string>;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function withNodeModules(dir: string): Promise<void> {
  const store = dependencyStore(projectStorePackages(dir));
  const { install } = await ensureStore(store);
  if (install && install.exitCode !== 0) throw new Error(`npm install failed:\n${install.output}`);
  linkStore(store, dir);
}

async function npm(dir: string, args: string[]): Promise<string> {
  const result = await runChild("npm", args, { cwd: dir, env: projectEnv() });
  if (result.exitCode !== 0) throw new Error(`npm ${args.join(" ")} failed in ${dir}:\n${result.output}`);
  return result.output;
}

/** `npm test` with Vitest's JSON report: "file > test" → passed / skipped / failed. */
async function vitestOutcomes(dir: string): Promise<Outcomes> {
  await withNodeModules(dir);
  const report = join(dirname(dir), `${relative(dirname(dir), dir)}-vitest.json`);
  await npm(dir, ["test", "--", "--reporter=json", `--outputFile=${report}`]);
  return jsonOutcomes(dir, report);
}

/** `npm test` with Jest's JSON report. */
async function jestOutcomes(dir: string): Promise<Outcomes> {
  await withNodeModules(dir);
  const report = join(dirname(dir), `${relative(dirname(dir), dir)}-jest.json`);
  await npm(dir, ["test", "--", "--json", `--outputFile=${report}`]);
  return jsonOutcomes(dir, report);
}

function jsonOutcomes(dir: string, report: string): Outcomes {
  folders.push(report);
  const parsed = JSON.parse(readFileSync(report, "utf8")) as {
    testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  return Object.fromEntries(
    parsed.testResults.flatMap((file) =>
      file.assertionResults.map((test) => [`${relative(dir, file.name)} > ${test.fullName}`, test.status]),
    ),
  );
}

/** `pytest`, as the pipeline runs it, with a JUnit report. */
async function pytestOutcomes(dir: string): Promise<Outcomes> {
  const store = venvStore();
  const { install } = await ensureVenv(store);
  if (install && install.exitCode !== 0) throw new Error(`the Python venv failed:\n${install.output}`);
  const report = join(dirname(dir), `${relative(dirname(dir), dir)}-junit.xml`);
  folders.push(report);
  const result = await runChild(
    store.python,
    ["-m", "pytest", "-p", "no:cacheprovider", `--junitxml=${report}`],
    {
      cwd: dir,
      env: { ...projectEnv(), PYTHONDONTWRITEBYTECODE: "1" },
    },
  );
  if (result.exitCode !== 0) throw new Error(`pytest failed in ${dir}:\n${result.output}`);
  return Object.fromEntries(
    (readJunitCases(report) ?? []).map((test) => [`${test.module}::${test.name}`, test.outcome]),
  );
}

/** Unit tests pass, integration tests skip (no connection settings here): the suites the fixtures hold. */
function expectUnitPassedIntegrationSkipped(outcomes: Outcomes): void {
  const entries = Object.entries(outcomes);
  expect(entries.length).toBeGreaterThan(1);
  for (const [test, outcome] of entries) {
    const skipped = outcome === "skipped" || outcome === "pending";
    expect([test, skipped]).toEqual([test, /integration/.test(test)]);
  }
}

async function beforeAndAfter(name: string, outcomesOf: (dir: string) => Promise<Outcomes>) {
  const before = fixtureCopy(name);
  const after = await migratedCopy(name);
  folders.push(before, after);
  return { before: await outcomesOf(before), after: await outcomesOf(after), afterDir: after };
}

const python = await findPython();

describe("the user's own default test run, before and after the migration, without an engine", () => {
  it("ts-vitest-api: `npm test` (Vitest) gives every test the same outcome, and `npm run typecheck` passes", async () => {
    const { before, after, afterDir } = await beforeAndAfter("ts-vitest-api", vitestOutcomes);
    expectUnitPassedIntegrationSkipped(before);
    expect(after).toEqual(before);
    await npm(afterDir, ["run", "typecheck"]);
  });

  it("jest-js: `npm test` (Jest) gives every test the same outcome", async () => {
    const { before, after } = await beforeAndAfter("jest-js", jestOutcomes);
    expectUnitPassedIntegrationSkipped(before);
    expect(after).toEqual(before);
  });

  it.skipIf(!python)(
    `python-pytest-gitlab: \`pytest\` gives every test the same outcome${python ? "" : " (skipped: no Python 3.11 or newer)"}`,
    async () => {
      const { before, after } = await beforeAndAfter("python-pytest-gitlab", pytestOutcomes);
      expectUnitPassedIntegrationSkipped(before);
      expect(after).toEqual(before);
    },
  );

  it.skipIf(!python)(
    `python-pytest-gitlab: only a run whose \`-m\` selects the stack's tests starts the stack, and then takes the user's integration tests${python ? "" : " (skipped: no Python 3.11 or newer)"}`,
    async () => {
      const dir = await migratedCopy("python-pytest-gitlab");
      folders.push(dir);
      const store = venvStore();
      const { install } = await ensureVenv(store);
      if (install && install.exitCode !== 0) throw new Error(`the Python venv failed:\n${install.output}`);
      // No engine here: a Dagger CLI that is not there makes a start fail at once, saying so.
      const env = {
        ...projectEnv(),
        PYTHONDONTWRITEBYTECODE: "1",
        _EXPERIMENTAL_DAGGER_CLI_BIN: join(dir, "no-dagger"),
      };
      const pytest = (args: string[]) =>
        runChild(store.python, ["-m", "pytest", "-p", "no:cacheprovider", ...args], { cwd: dir, env });
      const notStarted = /the Dagger stack did not start/;
      for (const args of [
        [],
        ["-m", "not stack"],
        ["-m", "db"],
        ["--collect-only", "-q", "-m", "stack", "tests"],
      ]) {
        const result = await pytest(args);
        // 5: every test deselected, nothing to run.
        const ran = result.exitCode === 0 || result.exitCode === 5;
        expect([args, ran, notStarted.test(result.output)]).toEqual([args, true, false]);
      }
      const listed = await pytest(["--collect-only", "-q", "-m", "stack", "tests"]);
      expect(listed.output).toContain(
        "tests/integration/test_orders.py::test_saves_an_order_and_reads_it_back",
      );
      for (const selection of ["stack", "stack and not matrix", "(stack or db) and not matrix"]) {
        const result = await pytest(["-m", selection, "tests"]);
        expect([selection, result.exitCode, notStarted.test(result.output)]).toEqual([selection, 4, true]);
      }
    },
  );
});
