import { type ChildProcess, spawn } from "node:child_process";
import type { OsUser } from "./os-user.js";

const OUTPUT_LIMIT = 16 * 1024;
const STOP_TIMEOUT_MS = 10_000;

/** A server process that is killed when the test process exits, and whose recent output is kept. */
export class ManagedProcess {
  readonly exited: Promise<number | null>;
  private output = "";
  private readonly child: ChildProcess;
  private readonly killOnExit = () => this.child.kill("SIGKILL");

  constructor(
    command: string,
    args: string[],
    options: { cwd: string; env: NodeJS.ProcessEnv; user?: OsUser },
  ) {
    this.child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
    });
    for (const stream of [this.child.stdout, this.child.stderr])
      stream?.on("data", (chunk) => this.append(chunk));
    this.exited = new Promise((resolve) => {
      this.child.once("error", (error) => {
        this.append(`${error.message}\n`);
        resolve(null);
      });
      this.child.once("exit", (code) => resolve(code));
    });
    process.once("exit", this.killOnExit);
    void this.exited.then(() => process.off("exit", this.killOnExit));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  recentOutput(): string {
    return this.output;
  }

  /** Sends `signal`, then SIGKILL if the process has not exited after 10 s. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }

  private append(chunk: Buffer | string): void {
    this.output = (this.output + chunk.toString()).slice(-OUTPUT_LIMIT);
  }
}

/** Polls `ready` until it resolves true; fails early with the process output if the process exits. */
export async function waitUntilReady(
  server: ManagedProcess,
  ready: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!server.running) throw new Error(`${what} exited during start-up:\n${server.recentOutput()}`);
    if (await ready()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms:\n${server.recentOutput()}`);
}

/** Wraps an async action so that it runs at most once; later calls share the first call's promise. */
export function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= action();
    return done;
  };
}
