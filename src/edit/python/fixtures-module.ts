import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import { appendItem, insertAfter, insertItemAfter } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import {
  definitionName,
  definitionsIn,
  docstringOf,
  findDefinition,
  namedChildren,
  requireFunction,
  requireModuleValue,
  stringValue,
} from "./syntax.js";

/**
 * Editors for tests/dagger_modules/fixtures.py: the URL fixtures, the testing matrix's MARKERS and its
 * parametrised fixtures.
 */

/** The decorator calls of a definition, e.g. `pytest.fixture(params=[...])`. */
function decoratorCalls(node: SyntaxNode): SyntaxNode[] {
  if (node.type !== "decorated_definition") return [];
  return namedChildren(node)
    .filter((child) => child.type === "decorator")
    .map((decorator) => decorator.firstNamedChild)
    .filter((expression): expression is SyntaxNode => expression !== null);
}

function isFixture(node: SyntaxNode): boolean {
  return decoratorCalls(node).some((expression) => {
    const callee = expression.type === "call" ? expression.childForFieldName("function") : expression;
    return callee?.text === "pytest.fixture";
  });
}

function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | undefined {
  const args = call.type === "call" ? call.childForFieldName("arguments") : null;
  const argument = args
    ? namedChildren(args).find(
        (candidate) =>
          candidate.type === "keyword_argument" && candidate.childForFieldName("name")?.text === name,
      )
    : undefined;
  return argument?.childForFieldName("value") ?? undefined;
}

/** The `params=[...]` list of a parametrised fixture. */
function fixtureParams(node: SyntaxNode): SyntaxNode | undefined {
  return decoratorCalls(node)
    .map((call) => keywordArgument(call, "params"))
    .find((value) => value?.type === "list");
}

const isUrlFixture = (node: SyntaxNode) => isFixture(node) && (definitionName(node) ?? "").endsWith("_url");
const isMatrixFixture = (node: SyntaxNode) => isFixture(node) && fixtureParams(node) !== undefined;

export function fixture(file: PyFile, name: string): SyntaxNode | undefined {
  return findDefinition(file.root, "function_definition", name);
}

/** A `<service>_url` fixture goes after the last one, or after the `stack` fixture in a stack that had none. */
export function addUrlFixture(file: PyFile, name: string, fragment: string): void {
  if (fixture(file, name)) return;
  const last =
    definitionsIn(file.root, "function_definition").filter(isUrlFixture).at(-1) ??
    requireFunction(file, "stack", "the `stack` fixture (def stack)");
  insertAfter(file, last, fragment, 2);
}

/** The MARKERS dict: marker name → description. */
export function markersDict(file: PyFile): SyntaxNode {
  const value = requireModuleValue(file, "MARKERS");
  if (value.type !== "dictionary") throw anchorError(file, "MARKERS = {...}, a dict of pytest markers");
  return value;
}

export function markerEntry(dict: SyntaxNode, marker: string): SyntaxNode | undefined {
  return namedChildren(dict).find(
    (pair) => pair.type === "pair" && stringValue(pair.childForFieldName("key")) === marker,
  );
}

/** A marker entry, after `after` (the last marker of its axis) when there is one, else at the end. */
export function addMarker(file: PyFile, marker: string, fragment: string, after: string | undefined): void {
  const dict = markersDict(file);
  if (markerEntry(dict, marker)) return;
  const previous = after === undefined ? undefined : markerEntry(dict, after);
  if (previous) insertItemAfter(file, dict, previous, fragment);
  else appendItem(file, dict, fragment);
}

/** The matrix fixture of `axis` and its `params=[...]` list. */
export function requireMatrixFixture(
  file: PyFile,
  axis: string,
): { fixture: SyntaxNode; params: SyntaxNode } {
  const found = fixture(file, axis);
  const params = found ? fixtureParams(found) : undefined;
  if (!found || !params)
    throw anchorError(file, `the \`${axis}\` fixture with \`@pytest.fixture(params=[...])\``);
  return { fixture: found, params };
}

/** The `pytest.param("<target>", ...)` in a params list. */
export function matrixParam(params: SyntaxNode, target: string): SyntaxNode | undefined {
  return namedChildren(params).find((item) => {
    const args = item.type === "call" ? item.childForFieldName("arguments") : null;
    return stringValue(args?.firstNamedChild) === target || stringValue(item) === target;
  });
}

export function addMatrixParam(file: PyFile, axis: string, target: string, fragment: string): void {
  const { params } = requireMatrixFixture(file, axis);
  if (!matrixParam(params, target)) appendItem(file, params, fragment);
}

/** A new axis's fixture goes after the last matrix fixture, or after `class MatrixTarget`. */
export function addMatrixFixture(file: PyFile, axis: string, fragment: string): void {
  if (fixture(file, axis)) return;
  const last =
    definitionsIn(file.root, "function_definition").filter(isMatrixFixture).at(-1) ??
    findDefinition(file.root, "class_definition", "MatrixTarget");
  if (!last) throw anchorError(file, "class MatrixTarget");
  insertAfter(file, last, fragment, 2);
}

export function fixtureDocstring(file: PyFile, name: string): SyntaxNode | undefined {
  const found = fixture(file, name);
  return found ? docstringOf(found) : undefined;
}
