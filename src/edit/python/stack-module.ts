import { pyFormattedString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import { appendItem, insertAfter, insertBefore, replaceNode } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import {
  bodyOf,
  definitionName,
  definitionOf,
  definitionsIn,
  docstringOf,
  findDefinition,
  namedChildren,
  requireClass,
  requireMethod,
  requireModuleValue,
  returnedExpression,
  statements,
  stringItems,
  stringValue,
} from "./syntax.js";

/**
 * Editors for tests/dagger_modules/stack.py: the ServiceName type, START_ORDER, and the stack class's
 * builders, URL methods and registry.
 */

/** `ServiceName = Literal["a", "b"]`; a stack that had no services has `ServiceName = str`. */
export function addServiceName(file: PyFile, name: string): void {
  const value = requireModuleValue(file, "ServiceName");
  const literal = pyFormattedString(name);
  if (value.type === "identifier" && value.text === "str") {
    replaceNode(file, value, `Literal[${literal}]`);
    return;
  }
  if (value.type !== "subscript" || value.childForFieldName("value")?.text !== "Literal") {
    throw anchorError(file, "ServiceName = Literal[...]");
  }
  const names = value.childrenForFieldName("subscript").map(stringValue);
  if (!names.includes(name)) appendItem(file, value, literal);
}

/** START_ORDER's groups: a tuple of tuples of names. */
export function startOrderGroups(file: PyFile): { order: SyntaxNode; groups: SyntaxNode[] } {
  const order = requireModuleValue(file, "START_ORDER");
  const groups = order.type === "tuple" ? tupleItems(order) : undefined;
  if (!groups || groups.some((group) => group.type !== "tuple")) {
    throw anchorError(file, "START_ORDER as a tuple of tuples of service names");
  }
  return { order, groups };
}

function tupleItems(tuple: SyntaxNode): SyntaxNode[] {
  return namedChildren(tuple).filter((child) => child.type !== "comment");
}

/**
 * Puts `name` in the first group after every group holding one of its dependencies (a new last group if
 * there is none), as create's start levels would. The user's other entries stay where they are.
 */
export function insertIntoStartOrder(file: PyFile, name: string, dependencies: readonly string[]): void {
  const { order, groups } = startOrderGroups(file);
  const members = groups.map((group) => stringItems(tupleItems(group)) ?? []);
  if (members.some((names) => names.includes(name))) return;
  const lastDependencyGroup = Math.max(
    -1,
    ...dependencies.map((dependency) => members.findIndex((names) => names.includes(dependency))),
  );
  const target = groups[lastDependencyGroup + 1];
  const literal = pyFormattedString(name);
  if (target) appendItem(file, target, literal);
  else appendItem(file, order, `(${literal},)`);
}

function isBuilder(method: SyntaxNode): boolean {
  return definitionName(method)?.startsWith("build_") === true;
}

/** The private `_<service>_url(self, host, port)` methods (not `internal_url(name)`). */
function isUrlMethod(method: SyntaxNode): boolean {
  const name = definitionName(method) ?? "";
  const parameters = definitionOf(method).childForFieldName("parameters")?.namedChildCount ?? 0;
  return name.startsWith("_") && name.endsWith("_url") && parameters === 3;
}

/** A new `build_<service>()` goes after the last builder, where create puts it. */
export function addBuilderMethod(file: PyFile, stackClass: string, name: string, fragment: string): void {
  const owner = requireClass(file, stackClass);
  if (findDefinition(owner.body, "function_definition", name)) return;
  const last = definitionsIn(owner.body, "function_definition").filter(isBuilder).at(-1);
  if (!last) throw anchorError(file, `a build_...() method in class ${stackClass}`);
  insertAfter(file, last, fragment, 1);
}

/** A new `_<service>_url(...)` goes after the last one, or after `_registry()` in a stack that had none. */
export function addUrlMethod(file: PyFile, stackClass: string, name: string, fragment: string): void {
  const owner = requireClass(file, stackClass);
  if (findDefinition(owner.body, "function_definition", name)) return;
  const last = definitionsIn(owner.body, "function_definition").filter(isUrlMethod).at(-1);
  insertAfter(file, last ?? requireMethod(file, owner, "_registry"), fragment, 1);
}

/** The dict `_registry()` returns. */
export function registryDict(file: PyFile, stackClass: string): SyntaxNode {
  const method = requireMethod(file, requireClass(file, stackClass), "_registry");
  const value = returnedExpression(method);
  if (value?.type !== "dictionary") {
    throw anchorError(file, `the dict that ${stackClass}._registry() returns`);
  }
  return value;
}

export function registryEntry(dict: SyntaxNode, key: string): SyntaxNode | undefined {
  return namedChildren(dict).find(
    (pair) => pair.type === "pair" && stringValue(pair.childForFieldName("key")) === key,
  );
}

/** `"<service>": _Entry(...)` in the registry; the entries read `cfg`, which a stack without services lacks. */
export function addRegistryEntry(file: PyFile, stackClass: string, key: string, fragment: string): void {
  if (registryEntry(registryDict(file, stackClass), key)) return;
  ensureConfigLocal(file, stackClass);
  appendItem(file, registryDict(file, stackClass), fragment);
}

const CONFIG_LOCAL = "cfg = self.config";

function ensureConfigLocal(file: PyFile, stackClass: string): void {
  const method = requireMethod(file, requireClass(file, stackClass), "_registry");
  const body = bodyOf(method);
  const lines = body ? statements(body) : [];
  if (lines.some((statement) => statement.text === CONFIG_LOCAL)) return;
  const returned = lines.find((statement) => statement.type === "return_statement");
  if (returned) insertBefore(file, returned, CONFIG_LOCAL, 0);
}

export function classDocstring(file: PyFile, name: string): SyntaxNode | undefined {
  return docstringOf(requireClass(file, name).statement);
}
