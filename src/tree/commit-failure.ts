import { CancelledError, ChangedOnDiskError, CommitError, UnsafePathError } from "../errors.js";
import { describeFailure } from "./errno.js";

/**
 * How a failed commit is reported: a step's fs error is tied to the file it was writing, so the message
 * names it ("could not write stack/stack.ts: no space left on the device (ENOSPC)"), and it says whether
 * the rollback put everything back. Refusals (a link, a file saved meanwhile, a signal) pass through.
 */

/** A step's failure, tied to the file it was writing so that the message can name it. */
class StepFailure extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(describeFailure(cause), { cause });
  }
}

export async function step(path: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (isExpected(error)) throw error;
    throw new StepFailure(path, error);
  }
}

function isExpected(error: unknown): boolean {
  return (
    error instanceof CancelledError || error instanceof ChangedOnDiskError || error instanceof UnsafePathError
  );
}

export function failure(error: unknown, complete: boolean): Error {
  const outcome = complete
    ? "nothing was changed"
    : "some changes could not be undone; the next create-dagger-stack run in this folder restores them";
  if (complete && isExpected(error)) return error as Error;
  if (error instanceof StepFailure) {
    return new CommitError(`could not write ${error.path}: ${error.message}; ${outcome}`, {
      cause: error.cause,
    });
  }
  const reason = error instanceof CancelledError ? "interrupted" : describeFailure(error);
  return new CommitError(`could not write: ${reason}; ${outcome}`, { cause: error });
}
