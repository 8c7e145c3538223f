import { maskCredentials } from "./spec/secrets.js";

/**
 * Typed errors, mapped to exit codes in one place (cli/exit-codes.ts). Anything else that escapes is a bug
 * and exits 1 with its stack trace.
 */

export interface Problem {
  /** Where the problem is: a spec path such as `services[1].port`, or a flag such as `--port`. */
  path: string;
  message: string;
  hint?: string;
}

/**
 * The user asked for something we cannot do: bad flags, an invalid spec. Exit 2. A message that quotes a
 * rejected value never shows a credential in it (a password in a URL, an API key, a token), nor a control
 * character that would move the cursor or recolour the terminal.
 */
export class UsageError extends Error {
  readonly problems: Problem[];
  constructor(
    problems: Problem[] | Problem,
    readonly source?: string,
  ) {
    const list = (Array.isArray(problems) ? problems : [problems]).map(masked);
    super(list.map((problem) => `${problem.path}: ${problem.message}`).join("\n"));
    this.name = "UsageError";
    this.problems = list;
  }
}

function masked(problem: Problem): Problem {
  return {
    ...problem,
    path: shown(problem.path),
    message: shown(problem.message),
    ...(problem.hint !== undefined && { hint: shown(problem.hint) }),
  };
}

/** Text safe to print: credentials masked, control characters (ESC, NUL, line breaks) escaped as \uXXXX. */
function shown(text: string): string {
  return maskCredentials(text).replace(
    /\p{Cc}/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Existing files differ from what we would write and the policy says stop. Exit 1. */
export class ConflictError extends Error {
  constructor(readonly paths: string[]) {
    super(`would overwrite ${paths.length} changed file(s): ${paths.join(", ")}`);
    this.name = "ConflictError";
  }
}

/** An edit could not find what it edits (a class, a method): the code has moved on. Exit 1. */
export class AnchorError extends Error {
  constructor(
    readonly file: string,
    readonly anchor: string,
    readonly hint: string,
  ) {
    super(`${file}: could not find ${anchor}`);
    this.name = "AnchorError";
  }
}

/** The user cancelled a prompt (Ctrl-C). Exit 130. */
export class CancelledError extends Error {
  constructor() {
    super("cancelled");
    this.name = "CancelledError";
  }
}

/** Writing the tree failed; the target was rolled back. Exit 1. */
export class CommitError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CommitError";
  }
}
