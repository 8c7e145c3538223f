import type { ExecOutcome } from "./types.js";

export const EXEC_ERROR_TYPE = "EXEC_ERROR";

/**
 * Thrown from a resolver; graphql-js copies `extensions` into the response error, where both SDKs
 * turn `_type: "EXEC_ERROR"` into their `ExecError`.
 */
export class ExecFailure extends Error {
  readonly extensions: { _type: string; cmd: string[]; exitCode: number; stdout: string; stderr: string };

  constructor(args: readonly string[], outcome: ExecOutcome) {
    super(`process "${args.join(" ")}" did not complete successfully: exit code: ${outcome.exitCode}`);
    this.extensions = {
      _type: EXEC_ERROR_TYPE,
      cmd: [...args],
      exitCode: outcome.exitCode,
      stdout: outcome.stdout ?? "",
      stderr: outcome.stderr ?? "",
    };
  }
}

export function isExecErrorExtensions(extensions: unknown): boolean {
  return (
    typeof extensions === "object" &&
    extensions !== null &&
    "_type" in extensions &&
    extensions._type === EXEC_ERROR_TYPE
  );
}
