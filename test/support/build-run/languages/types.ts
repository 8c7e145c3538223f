import type { Language, NormalizedStack } from "../../../../src/spec/model.js";
import type { Selection, StepResult, TestCounts } from "../types.js";

export interface ProjectUnderTest {
  dir: string;
  stack: NormalizedStack;
  /** --project: a migrated project whose stack test run runs tests of the user's too. */
  runsYourTests?: boolean;
  /** --project: arguments the stack test run of a migrated project adds (Vitest: `--project integration`). */
  extraTestArgs?: string[];
  /** --project: the packages a TypeScript project pins, for a dependency store that holds them too. */
  storePackages?: Record<string, string>;
}

export interface TestRun {
  step: StepResult;
  counts?: TestCounts;
  /** Ways the run did not honour the selection (an excluded test ran, a selected one did not). */
  problems: string[];
}

/**
 * What differs between languages of generated output. The harness around it (real servers, stand-in,
 * test selection, pipeline checks) is shared: a hook maps them onto the language's tools.
 */
export interface LanguageHook {
  language: Language;
  /** Why this language's toolchain is missing here (say, no Python new enough), or undefined. */
  missing(): Promise<string | undefined>;
  /** Fills the shared caches (the dependency store) once, before build-runs share them. */
  prepare(): Promise<void>;
  /** Makes the project's pinned dev dependencies available (a shared store, linked in). */
  install(project: ProjectUnderTest): Promise<StepResult>;
  typecheck(project: ProjectUnderTest): Promise<StepResult>;
  /** Runs the project's own test suite as a child process, filtered to `selection`. */
  test(project: ProjectUnderTest, selection: Selection, env: NodeJS.ProcessEnv): Promise<TestRun>;
  /** Through the generated code: starts the whole stack and builds every container that is not a service. */
  record(project: ProjectUnderTest, env: NodeJS.ProcessEnv): Promise<StepResult>;
}
