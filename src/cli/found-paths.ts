import { statSync } from "node:fs";
import { join } from "node:path";
import type { BuildPath, Found, FoundPaths } from "../plan/build-files.js";

/** Looks at the paths Dockerfile builds read, for the planner's warnings; the planner never looks itself. */
export function readFoundPaths(target: string, paths: readonly BuildPath[]): FoundPaths {
  return new Map(paths.map(({ path }) => [path, foundAt(join(target, path))]));
}

function foundAt(path: string): Found {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}
