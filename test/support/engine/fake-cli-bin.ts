import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { RecordedPipeline } from "./pipeline-types.js";
import type { RealServices } from "./types.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const TSX = resolve(HERE, "../../../node_modules/.bin/tsx");

export interface FakeDaggerCli {
  /** For `_EXPERIMENTAL_DAGGER_CLI_BIN`: both SDKs then start their sessions with it. */
  bin: string;
  /** The environment a child process needs: the CLI, no session of `dagger run`, no telemetry. */
  env(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** What each session that has ended recorded, in no particular order. */
  sessions(): { pipeline: RecordedPipeline; errors: string[] }[];
  remove(): void;
}

/** Writes an executable `dagger` whose `session` command starts an engine stand-in (fake-cli.ts). */
export function fakeDaggerCli(realServices: RealServices): FakeDaggerCli {
  const dir = mkdtempSync(join(tmpdir(), "fake-dagger-"));
  const records = join(dir, "sessions");
  mkdirSync(records);
  const bin = join(dir, "dagger");
  writeFileSync(bin, `#!/bin/sh\nexec "${TSX}" "${join(HERE, "fake-cli.ts")}" "$@"\n`);
  chmodSync(bin, 0o755);
  return {
    bin,
    env: (base = process.env) => {
      const kept = Object.entries(base).filter(
        ([name]) =>
          !name.startsWith("OTEL_") && name !== "TRACEPARENT" && !name.startsWith("DAGGER_SESSION_"),
      );
      return {
        ...Object.fromEntries(kept),
        _EXPERIMENTAL_DAGGER_CLI_BIN: bin,
        STANDIN_REAL_SERVICES: JSON.stringify(realServices),
        STANDIN_RECORD_DIR: records,
      };
    },
    sessions: () => readdirSync(records).map((name) => JSON.parse(readFileSync(join(records, name), "utf8"))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
