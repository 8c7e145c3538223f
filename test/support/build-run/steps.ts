import type { ChildResult } from "./child-process.js";
import type { StepName, StepResult } from "./types.js";

/** A step that ran a command: passed when it exited 0; `note` is shown when it passed. */
export function stepFrom(name: StepName, result: ChildResult, note?: string): StepResult {
  const failure = result.timedOut
    ? "timed out"
    : result.exitCode === 0
      ? undefined
      : `exit ${result.exitCode}`;
  const shown = failure ?? note;
  return {
    name,
    ok: result.exitCode === 0,
    durationMs: result.durationMs,
    output: result.output,
    ...(shown ? { note: shown } : {}),
  };
}

/** The test step when every generated test is excluded here: it passes, and says so. */
export function nothingToRun(): StepResult {
  return { name: "test", ok: true, durationMs: 0, output: "", note: "no generated test can run here" };
}
