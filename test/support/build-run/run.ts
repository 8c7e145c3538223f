import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadStack } from "../../../src/spec/load.js";
import type { NormalizedStack } from "../../../src/spec/model.js";
import { readSpecFile } from "../../../src/spec/read.js";
import {
  childProcessEnv,
  type RecordedPipeline,
  type StandInOptions,
  startEngineStandIn,
} from "../engine/index.js";
import { projectEnv } from "./child-env.js";
import { BUILT_CLI_COMMAND, type CliCommand, runCreate, runCreateAgain } from "./cli.js";
import { type LanguageHook, languageHook, type ProjectUnderTest, type TestRun } from "./languages/index.js";
import { checkRunPipeline, checkStackPipeline, withProjectRelativePaths } from "./pipeline/index.js";
import { startServersFor } from "./real-servers.js";
import { secretLeakCheck } from "./secret-leaks.js";
import { selectTests } from "./selection.js";
import type { BuildRunResult, PipelineCheck, Selection, StepResult } from "./types.js";

export interface BuildRunOptions {
  specFile: string;
  /** Defaults to the built CLI (`node dist/bin.cjs`); callers make sure it is built. */
  cli?: CliCommand;
  /** Run `create` a second time before building: it must change nothing. */
  createTwice?: boolean;
  /** Passed to the stand-in of the generated test run, to make a build step fail. */
  failExec?: StandInOptions["failExec"];
  /** Keep the generated project: "on-failure" (default) prints where it is. */
  keep?: "always" | "on-failure" | "never";
  log?: (line: string) => void;
}

/**
 * Generates a project from a spec with the CLI, installs, type-checks and runs its own tests against the
 * engine stand-in and real servers, then checks what the stack asked the engine to do.
 */
