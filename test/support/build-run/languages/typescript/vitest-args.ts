import { PATHS } from "../../../../../src/render/typescript/names.js";
import { matrixSelection } from "../../../../../src/render/typescript/tests-view.js";
import type { NormalizedStack } from "../../../../../src/spec/model.js";
import type { Selection } from "../../types.js";

/** The generated smoke project's name in vitest.stack.config.mts. */
export const SMOKE_PROJECT = "smoke";

/**
 * Vitest CLI filters that run exactly the selection: `--project` per project that has something to run,
 * `--exclude` per excluded smoke file, and one `-t` pattern that leaves out excluded tests by name.
 */
export function vitestFilterArgs(stack: NormalizedStack, selection: Selection): string[] {
  const projects = selectedProjects(stack, selection).flatMap((project) => ["--project", project]);
  return [...projects, ...excludeArgs(selection), ...namePatternArgs(selection)];
}

export function selectedProjects(stack: NormalizedStack, selection: Selection): string[] {
  const matrix = selection.matrix.flatMap(({ axis, target }) =>
    stack.matrix
      .filter((candidate) => candidate.name === axis)
      .map((found) => matrixSelection(found, target)),
  );
  return [...(selection.smoke.length > 0 ? [SMOKE_PROJECT] : []), ...matrix];
}

function excludeArgs(selection: Selection): string[] {
  return selection.excluded.flatMap(({ unit }) =>
    unit.kind === "smoke" ? ["--exclude", PATHS.smoke(unit.service)] : [],
  );
}

/** Generated extension tests are named "<extension id>: ..." (see the postgres smoke template). */
export function excludedTestPrefixes(selection: Selection): string[] {
  return selection.excluded.flatMap(({ unit }) => (unit.kind === "smokeTest" ? [`${unit.extension}: `] : []));
}

function namePatternArgs(selection: Selection): string[] {
  const prefixes = excludedTestPrefixes(selection);
  if (prefixes.length === 0) return [];
  // Vitest has no exclude-by-name flag; a negative lookahead turns the include pattern into one.
  return ["-t", `^(?!.*(?:${prefixes.map(escapeRegExp).join("|")}))`];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
