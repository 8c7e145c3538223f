import type { RecordedPipeline } from "./pipeline-types.js";

/** Where tunnels to postgres-like and redis-like services point. */
export interface RealServices {
  postgres?: { host: string; port: number; adminUser: string; adminPassword?: string };
  /** With an admin login, the stand-in adds each container's REDIS_PASSWORD to the default user. */
  redis?: { host: string; port: number; adminUser?: string; adminPassword?: string };
}

/** What a command run by `withExec` should produce instead of succeeding silently. */
export interface ExecOutcome {
  exitCode: number;
  stdout?: string;
  stderr?: string;
}

export interface StandInOptions {
  /** Defaults to `../shared/dagger/schema-v0.21.8.graphqls` next to the repository root. */
  schemaPath?: string;
  realServices?: RealServices;
  /**
   * Called for every `withExec` when its container is evaluated. Return an outcome with a non-zero
   * exit code to make the exec fail with EXEC_ERROR (exit code 0 only sets stdout/stderr).
   */
  failExec?: (args: string[]) => ExecOutcome | undefined;
  log?: (line: string) => void;
}

export interface EngineStandIn {
  port: number;
  token: string;
  /** To pass to child processes, or to copy into `process.env` before using the SDK in-process. */
  env: { DAGGER_SESSION_PORT: string; DAGGER_SESSION_TOKEN: string };
  /** JSON-serialisable snapshot of what was recorded so far. */
  pipeline(): RecordedPipeline;
  /** Every error message returned to a client, except EXEC_ERRORs requested through `failExec`. */
  errors(): string[];
  /** The values clients passed to `setSecret` (kept out of `pipeline()`), to look for leaks. */
  secretValues(): string[];
  close(): Promise<void>;
}
