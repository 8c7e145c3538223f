import { statSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";

/** The folder to create the stack in: `[dir]` relative to the cwd, or the cwd itself. */
export function resolveTarget(positionals: readonly string[], cwd: string): string {
  if (positionals.length > 1) {
    throw new UsageError({
      path: "[dir]",
      message: `expected one folder, got ${positionals.length}: ${positionals.join(" ")}`,
      hint: "flags take their value after a space or =, e.g. --services postgres,redis",
    });
  }
  return resolve(cwd, positionals[0] ?? ".");
}

/** A missing folder is fine (it is created); a file where the folder should be is not. */
export async function checkTarget(target: string, shown: string): Promise<void> {
  if (!isFolderOrMissing(target, shown)) throw notAFolder(shown, "is a file, not a folder");
}

function isFolderOrMissing(target: string, shown: string): boolean {
  try {
    return statSync(target, { throwIfNoEntry: false })?.isDirectory() ?? true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") throw notAFolder(shown, "is inside a file, not a folder");
    if (code === "ELOOP") throw notAFolder(shown, "is a symbolic link loop");
    throw error;
  }
}

function notAFolder(shown: string, message: string): UsageError {
  return new UsageError({
    path: `[dir] ${shown}`,
    message,
    hint: "give a folder to create the stack in (it may not exist yet)",
  });
}

/** How the target is shown to the user: relative to the cwd when it is below it. */
export function displayPath(cwd: string, target: string): string {
  const shown = relative(cwd, target);
  if (shown === "") return ".";
  return shown.startsWith("..") || isAbsolute(shown) ? target : shown;
}
