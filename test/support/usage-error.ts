import { type Problem, UsageError } from "../../src/errors.js";

/** The problems of the UsageError `action` throws; any other error is rethrown, and no error fails the test. */
export function usageProblems(action: () => unknown): Problem[] {
  try {
    action();
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  throw new Error("expected a UsageError");
}
