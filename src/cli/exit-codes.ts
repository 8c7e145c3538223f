import {
  AnchorError,
  CancelledError,
  ChangedOnDiskError,
  CommitError,
  ConflictError,
  type ConflictReason,
  DependencyConflictError,
  InterruptedRunError,
  LockedError,
  type Problem,
  UnsafePathError,
  UsageError,
} from "../errors.js";
import type { Io } from "./io.js";

/**
 * The one place errors become exit codes and text on stderr: 0 ok, 1 failure, 2 usage, 130 cancelled.
 * Anything not typed here is a bug: it exits 1 with its stack trace.
 */
export const EXIT = { ok: 0, failure: 1, usage: 2, cancelled: 130 } as const;

interface ErrorReport {
  code: number;
  /** First line; `error: ` is prepended unless the run was cancelled. */
  message: string;
  problems: Problem[];
  hint?: string;
}

export function reportError(error: unknown, io: Io): number {
  const described = describe(error);
  const { red, dim } = io.errorColors;
  io.printError(
    described.code === EXIT.cancelled ? described.message : `${red("error:")} ${described.message}`,
  );
  for (const problem of described.problems) printProblem(io, problem);
  if (described.hint) io.printError(`  ${dim("hint:")} ${described.hint}`);
  return described.code;
}

function printProblem(io: Io, problem: Problem): void {
  const { bold, dim } = io.errorColors;
  io.printError(`  ${bold(`${problem.path}:`)} ${problem.message}`);
  if (problem.hint) io.printError(`    ${dim("hint:")} ${problem.hint}`);
}

function describe(error: unknown): ErrorReport {
  if (error instanceof UsageError) {
    const count = error.problems.length;
    return {
      code: EXIT.usage,
      message: `invalid input${count > 1 ? ` (${count} problems)` : ""}; nothing was written`,
      problems: error.problems,
    };
  }
  if (error instanceof ConflictError) return conflictReport(error);
  if (error instanceof DependencyConflictError) {
    return {
      code: EXIT.failure,
      message: `${error.message}; nothing was written`,
      problems: error.problems,
      hint: "--force keeps your requirements as they are and writes everything else",
    };
  }
  if (error instanceof AnchorError) {
    return {
      code: EXIT.failure,
      message: `${error.message}; nothing was written`,
      problems: [],
      hint: error.hint,
    };
  }
  if (error instanceof CommitError) {
    return {
      code: EXIT.failure,
      message: error.message,
      problems: [],
      hint: "check that the folder is writable and has space left, then try again",
    };
  }
  return describeFolderState(error) ?? describeOther(error);
}

/** The folder's state stopped the run: links, a lock, a half-written earlier run, a file saved meanwhile. */
function describeFolderState(error: unknown): ErrorReport | undefined {
  if (error instanceof UnsafePathError) {
    return {
      code: EXIT.usage,
      message: `cannot write through ${error.path}; nothing was written`,
      problems: [{ path: error.path, message: error.problem, hint: error.hint }],
    };
  }
  if (error instanceof ChangedOnDiskError) {
    return {
      code: EXIT.failure,
      message: "a file changed on disk while create-dagger-stack was running; nothing was written",
      problems: error.paths.map((path) => ({ path, message: "changed after this run read it" })),
      hint: "another program (an editor, another run) saved it: run the command again to plan with it",
    };
  }
  if (error instanceof LockedError) {
    return { code: EXIT.failure, message: error.message, problems: [], hint: error.hint };
  }
  if (error instanceof InterruptedRunError) {
    return {
      code: EXIT.failure,
      message: error.message,
      problems: error.steps.map((step, index) => ({ path: `${index + 1}`, message: step })),
    };
  }
  return undefined;
}

function describeOther(error: unknown): ErrorReport {
  if (error instanceof CancelledError)
    return { code: EXIT.cancelled, message: "cancelled: nothing was written", problems: [] };
  return unexpected(error);
}

/** How a conflicting file is described, in a sentence about it (errors, prompts). */
export const REASON_TEXT: Readonly<Record<ConflictReason, string>> = {
  edited: "was changed since it was generated",
  foreign: "exists and was not written by create-dagger-stack",
  damaged: "is a damaged create-dagger-stack manifest (not valid JSON)",
};

function conflictReport(error: ConflictError): ErrorReport {
  return {
    code: EXIT.failure,
    message: `${error.conflicts.length} file(s) would be overwritten that create-dagger-stack did not write as they are; nothing was written`,
    problems: error.conflicts.map(({ path, reason }) => ({ path, message: REASON_TEXT[reason] })),
    hint: "review with --dry-run --diff; --force overwrites them and keeps a copy in .dagger-stack/backups/; in a terminal you are asked file by file",
  };
}

function unexpected(error: unknown): ErrorReport {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    code: EXIT.failure,
    message: `unexpected failure (a bug in create-dagger-stack; please report it)\n${detail}`,
    problems: [],
  };
}
