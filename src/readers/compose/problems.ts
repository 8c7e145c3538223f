import type { Problem } from "../../errors.js";
import { pointerKeys } from "../pointer.js";
import type { SourceLocation } from "../source.js";

/**
 * Problems in a compose file name the file and line, the service and the key, the way the issue asks:
 * `compose.yaml:12:5: service "db", key "healthcheck.retries": must be a whole number`.
 */
export function composeProblem(
  file: string,
  positions: ReadonlyMap<string, SourceLocation>,
  pointer: string,
  message: string,
  hint?: string,
): Problem {
  const at = nearestPosition(positions, pointer);
  const place = at ? `${at.file}:${at.line}:${at.column}` : file;
  const problem: Problem = { path: place, message: `${subject(pointer)}: ${message}` };
  if (hint) problem.hint = hint;
  return problem;
}

/** The position of the pointer, or of its closest ancestor that has one. */
export function nearestPosition(
  positions: ReadonlyMap<string, SourceLocation>,
  pointer: string,
): SourceLocation | undefined {
  let current = pointer;
  while (current !== "") {
    const found = positions.get(current);
    if (found) return found;
    current = current.slice(0, current.lastIndexOf("/"));
  }
  return undefined;
}

export function subject(pointer: string): string {
  const keys = pointerKeys(pointer);
  if (keys[0] === "services" && keys.length >= 2) {
    const service = `service "${keys[1]}"`;
    return keys.length === 2 ? service : `${service}, key "${dotted(keys.slice(2))}"`;
  }
  return keys.length === 0 ? "the file" : `key "${dotted(keys)}"`;
}

function dotted(keys: readonly string[]): string {
  return keys
    .map((key, index) => (/^\d+$/.test(key) ? `[${key}]` : `${index > 0 ? "." : ""}${key}`))
    .join("");
}
