import { Node, type ObjectLiteralExpression, SyntaxKind } from "ts-morph";
import { memberName, propertyValue, stringElements } from "./anchors.js";
import type { TsFile } from "./file.js";
import { ensureNamedImport } from "./imports.js";
import { appendArrayElement } from "./insert.js";
import { projectName, projectsArray } from "./tests.js";

/**
 * Reading a user's Vitest config (what migrate must not disturb) and adding a project to the stack's own
 * config, vitest.stack.config.mts. Syntactic only: the config is never evaluated.
 */
export interface VitestConfigFacts {
  /** The `test` object was found: `defineConfig({ test: {...} })`, `export default { test }`, ... */
  hasTest: boolean;
  /** `test.include` as string literals, when it is written so. */
  include?: string[];
  /** `test.projects` or `test.workspace`: the config is a set of projects, which a project cannot extend. */
  hasProjects: boolean;
}

export function readVitestConfig(file: TsFile): VitestConfigFacts {
  const test = testObject(file);
  if (!test) return { hasTest: false, hasProjects: false };
  const include = propertyValue(test, "include");
  const facts: VitestConfigFacts = {
    hasTest: true,
    hasProjects:
      propertyValue(test, "projects") !== undefined || propertyValue(test, "workspace") !== undefined,
  };
  const literals = include && Node.isArrayLiteralExpression(include) ? stringElements(include) : undefined;
  if (literals) facts.include = literals;
  return facts;
}

/** The outermost object literal with a `test` property whose value is an object literal. */
function testObject(file: TsFile): ObjectLiteralExpression | undefined {
  for (const property of file.source.getDescendantsOfKind(SyntaxKind.PropertyAssignment)) {
    if (memberName(property) !== "test") continue;
    const value = property.getInitializer();
    if (Node.isObjectLiteralExpression(value)) return value;
  }
  return undefined;
}

export interface StackProject {
  /** The project's `test.name`. */
  name: string;
  /** The project's object literal in the template style (see style.ts), e.g. `{ extends: ..., ... }`. */
  fragment: string;
  /** A named import the fragment uses. */
  imports: { module: string; name: string }[];
}

/**
 * Adds a project to the `projects` array of vitest.stack.config.mts, with its imports; false when a
 * project of that name is there already (a later run, or the user's), which is left as it is.
 */
export function addStackProject(file: TsFile, project: StackProject): boolean {
  const list = projectsArray(file);
  if (list.getElements().some((element) => projectName(element) === project.name)) return false;
  for (const { module, name } of project.imports) ensureNamedImport(file, module, name);
  appendArrayElement(file, projectsArray(file), project.fragment);
  return true;
}
