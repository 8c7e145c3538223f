import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromaCommand } from "./installed.js";
import { ManagedProcess } from "./managed-process.js";
import { inTempDir, LOOPBACK, type RealServer, serverEnv } from "./real-server.js";
import { httpStatus, startOnFreePort } from "./start-on-free-port.js";

/** Chroma imports onnxruntime and more before it listens: slow on a busy machine. */
const START_TIMEOUT_MS = 90_000;
/** 0.x answers the first, 1.x the second. */
const HEARTBEATS = ["/api/v1/heartbeat", "/api/v2/heartbeat"];

export function chromaInstalled(version: string): boolean {
  return existsSync(chromaCommand(version));
}

/**
 * Starts a throw-away ChromaDB server of that version (`chroma run`, as the chromadb/chroma image does) on a
 * free port of 127.0.0.1, persisting to a temporary folder, with telemetry off.
 */
export async function startRealChroma(version: string): Promise<RealServer> {
  const command = chromaCommand(version);
  if (!existsSync(command)) throw new Error(`ChromaDB ${version} is not installed at ${command}`);
  return inTempDir("standin-chromadb-", async (dir) => {
    const { server, ports } = await startOnFreePort({
      what: `ChromaDB ${version}`,
      spawn: ([port]) =>
        new ManagedProcess(
          command,
          [
            ...["run", "--path", join(dir, "data"), "--host", LOOPBACK, "--port", String(port)],
            ...["--log-path", join(dir, "chroma.log")],
          ],
          { cwd: dir, env: serverEnv(dir, { ANONYMIZED_TELEMETRY: "False" }) },
        ),
      ready: ([port]) => answersHeartbeat(port as number),
      timeoutMs: START_TIMEOUT_MS,
    });
    return { server, port: ports[0] as number };
  });
}

async function answersHeartbeat(port: number): Promise<boolean> {
  for (const path of HEARTBEATS) {
    if ((await httpStatus(`http://${LOOPBACK}:${port}${path}`)) === 200) return true;
  }
  return false;
}
