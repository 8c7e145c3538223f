import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { builderName, PACKAGE, pythonNames } from "../../../../../src/render/python/names.js";
import { MIN_PYTHON } from "../../../../../src/render/python/packages.js";
import { isService } from "../../../../../src/spec/model.js";
import { projectEnv } from "../../child-env.js";
import { type ChildResult, runChild } from "../../child-process.js";
import { nothingToRun, stepFrom } from "../../steps.js";
import type { Selection, StepResult } from "../../types.js";
import type { LanguageHook, ProjectUnderTest, TestRun } from "../types.js";
import { undeclaredPythonImports } from "./imports.js";
import { junitCounts, pytestSelectionProblems, readJunitCases } from "./junit-report.js";
import { pytestFilterArgs, selectsAnything, TESTS_DIR } from "./pytest-args.js";
import { ensureVenv, findPython, notInVenv, pinnedPythonPackages, venvStore } from "./venv-store.js";

const RECORD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "record_stack.py");
/** Without `-p no:cacheprovider`, pytest's cache would land in the generated project. */
const PYTEST_BASE = ["-m", "pytest", "-p", "no:cacheprovider", "--strict-markers"];

export const pythonHook: LanguageHook = {
  language: "python",
  missing: async () => ((await findPython()) ? undefined : `no Python ${MIN_PYTHON} or newer on PATH`),
  prepare,
  install,
  typecheck,
  test,
  record,
};

/** No static type checker is pinned for generated Python: collecting imports every module and fixture. */
async function typecheck(project: ProjectUnderTest): Promise<StepResult> {
  const collect = await python(
    project,
    [...PYTEST_BASE, "--collect-only", "-q", "-m", "stack", TESTS_DIR],
    projectEnv(),
  );
  return stepFrom("typecheck", collect, "pytest --collect-only");
}

async function prepare(): Promise<void> {
  const { install: pip } = await ensureVenv(venvStore());
  if (pip && pip.exitCode !== 0) throw new Error(`creating the shared Python venv failed:\n${pip.output}`);
}

async function install(project: ProjectUnderTest): Promise<StepResult> {
  const started = performance.now();
  const store = venvStore();
  const { warm, install: pip } = await ensureVenv(store);
  const base = { name: "install" as const, durationMs: performance.now() - started };
  if (pip && pip.exitCode !== 0)
    return { ...base, ok: false, output: pip.output, note: "venv install failed" };
  const problems = notInVenv(store, project.dir).map((entry) => `not in the shared venv: ${entry}`);
  problems.push(...undeclaredPythonImports(project.dir, store.packages, pinnedPythonPackages(project.dir)));
  return {
    ...base,
    ok: problems.length === 0,
    output: [pip?.output ?? `venv ${store.dir} already installed`, ...problems].join("\n"),
    note: warm ? "venv warm" : "venv cold",
  };
}

async function test(
  project: ProjectUnderTest,
  selection: Selection,
  env: NodeJS.ProcessEnv,
): Promise<TestRun> {
  if (!selectsAnything(selection)) {
    return { step: nothingToRun(), problems: [] };
  }
  const reportPath = join(dirname(project.dir), "pytest-junit.xml");
  const args = [
    ...PYTEST_BASE,
    TESTS_DIR,
    ...pytestFilterArgs(project.stack, selection),
    ...(project.extraTestArgs ?? []),
    `--junitxml=${reportPath}`,
  ];
  const step = stepFrom("test", await python(project, args, env));
  const cases = readJunitCases(reportPath);
  if (!cases) return { step: { ...step, ok: false, note: "no test report" }, problems: [] };
  const problems = pytestSelectionProblems(cases, project.dir, project.stack, selection, step.ok);
  return { step, counts: junitCounts(cases), problems };
}

async function record(project: ProjectUnderTest, env: NodeJS.ProcessEnv): Promise<StepResult> {
  const names = pythonNames(project.stack);
  // Jobs are not built again: start() runs them.
  const builders = project.stack.services
    .filter((service) => !isService(service) && !service.job)
    .map(builderName);
  const payload = JSON.stringify({
    package: PACKAGE,
    stackClass: names.stackClass,
    configClass: names.configClass,
    builders,
  });
  return stepFrom("record", await python(project, [RECORD_ENTRY, project.dir, payload], env));
}

function python(project: ProjectUnderTest, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  return runChild(venvStore().python, args, {
    cwd: project.dir,
    env: { ...env, PYTHONDONTWRITEBYTECODE: "1" },
  });
}
