import { semver } from "./semver.js";

/**
 * The oldest version of a dependency that the generated files work with, and what in them needs it. A
 * project's range that allows older versions is named with the range to bump it to; a range that allows
 * only versions at or above the minimum (whatever is newer) is fine and passes without a word.
 */
export interface Minimum {
  version: string;
  /** What needs it, in the user's terms: "`await using` in stack/stack.ts". */
  needs: string;
}

/** Whether `range` lets the package manager install a version older than `minimum`. Unknown forms (workspace:, catalog:, git URLs, tags) are the user's call. */
export function allowsOlder(range: string, minimum: string): boolean {
  const { validRange, minVersion, lt } = semver();
  const valid = validRange(range);
  const lowest = valid ? minVersion(valid) : null;
  return lowest !== null && lt(lowest, minimum);
}

/** `^1.6` → `^3.2.0`, `~5.4` → `~5.5.0`, `5.4.2` → `5.5.0`: the same kind of range, from the minimum. */
export function raisedRange(range: string, minimum: string): string {
  const trimmed = range.trim();
  if (trimmed.startsWith("~")) return `~${minimum}`;
  if (/^v?\d+\.\d+\.\d+$/.test(trimmed)) return minimum;
  return `^${minimum}`;
}
