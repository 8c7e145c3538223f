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

/**
 * Why an existing file needs the user's consent before it is replaced: they edited a file the tool
 * generated, the tool never wrote it, or it is a damaged manifest.
 */
export type ConflictReason = "edited" | "foreign" | "damaged";

export interface Conflict {
  path: string;
  reason: ConflictReason;
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
  constructor(readonly conflicts: Conflict[]) {
    super(`would overwrite ${conflicts.length} file(s): ${conflicts.map(({ path }) => path).join(", ")}`);
    this.name = "ConflictError";
  }

  get paths(): string[] {
    return this.conflicts.map(({ path }) => path);
  }
}

/**
 * Files changed on disk after this run read them (an editor saved, another run wrote): replacing them would
 * lose that change, so the commit was rolled back. Exit 1.
 */
export class ChangedOnDiskError extends Error {
  constructor(readonly paths: string[]) {
    super(`changed on disk while create-dagger-stack was running: ${paths.join(", ")}`);
    this.name = "ChangedOnDiskError";
  }
}

/**
 * A path in the target that cannot be written safely: a link leading out of the folder, a link loop, a
 * dangling link. `path` is the link, relative to the target. Exit 2: the folder, like a flag, is input.
 */
export class UnsafePathError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
    readonly hint: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = "UnsafePathError";
  }
}

/** Another run holds the target's lock. Exit 1. */
export class LockedError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "LockedError";
  }
}

/**
 * An earlier run was interrupted while writing and left changes this run will not undo on its own; the
 * hint says exactly what to do. Exit 1.
 */
export class InterruptedRunError extends Error {
  constructor(
    message: string,
    readonly steps: string[],
  ) {
    super(message);
    this.name = "InterruptedRunError";
  }
}

/**
 * The project already requires a package the generated tests need, in a range that allows none of the
 * versions they run on. Exit 1; --force keeps the project's requirement and writes the rest.
 */
export class DependencyConflictError extends Error {
  constructor(readonly problems: Problem[]) {
    const count = problems.length === 1 ? "a package" : `${problems.length} packages`;
    super(`the project requires ${count} in a range the generated tests cannot run on`);
    this.name = "DependencyConflictError";
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
