import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ManagedProcess, once } from "./managed-process.js";

export const LOOPBACK = "127.0.0.1";

/** A throw-away server on 127.0.0.1; `stop()` ends it and deletes its data. */
export interface RealServer {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Runs `start` with a fresh temporary folder for the server's data; the folder goes when the server stops,
 * or at once when it does not start.
 */
export async function inTempDir(
  prefix: string,
  start: (dir: string) => Promise<{ server: ManagedProcess; port: number }>,
  stopSignal: NodeJS.Signals = "SIGTERM",
): Promise<RealServer> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    const { server, port } = await start(dir);
    return {
      host: LOOPBACK,
      port,
      stop: once(async () => {
        await server.stop(stopSignal);
        rmSync(dir, { recursive: true, force: true });
      }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * PATH only from the test process, whose variables must not leak into the server; HOME and TMPDIR are
 * the server's own folder, so nothing it writes meets another server's files.
 */
export function serverEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, TMPDIR: dir, LANG: "C.UTF-8", ...extra };
}
