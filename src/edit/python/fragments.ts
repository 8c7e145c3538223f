import { dedent, lineIndent } from "../shared/indent.js";
import { serviceFieldsSpan } from "./config.js";
import type { PyFile } from "./file.js";
import {
  fixture,
  fixtureDocstring,
  markerEntry,
  markersDict,
  matrixParam,
  requireMatrixFixture,
} from "./fixtures-module.js";
import type { SyntaxNode } from "./parser.js";
import { classDocstring, registryDict, registryEntry } from "./stack-module.js";
import { docstringOf, requireClass, requireMethod } from "./syntax.js";
import { testFunctions } from "./tests-module.js";

/**
 * Pieces of the code create generates, cut from files it rendered for the stack before and after the
 * growth: what `add` inserts is, character for character, what `create` would have written, so the two
 * cannot drift apart. The same locators find a piece here and its place in the user's file. Pieces come
 * out at column 0 in create's style; the editors restyle them for the file they go into.
 */

export function serviceFieldsFragment(
  rendered: PyFile,
  configClass: string,
  names: readonly string[],
): string {
  const span = requireRendered(
    rendered,
    serviceFieldsSpan(rendered, configClass, names),
    `the fields ${names[0]}...`,
  );
  return cutLines(rendered, span.start, span.end);
}

/** The summary comment above a service's first field, one entry per line. */
export function serviceComment(rendered: PyFile, configClass: string, names: readonly string[]): string[] {
  const span = requireRendered(
    rendered,
    serviceFieldsSpan(rendered, configClass, names),
    `the fields ${names[0]}...`,
  );
  return rendered.text
    .slice(span.start, span.first.statement.startIndex)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("#"));
}

export function methodFragment(rendered: PyFile, className: string, method: string): string {
  return cut(rendered, requireMethod(rendered, requireClass(rendered, className), method));
}

export function methodDocstring(rendered: PyFile, className: string, method: string): string {
  const doc = docstringOf(requireMethod(rendered, requireClass(rendered, className), method));
  return cut(rendered, requireRendered(rendered, doc, `a docstring in ${method}()`));
}

export function classDocstringText(rendered: PyFile, className: string): string {
  return cut(
    rendered,
    requireRendered(rendered, classDocstring(rendered, className), `a docstring of ${className}`),
  );
}

export function registryEntryFragment(rendered: PyFile, stackClass: string, key: string): string {
  const entry = registryEntry(registryDict(rendered, stackClass), key);
  return cut(rendered, requireRendered(rendered, entry, `the registry entry "${key}"`));
}

/** A module-level function with its decorators (a fixture, a test). */
export function functionFragment(rendered: PyFile, name: string): string {
  return cut(rendered, requireRendered(rendered, fixture(rendered, name), `def ${name}`));
}

export function functionDocstring(rendered: PyFile, name: string): string {
  return cut(
    rendered,
    requireRendered(rendered, fixtureDocstring(rendered, name), `a docstring in ${name}()`),
  );
}

export function markerFragment(rendered: PyFile, marker: string): string {
  return cut(
    rendered,
    requireRendered(rendered, markerEntry(markersDict(rendered), marker), `the marker ${marker}`),
  );
}

export function matrixParamFragment(rendered: PyFile, axis: string, target: string): string {
  const { params } = requireMatrixFixture(rendered, axis);
  return cut(rendered, requireRendered(rendered, matrixParam(params, target), `the ${axis} param ${target}`));
}

export function moduleDocstring(rendered: PyFile): string {
  return cut(rendered, requireRendered(rendered, docstringOf(rendered.root), "a module docstring"));
}

/** The test functions a module gained between two renderings (one per new extension). */
export function newTests(before: PyFile, after: PyFile): { name: string; fragment: string }[] {
  const existing = new Set(testFunctions(before).map((test) => test.name));
  return testFunctions(after)
    .filter((test) => !existing.has(test.name))
    .map((test) => ({ name: test.name, fragment: cut(after, test.node) }));
}

/** A node's text, its continuation lines dedented by the indentation of the line it starts on. */
function cut(rendered: PyFile, node: SyntaxNode): string {
  return cutLines(rendered, node.startIndex, node.endIndex);
}

function cutLines(rendered: PyFile, start: number, end: number): string {
  return dedent(rendered.text.slice(start, end), lineIndent(rendered.text, start));
}

/** A piece missing from create's own output is a bug in this tool, not a problem with the user's code. */
function requireRendered<T>(rendered: PyFile, found: T | undefined, what: string): T {
  if (found === undefined) {
    throw new Error(`${rendered.path}: create's output has no ${what}; the templates and add disagree`);
  }
  return found;
}
