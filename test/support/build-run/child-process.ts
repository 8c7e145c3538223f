import { spawn } from "node:child_process";

export interface ChildResult {
  exitCode: number | null;
  /** stdout and stderr interleaved, as a user would see them. */
  output: string;
  durationMs: number;
  timedOut: boolean;
}

export interface ChildOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Called with each chunk of output as it arrives. */
  onOutput?: (chunk: string) => void;
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Runs a command to completion; never rejects for a non-zero exit (the caller reads `exitCode`). */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group, so a timeout can end the command and everything it started.
      detached: true,
    });
    let output = "";
    let timedOut = false;
    const append = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      options.onOutput?.(text);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const finish = (exitCode: number | null) => {
      clearTimeout(timer);
      resolve({ exitCode, output, durationMs: performance.now() - started, timedOut });
    };
    child.once("error", (error) => {
      output += `${error.message}\n`;
      finish(null);
    });
    child.once("close", (code) => finish(code));
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}
