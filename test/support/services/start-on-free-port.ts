import { connect } from "node:net";
import { freePort } from "./free-port.js";
import { type ManagedProcess, waitUntilReady } from "./managed-process.js";

const PORT_ATTEMPTS = 3;
const LOST_PORT_RACE = /address already in use/i;

export interface StartOnFreePort {
  /** For messages, e.g. "FerretDB". */
  what: string;
  /** How many free ports the server listens on (MinIO: API and console). */
  ports?: number;
  spawn(ports: number[]): ManagedProcess;
  ready(ports: number[]): Promise<boolean>;
  timeoutMs?: number;
}

/**
 * Starts a server on free ports of 127.0.0.1 and waits until it is ready; tries new ports when another
 * process took one between choosing and binding it.
 */
export async function startOnFreePort(
  options: StartOnFreePort,
): Promise<{ server: ManagedProcess; ports: number[] }> {
  for (let attempt = 1; ; attempt++) {
    const ports = await freePorts(options.ports ?? 1);
    const server = options.spawn(ports);
    try {
      await waitUntilReady(
        server,
        () => options.ready(ports),
        `${options.what} on port ${ports.join("/")}`,
        options.timeoutMs,
      );
      return { server, ports };
    } catch (error) {
      await server.stop("SIGKILL");
      if (!LOST_PORT_RACE.test(server.recentOutput()) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

async function freePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  return ports;
}

/** Whether something accepts TCP connections on host:port. */
export function acceptsTcp(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** The HTTP status of a GET, or undefined when nothing answers. */
export async function httpStatus(url: string, timeoutMs = 2_000): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return undefined;
  }
}
