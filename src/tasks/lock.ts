import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * A post-commit task: the project's Python tool brings its lock file up to date after the dev
 * dependencies changed, as `uv add` or `poetry add` would have. It runs only when the tool is on PATH;
 * otherwise the CLI tells the user to run it.
 */
export type LockOutcome = { status: "done" } | { status: "missing" } | { status: "failed"; output: string };

const TIMEOUT_MS = 10 * 60_000;

export async function runLock(
  command: readonly string[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): Promise<LockOutcome> {
  const [program = "", ...args] = command;
  const executable = findOnPath(program, env.PATH ?? "", env.PATHEXT);
  if (!executable) return { status: "missing" };
  // Loaded here, not at the top: only a run that refreshes a lock pays for Node's process code.
  const { spawn } = await import("node:child_process");
  return new Promise((resolve) => {
    const child = spawn(executable, args, {
      cwd,
      env: { ...env },
      stdio: ["ignore", "pipe", "pipe"],
      timeout: TIMEOUT_MS,
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => resolve({ status: "failed", output: `${output}${error.message}` }));
    child.on("close", (code) => resolve(code === 0 ? { status: "done" } : { status: "failed", output }));
  });
}

function findOnPath(program: string, path: string, pathExt: string | undefined): string | undefined {
  const extensions = process.platform === "win32" ? ["", ...(pathExt ?? ".EXE;.CMD").split(";")] : [""];
  for (const dir of path.split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, `${program}${extension}`);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
