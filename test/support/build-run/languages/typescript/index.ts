import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { SCRIPTS, typeScriptNames } from "../../../../../src/render/typescript/names.js";
import { builderName } from "../../../../../src/render/typescript/stack-view.js";
import { isService } from "../../../../../src/spec/model.js";
import { projectEnv } from "../../child-env.js";
import { type ChildResult, runChild } from "../../child-process.js";
import { nothingToRun, stepFrom } from "../../steps.js";
import type { Selection, StepResult } from "../../types.js";
import type { LanguageHook, ProjectUnderTest, TestRun } from "../types.js";
import { dependencyStore, ensureStore, linkStore, notInStore, pinnedPackages } from "./dependency-store.js";
import { undeclaredImports } from "./imports.js";
import { selectedProjects, vitestFilterArgs } from "./vitest-args.js";
import { countsOf, readVitestReport, selectionProblems } from "./vitest-report.js";

const RECORD_ENTRY = join(dirname(fileURLToPath(import.meta.url)), "record-stack.ts");

export const typescriptHook: LanguageHook = {
  language: "typescript",
  // Node runs this harness, so its toolchain is here; npm fetches the rest into the store.
  missing: async () => undefined,
  prepare,
  install,
  typecheck: async (project) =>
    stepFrom("typecheck", await npmRun(project, SCRIPTS.typecheck, ["--noEmit", "--strict"], projectEnv())),
  test,
  record,
};

async function prepare(): Promise<void> {
  const { install: npm } = await ensureStore(dependencyStore());
  if (npm && npm.exitCode !== 0)
    throw new Error(`installing the shared dependency store failed:\n${npm.output}`);
}

async function install(project: ProjectUnderTest): Promise<StepResult> {
  const started = performance.now();
  const store = dependencyStore(project.storePackages);
  const { warm, install: npm } = await ensureStore(store);
  const base = { name: "install" as const, durationMs: performance.now() - started };
  if (npm && npm.exitCode !== 0)
    return { ...base, ok: false, output: npm.output, note: "npm install failed" };
  const problems = [...notInStore(store, project.dir).map((entry) => `not in the shared store: ${entry}`)];
  problems.push(...undeclaredImports(project.dir, new Set(Object.keys(pinnedPackages(project.dir)))));
  if (problems.length === 0) linkStore(store, project.dir);
  return {
    ...base,
    ok: problems.length === 0,
    output: [npm?.output ?? `store ${store.dir} already installed`, ...problems].join("\n"),
    note: warm ? "store warm" : "store cold",
  };
}

async function test(
  project: ProjectUnderTest,
  selection: Selection,
  env: NodeJS.ProcessEnv,
): Promise<TestRun> {
  if (selectedProjects(project.stack, selection).length === 0) {
    return { step: nothingToRun(), problems: [] };
  }
  const reportPath = join(dirname(project.dir), "vitest-report.json");
  const args = [
    ...vitestFilterArgs(project.stack, selection),
    ...(project.extraTestArgs ?? []),
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reportPath}`,
  ];
  const step = stepFrom("test", await npmRun(project, SCRIPTS.test, args, env));
  const report = readVitestReport(reportPath);
  if (!report) return { step: { ...step, ok: false, note: "no test report" }, problems: [] };
  return {
    step,
    counts: countsOf(report),
    problems: selectionProblems(report, project.dir, selection, step.ok),
  };
}

async function record(project: ProjectUnderTest, env: NodeJS.ProcessEnv): Promise<StepResult> {
  const names = typeScriptNames(project.stack);
  // Jobs are not built again: start() runs them.
  const builders = project.stack.services
    .filter((service) => !isService(service) && !service.job)
    .map(builderName);
  const payload = JSON.stringify({
    stackClass: names.stackClass,
    configFactory: names.configFactory,
    builders,
  });
  const tsx = join(project.dir, "node_modules", ".bin", "tsx");
  return stepFrom(
    "record",
    await runChild(tsx, [RECORD_ENTRY, project.dir, payload], { cwd: project.dir, env }),
  );
}

/** Through the generated package.json script, so the script itself is part of what is tested. */
function npmRun(
  project: ProjectUnderTest,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<ChildResult> {
  return runChild("npm", ["run", "--silent", script, "--", ...args], { cwd: project.dir, env });
}
