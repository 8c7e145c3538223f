import type { RecordedPipeline } from "./pipeline-types.js";

/** Where tunnels to postgres-like and redis-like services point. */
export interface RealServices {
  postgres?: { host: string; port: number; adminUser: string; adminPassword?: string };
  /** With an admin login, the stand-in adds each container's REDIS_PASSWORD to the default user. */
  redis?: { host: string; port: number; adminUser?: string; adminPassword?: string };
  /**
   * Starts (or reuses) a real server for a tunnel to a service of another kind, set up with what its
   * container asks for; undefined when none can stand in for it here (the tunnel then leads nowhere).
   */
  launch?: (request: ServerRequest) => Promise<{ host: string; port: number } | undefined>;
}

/** A real server started on demand, with what the service's container sets through variables and secrets. */
export type ServerRequest =
  | { server: "mariadb"; login: { user: string; password?: string; database?: string } }
  | { server: "ferretdb"; login?: { user: string; password: string } }
  | { server: "chromadb"; version: string }
  | { server: "minio"; release: string; rootUser?: string; rootPassword?: string };

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
