import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve } from "node:path";
import { MANIFEST_PATH } from "../../../src/plan/manifest.js";
import { isStackFile } from "../../../src/plan/migrate/tests.js";
import { JEST_STACK_SCRIPT, YOUR_TESTS_PROJECT } from "../../../src/plan/migrate/tests-model.js";
import { STACK_RUN_PLUGIN } from "../../../src/plan/migrate/tests-pytest-command.js";
import { PATHS } from "../../../src/render/typescript/names.js";
import { loadStack } from "../../../src/spec/load.js";
import type { NormalizedStack } from "../../../src/spec/model.js";
import { childProcessEnv, startEngineStandIn } from "../engine/index.js";
import { projectEnv } from "./child-env.js";
import { runChild } from "./child-process.js";
import { languageHook, type ProjectUnderTest } from "./languages/index.js";
import { readJunitCases } from "./languages/python/junit-report.js";
import { dependencyUnion, pinnedPackages } from "./languages/typescript/dependency-store.js";
import { readVitestReport } from "./languages/typescript/vitest-report.js";
import { check } from "./pipeline/check.js";
import { checkRunPipeline, withProjectRelativePaths } from "./pipeline/index.js";
import { startServersFor } from "./real-servers.js";
import { buildAndTest, RunState } from "./run.js";
import { selectTests } from "./selection.js";
import { stepFrom } from "./steps.js";
import type { BuildRunResult, PipelineCheck, StepResult } from "./types.js";

/**
 * `npm run build-run -- --project <dir>`: a folder that already holds a generated or migrated project
 * (it has a dagger-stack.json) goes through the same harness as a generated one. It is copied first, so
 * the folder itself is never touched; the spec comes from the manifest. A migrated project's own tests
 * that need the stack run in its stack test run too, and must run and pass there, not skip.
 */
export interface ProjectRunOptions {
  projectDir: string;
  keep?: "always" | "on-failure" | "never";
  log?: (line: string) => void;
}

/** What is not the project's: installed dependencies, VCS data, caches and the tool's state. */
const NOT_COPIED = new Set([
  "node_modules",
  ".git",
  ".venv",
  "venv",
  "__pycache__",
  ".pytest_cache",
  ".dagger-stack",
]);

