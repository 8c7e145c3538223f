import { type ChildProcess, spawn } from "node:child_process";
import { BIN, type CliResult, cleanEnv } from "./built-cli.js";

/**
 * The built CLI as a child process the test can stop at an injected point (CREATE_DAGGER_STACK_TEST_HOOKS),
 * then resume, interrupt or kill: what `kill -9`, Ctrl-C and an editor saving mid-run do to a real run.
 */
export const TEST_HOOKS_ENV = "CREATE_DAGGER_STACK_TEST_HOOKS";

export interface RunningCli {
  child: ChildProcess;
  /** Resolves once stderr shows `pattern`; rejects if the run ends first. */
  waitFor(pattern: RegExp): Promise<void>;
  /** Lets a run paused by the hook go on. */
  resume(): void;
  result: Promise<CliResult>;
}

export function startCli(
  args: readonly string[],
  options: { cwd: string; hooks?: Record<string, unknown> },
): RunningCli {
  const env = {
    ...cleanEnv(),
    ...(options.hooks ? { [TEST_HOOKS_ENV]: JSON.stringify(options.hooks) } : {}),
  };
  const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env, stdio: "pipe" });
  if (options.hooks?.pauseBeforeRename === undefined) child.stdin.end();
  let stdout = "";
  let stderr = "";
  const listeners = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    for (const listener of listeners) listener();
  });
  const result = new Promise<CliResult>((resolve) => {
    child.on("close", (code, signal) => {
      for (const listener of listeners) listener();
      resolve({ code: code ?? (signal ? -1 : null), stdout, stderr });
    });
  });
  let ended = false;
  void result.then(() => {
    ended = true;
  });
  const waitFor = (pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (pattern.test(stderr)) {
          listeners.delete(check);
          resolve();
        } else if (ended || child.exitCode !== null || child.signalCode !== null) {
          listeners.delete(check);
          reject(new Error(`the run ended before ${pattern}:\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      listeners.add(check);
      check();
    });
  return { child, waitFor, resume: () => child.stdin.end("continue\n"), result };
}
