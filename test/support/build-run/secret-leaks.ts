import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { check } from "./pipeline/check.js";
import type { PipelineCheck } from "./types.js";

/** Folders of installed packages and caches: not the project's own files. */
const NOT_THE_PROJECT = new Set(["node_modules", ".venv", "__pycache__", ".pytest_cache", ".git"]);

/**
 * Secret values (what the stack handed Dagger's setSecret, and the host variables it read as secrets) must
 * never be written to the project's files (generated code, config, dagger-stack.json) or printed by the run.
 */
export function secretLeakCheck(
  values: readonly string[],
  output: string,
  projectDir: string,
): PipelineCheck {
  const secrets = values.filter((value) => value.length >= 8);
  const inOutput = secrets.some((value) => output.includes(value));
  const inFiles = projectFiles(projectDir).filter((path) => {
    const text = readFileSync(path, "utf8");
    return secrets.some((value) => text.includes(value));
  });
  const problem = inOutput
    ? "a secret value is in the test output"
    : inFiles.length > 0 &&
      `a secret value is in ${inFiles.map((path) => relative(projectDir, path)).join(", ")}`;
  return check("test run: no secret value in the project's files or the test output", problem);
}

function projectFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_THE_PROJECT.has(entry.name) || entry.isSymbolicLink()) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? projectFiles(path) : [path];
  });
}