export async function buildRunProject(options: ProjectRunOptions): Promise<BuildRunResult> {
  const started = performance.now();
  const source = resolve(options.projectDir);
  const manifest = join(source, MANIFEST_PATH);
  const stack = loadStack(manifestSpec(manifest), manifest);
  const hook = languageHook(stack.language);
  const workDir = mkdtempSync(join(tmpdir(), `build-run-${stack.names.kebab}-`));
  const project: ProjectUnderTest = { dir: join(workDir, "project"), stack };
  const log = options.log ?? (() => undefined);
  const run = new RunState(manifest, stack, project.dir);
  try {
    run.add(copyProject(source, project.dir), log);
    if (run.stepsOk) {
      Object.assign(project, migratedExtras(project.dir, stack));
      await buildAndTest(run, hook, project, { specFile: manifest }, log);
      if (run.steps.some((step) => step.name === "test" && step.ok))
        run.checks.push(...yourTestChecks(project, workDir));
      if (hasJestStackRun(project.dir)) await runJestStackRun(run, project, workDir, log);
    }
  } finally {
    const keep = options.keep ?? "on-failure";
    run.kept = keep === "always" || (keep === "on-failure" && !run.passed);
    if (run.kept) log(`kept ${project.dir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  return run.result(performance.now() - started);
}

function manifestSpec(path: string): unknown {
  if (!existsSync(path))
    throw new Error(`${dirname(path)} holds no ${MANIFEST_PATH}: not a generated or migrated project`);
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { spec?: unknown };
  if (!manifest.spec) throw new Error(`${path} has no spec`);
  return manifest.spec;
}

function copyProject(source: string, target: string): StepResult {
  const started = performance.now();
  cpSync(source, target, { recursive: true, filter: (path) => !NOT_COPIED.has(basename(path)) });
  return { name: "copy", ok: true, durationMs: performance.now() - started, output: `copied ${source}` };
}

/** How a migrated project's stack test run reaches the user's tests, read from what migrate wrote. */
function migratedExtras(dir: string, stack: NormalizedStack): Partial<ProjectUnderTest> {
  if (stack.language === "python") {
    // The harness runs `pytest tests -m "stack and ..."`: the stack-run plugin marks the user's tests `stack`.
    const conftest = readOrEmpty(join(dir, "tests", "conftest.py"));
    return conftest.includes(STACK_RUN_PLUGIN) ? { runsYourTests: true } : {};
  }
  const vitestConfig = readOrEmpty(join(dir, PATHS.vitestConfig));
  const storePackages = projectStorePackages(dir);
  const yours = vitestConfig.includes(`name: "${YOUR_TESTS_PROJECT}"`);
  return {
    storePackages,
    ...(yours ? { runsYourTests: true, extraTestArgs: ["--project", YOUR_TESTS_PROJECT] } : {}),
  };
}

/**
 * What a TypeScript project's store holds: every package a generated project can pin, and the project's
 * own pins (its test runner, say). Sorted, so that projects pinning the same packages share a store.
 */
export function projectStorePackages(dir: string): Record<string, string> {
  const packages = { ...dependencyUnion(), ...pinnedPackages(dir) };
  return Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b)));
}

/** The user's tests in the stack test run's report: there must be some, and none may fail or skip. */
function yourTestChecks(project: ProjectUnderTest, workDir: string): PipelineCheck[] {
  if (!project.runsYourTests) return [];
  const results = yourResults(project, workDir);
  const ran = check("your tests: ran in the stack test run", results.length === 0 && "none of them ran");
  return [
    ran,
    ...results.map(({ file, outcomes }) =>
      check(
        `your tests: ${file} passed against the stack`,
        outcomes.some((outcome) => outcome !== "passed") && `outcomes: ${outcomes.join(", ")}`,
      ),
    ),
  ];
}

interface FileOutcomes {
  file: string;
  outcomes: string[];
}

function yourResults(project: ProjectUnderTest, workDir: string): FileOutcomes[] {
  if (project.stack.language === "python") {
    const cases = readJunitCases(join(workDir, "pytest-junit.xml")) ?? [];
    const byFile = new Map<string, string[]>();
    for (const entry of cases) {
      const file = `${entry.module.replaceAll(".", "/")}.py`;
      if (!isStackFile(file)) byFile.set(file, [...(byFile.get(file) ?? []), entry.outcome]);
    }
    return [...byFile].map(([file, outcomes]) => ({ file, outcomes }));
  }
  const report = readVitestReport(join(workDir, "vitest-report.json"));
  return (report?.testResults ?? [])
    .map((file) => ({
      file: relative(project.dir, file.name),
      outcomes: file.assertionResults.map((test) => test.status),
    }))
    .filter(({ file }) => !isStackFile(file));
}

function hasJestStackRun(dir: string): boolean {
  return readOrEmpty(join(dir, "package.json")).includes(`"${JEST_STACK_SCRIPT}"`);
}

/** Jest's stack test run starts a stack of its own: a stand-in of its own records it. */
async function runJestStackRun(
  run: RunState,
  project: ProjectUnderTest,
  workDir: string,
  log: (line: string) => void,
): Promise<void> {
  const servers = await startServersFor(project.stack);
  try {
    const selection = selectTests(project.stack, servers.here);
    const standIn = await startEngineStandIn({ realServices: servers.realServices });
    try {
      const reportPath = join(workDir, "jest-report.json");
      const args = ["run", "--silent", JEST_STACK_SCRIPT, "--", "--json", `--outputFile=${reportPath}`];
      const env = childProcessEnv(standIn, projectEnv());
      const step = run.add(
        stepFrom("your tests", await runChild("npm", args, { cwd: project.dir, env })),
        log,
      );
      const pipeline = withProjectRelativePaths(standIn.pipeline(), project.dir);
      run.engineErrors.push(...standIn.errors());
      run.checks.push(...checkRunPipeline(project.stack, pipeline, { ...selection, smoke: [] }, step.ok));
      run.checks.push(...jestChecks(reportPath, project.dir));
    } finally {
      await standIn.close();
    }
  } finally {
    await servers.stop();
  }
}

interface JestReport {
  testResults: { name: string; assertionResults: { status: string }[] }[];
}

function jestChecks(reportPath: string, projectDir: string): PipelineCheck[] {
  const report = existsSync(reportPath)
    ? (JSON.parse(readFileSync(reportPath, "utf8")) as JestReport)
    : undefined;
  const files = report?.testResults ?? [];
  return [
    check("your tests (Jest): ran in the stack test run", files.length === 0 && "none of them ran"),
    ...files.map((file) => {
      const outcomes = file.assertionResults.map((test) => test.status);
      return check(
        `your tests (Jest): ${relative(projectDir, file.name)} passed against the stack`,
        (outcomes.length === 0 || outcomes.some((outcome) => outcome !== "passed")) &&
          `outcomes: ${outcomes.join(", ") || "none"}`,
      );
    }),
  ];
}

function readOrEmpty(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
