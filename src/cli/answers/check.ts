import { type Problem, UsageError } from "../../errors.js";
import { loadStack } from "../../spec/load.js";
import type { NormalizedStack } from "../../spec/model.js";
import { isCredentialName } from "../../spec/secrets.js";
import { rawServices } from "../options/raw.js";
import type { RawSpec } from "../options/types.js";
import { covers, type Origins } from "./origins.js";

/** Validation through loadStack(), with each problem's path labelled by where its value came from. */
export function loadLabelled(raw: RawSpec, origins: Origins, source?: string): NormalizedStack {
  try {
    return loadStack(raw, source);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const problems = error.problems.map((problem) => labelled(problem, raw, origins));
    throw new UsageError(problems, source);
  }
}

/**
 * A problem with a value a flag set (or would set) is named by that flag, `--port redis=5432`, rather than
 * by its place in the spec; only a spec file's own problems keep the spec path, with the file's name.
 */
function labelled(problem: Problem, raw: RawSpec, origins: Origins): Problem {
  const label = withoutCredential(problem.path, origins.labelFor(problem.path, raw));
  const hint = problem.hint ?? origins.hintFor(problem.path);
  const path = label?.startsWith("--") ? label : label ? `${problem.path} (${label})` : problem.path;
  return {
    ...problem,
    path,
    message: namedServices(problem.message, raw),
    ...(hint && { hint: namedServices(hint, raw) }),
  };
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"];

/** `services[0] (postgres)` → `postgres`; a bare `services[1]` → `the second service (redis)`. */
export function namedServices(text: string, raw: RawSpec): string {
  return text.replace(/services\[(\d+)\](?: \(([^)]*)\))?/g, (whole, index: string, named?: string) => {
    if (named !== undefined) return named;
    const name = rawServices(raw)[Number(index)]?.name;
    const ordinal = ORDINALS[Number(index)] ?? `#${Number(index) + 1}`;
    return name === undefined ? whole : `the ${ordinal} service (${String(name)})`;
  });
}

/**
 * `--env api=DB-PASS=hunter2` repeats a credential: its label keeps the flag and drops the value (an
 * `env://` reference is no credential and stays).
 */
function withoutCredential(path: string, label: string | undefined): string | undefined {
  const name = /\.env\.(.+)$/.exec(path)?.[1];
  if (label === undefined || name === undefined || !isCredentialName(name)) return label;
  const at = label.indexOf(`${name}=`);
  const value = label.slice(at + name.length + 1);
  return at < 0 || value.startsWith("env://") ? label : `${label.slice(0, at + name.length + 1)}<hidden>`;
}

/** Problems at or under any of `paths`, checked on a spec whose still-missing parts are stand-ins. */
export function problemsAt(raw: RawSpec, paths: readonly string[], standIns: RawSpec): Problem[] {
  return allProblems(raw, standIns).filter((problem) => paths.some((path) => covers(path, problem.path)));
}

function allProblems(raw: RawSpec, standIns: RawSpec): Problem[] {
  try {
    loadStack({ ...standIns, ...raw });
    return [];
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
}

/** Stops before any prompt when a value the user already gave is wrong, rather than after all of them. */
export function failOnGivenValues(raw: RawSpec, origins: Origins, standIns: RawSpec): void {
  const given = allProblems(raw, standIns).filter((problem) => origins.has(problem.path));
  if (given.length > 0) throw new UsageError(given.map((problem) => labelled(problem, raw, origins)));
}
