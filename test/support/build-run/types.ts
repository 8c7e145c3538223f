import type { Language, NormalizedStack } from "../../../src/spec/model.js";
import type { RecordedPipeline } from "../engine/index.js";

/** One thing the harness did to the generated project: create it, install, type-check, test, record. */
export interface StepResult {
  name: StepName;
  ok: boolean;
  durationMs: number;
  /** What the step printed (the command's output), kept whole for failure reports. */
  output: string;
  /** A short note for the summary line, e.g. "store warm" or "no changes". */
  note?: string;
}

export type StepName =
  | "create"
  | "create again"
  /** --project: the project copied into the build-run's own folder. */
  | "copy"
  | "install"
  | "typecheck"
  | "test"
  /** --project: a stack test run of the project's own tests that is not the generated suite's (Jest). */
  | "your tests"
  | "record";

/**
 * A unit of the generated test suite the harness can select, named the same way for every language:
 * a service's smoke tests, one test in them (an extension's), or one entry of the testing matrix.
 */
export type TestUnit =
  | { kind: "smoke"; service: string }
  | { kind: "smokeTest"; service: string; extension: string }
  | { kind: "matrix"; axis: string; target: string };

export interface Exclusion {
  unit: TestUnit;
  reason: string;
}

export interface Selection {
  /** Smoke suites of these services run (minus `excluded` smokeTest units). */
  smoke: string[];
  /** Matrix entries that run. */
  matrix: { axis: string; target: string }[];
  excluded: Exclusion[];
  /** The real server each service whose tests run talks to, described (e.g. "MariaDB 10.11.19"). */
  servers: Record<string, string>;
}

export interface TestCounts {
  passed: number;
  failed: number;
  /** Tests the run reported as skipped: those the harness filtered out by name, or skipped by the suite. */
  skipped: number;
}

/** One assertion about a recorded pipeline; `problem` is set when it does not hold. */
export interface PipelineCheck {
  name: string;
  problem?: string;
}

export interface BuildRunResult {
  specFile: string;
  stack: NormalizedStack;
  language: Language;
  ok: boolean;
  /** The generated project, when kept (on failure by default). */
  keptAt?: string;
  steps: StepResult[];
  selection: Selection;
  tests?: TestCounts;
  /** Checks over both recordings: the generated test run's and the whole stack's. */
  checks: PipelineCheck[];
  engineErrors: string[];
  /** What the generated tests did, through the stand-in. */
  runPipeline?: RecordedPipeline;
  /** The whole stack started and every container built, recorded apart from the test run. */
  stackPipeline?: RecordedPipeline;
  durationMs: number;
}