export async function buildRun(options: BuildRunOptions): Promise<BuildRunResult> {
  const started = performance.now();
  const specFile = resolve(options.specFile);
  const stack = loadStack(await readSpecFile(specFile), specFile);
  const hook = languageHook(stack.language);
  const workDir = mkdtempSync(join(tmpdir(), `build-run-${stack.names.kebab}-`));
  const project: ProjectUnderTest = { dir: join(workDir, "project"), stack };
  const log = options.log ?? (() => undefined);
  const run = new RunState(specFile, stack, project.dir);
  try {
    await generate(run, options, project, specFile, log);
    if (run.stepsOk) await buildAndTest(run, hook, project, options, log);
  } finally {
    const keep = options.keep ?? "on-failure";
    run.kept = keep === "always" || (keep === "on-failure" && !run.passed);
    if (run.kept) log(`kept ${project.dir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
  return run.result(performance.now() - started);
}

/** What a build-run has found so far. */
export class RunState {
  steps: StepResult[] = [];
  selection: Selection = { smoke: [], matrix: [], excluded: [], servers: {} };
  tests: TestRun["counts"];
  checks: PipelineCheck[] = [];
  engineErrors: string[] = [];
  runPipeline: RecordedPipeline | undefined;
  stackPipeline: RecordedPipeline | undefined;
  kept = false;

  constructor(
    private readonly specFile: string,
    private readonly stack: NormalizedStack,
    private readonly projectDir: string,
  ) {}

  add(step: StepResult, log: (line: string) => void): StepResult {
    this.steps.push(step);
    log(`${step.name}: ${step.ok ? "ok" : "FAILED"}${step.note ? ` (${step.note})` : ""}`);
    return step;
  }

  get stepsOk(): boolean {
    return this.steps.every((step) => step.ok);
  }

  /** Every step passed, every pipeline check held, the engine saw only valid queries, and the stack was recorded. */
  get passed(): boolean {
    const checksOk = this.checks.every((check) => !check.problem);
    return this.stepsOk && checksOk && this.engineErrors.length === 0 && this.stackPipeline !== undefined;
  }

  result(durationMs: number): BuildRunResult {
    return {
      specFile: this.specFile,
      stack: this.stack,
      language: this.stack.language,
      ok: this.passed,
      ...(this.kept ? { keptAt: this.projectDir } : {}),
      steps: this.steps,
      selection: this.selection,
      ...(this.tests ? { tests: this.tests } : {}),
      checks: this.checks,
      engineErrors: this.engineErrors,
      ...(this.runPipeline ? { runPipeline: this.runPipeline } : {}),
      ...(this.stackPipeline ? { stackPipeline: this.stackPipeline } : {}),
      durationMs,
    };
  }
}

async function generate(
  run: RunState,
  options: BuildRunOptions,
  project: ProjectUnderTest,
  specFile: string,
  log: (line: string) => void,
): Promise<void> {
  const cli = options.cli ?? BUILT_CLI_COMMAND;
  mkdirSync(project.dir);
  run.add(await runCreate(cli, project.dir, specFile, "create"), log);
  if (run.stepsOk && options.createTwice) run.add(await runCreateAgain(cli, project.dir, specFile), log);
}

export async function buildAndTest(
  run: RunState,
  hook: LanguageHook,
  project: ProjectUnderTest,
  options: BuildRunOptions,
  log: (line: string) => void,
): Promise<void> {
  if (!run.add(await hook.install(project), log).ok) return;
  // Independent of each other, so they overlap; a type error does not stop the tests, whose results say
  // how far the generated code still gets.
  const [typecheck, tests, recording] = await Promise.all([
    hook.typecheck(project),
    runGeneratedTests(hook, project, options, log),
    recordWholeStack(hook, project),
  ]);
  for (const step of [typecheck, tests.step, recording.step]) run.add(step, log);
  run.selection = tests.selection;
  run.tests = tests.counts;
  run.runPipeline = tests.pipeline;
  run.stackPipeline = recording.pipeline;
  run.engineErrors.push(...tests.engineErrors, ...recording.engineErrors);
  if (run.stackPipeline) run.checks.push(...checkStackPipeline(project.stack, run.stackPipeline));
  if (run.runPipeline)
    run.checks.push(...checkRunPipeline(project.stack, run.runPipeline, run.selection, tests.step.ok));
  run.checks.push(tests.secretLeaks);
}

interface GeneratedTestRun {
  step: StepResult;
  selection: Selection;
  counts: TestRun["counts"];
  pipeline: RecordedPipeline;
  engineErrors: string[];
  secretLeaks: PipelineCheck;
}

/** The project's own tests, against a stand-in whose tunnels lead to real servers started for this run. */
async function runGeneratedTests(
  hook: LanguageHook,
  project: ProjectUnderTest,
  options: BuildRunOptions,
  log: (line: string) => void,
): Promise<GeneratedTestRun> {
  const servers = await startServersFor(project.stack);
  try {
    const selection = selectTests(project.stack, servers.here);
    for (const { unit, reason } of selection.excluded) log(`excluded ${JSON.stringify(unit)}: ${reason}`);
    const standIn = await startEngineStandIn({
      realServices: servers.realServices,
      ...(options.failExec ? { failExec: options.failExec } : {}),
    });
    try {
      const variables = hostVariables(project.stack);
      const env = { ...childProcessEnv(standIn, projectEnv()), ...variables };
      const testRun = await hook.test(project, selection, env);
      const secrets = [...standIn.secretValues(), ...Object.values(variables)];
      return {
        secretLeaks: secretLeakCheck(secrets, testRun.step.output, project.dir),
        step: withSelectionProblems(testRun),
        selection,
        counts: testRun.counts,
        pipeline: withProjectRelativePaths(standIn.pipeline(), project.dir),
        engineErrors: standIn.errors(),
      };
    } finally {
      await standIn.close();
    }
  } finally {
    await servers.stop();
  }
}

/**
 * The variables a stack reads from the machine it runs on (`env://VAR`, a secret `fromEnv`), set as a user
 * sets them before a run; the engine would refuse to start the stack without them.
 */
function hostVariables(stack: NormalizedStack): Record<string, string> {
  const names = [
    ...stack.services.flatMap((service) =>
      service.env.flatMap((entry) => (entry.type === "hostEnv" ? [entry.variable] : [])),
    ),
    ...stack.secrets.flatMap((secret) => ("fromEnv" in secret ? [secret.fromEnv] : [])),
  ];
  return Object.fromEntries(names.map((name) => [name, `build-run-${name.toLowerCase()}`]));
}

function withSelectionProblems({ step, problems }: TestRun): StepResult {
  if (problems.length === 0) return step;
  return { ...step, ok: false, output: [step.output, ...problems].join("\n"), note: problems[0] };
}

/** In a stand-in of its own, so the test run's recording stays exactly what the tests did. */
async function recordWholeStack(
  hook: LanguageHook,
  project: ProjectUnderTest,
): Promise<{ step: StepResult; pipeline?: RecordedPipeline; engineErrors: string[] }> {
  const standIn = await startEngineStandIn();
  try {
    const step = await hook.record(project, childProcessEnv(standIn, projectEnv()));
    const pipeline = step.ok ? withProjectRelativePaths(standIn.pipeline(), project.dir) : undefined;
    return { step, ...(pipeline ? { pipeline } : {}), engineErrors: standIn.errors() };
  } finally {
    await standIn.close();
  }
}
