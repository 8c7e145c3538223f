import {
  AnchorError,
  CancelledError,
  CommitError,
  ConflictError,
  DependencyConflictError,
  type Problem,
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
      hint: "check that the folder is writable and try again",
    };
  }
  if (error instanceof CancelledError)
    return { code: EXIT.cancelled, message: "cancelled: nothing was written", problems: [] };
  return unexpected(error);
}

function conflictReport(error: ConflictError): ErrorReport {
  return {
    code: EXIT.failure,
    message: `${error.paths.length} generated file(s) were changed since they were generated; nothing was written`,
    problems: error.paths.map((path) => ({ path, message: "differs from what create-dagger-stack wrote" })),
    hint: "review with --dry-run --diff; --force overwrites them; in a terminal you are asked file by file",
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
