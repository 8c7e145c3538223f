import type { PipelineCheck } from "../types.js";

/** A check named `name` that holds, or fails with `problem`. */
export function check(name: string, problem?: string | false): PipelineCheck {
  return problem ? { name, problem } : { name };
}

/** Every check of a list that failed. */
export function failed(checks: readonly PipelineCheck[]): PipelineCheck[] {
  return checks.filter((entry) => entry.problem !== undefined);
}
