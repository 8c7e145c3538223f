import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import type { SyntaxNode } from "./parser.js";

/**
 * Finding what an edit hangs on in tree-sitter's Python syntax tree. Each `require…` names what it looked
 * for in the AnchorError it throws, so a user whose code has moved on learns exactly what is missing.
 */

export function children(node: SyntaxNode): SyntaxNode[] {
  return node.children.filter((child): child is SyntaxNode => child !== null);
}

export function namedChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((child): child is SyntaxNode => child !== null);
}

/** The statements of a module or block, without comments. */
export function statements(container: SyntaxNode): SyntaxNode[] {
  return namedChildren(container).filter((node) => node.type !== "comment");
}

/** A `def` or `class` under its decorators, or the node itself. */
export function definitionOf(node: SyntaxNode): SyntaxNode {
  return node.type === "decorated_definition" ? (node.childForFieldName("definition") ?? node) : node;
}

export function definitionName(node: SyntaxNode): string | undefined {
  const definition = definitionOf(node);
  if (definition.type !== "function_definition" && definition.type !== "class_definition") return undefined;
  return definition.childForFieldName("name")?.text;
}

type DefinitionType = "function_definition" | "class_definition";

/** `def name` or `class name` directly in `container`, decorated or not: the whole statement. */
export function findDefinition(
  container: SyntaxNode,
  type: DefinitionType,
  name: string,
): SyntaxNode | undefined {
  return statements(container).find(
    (node) => definitionOf(node).type === type && definitionName(node) === name,
  );
}

export function definitionsIn(container: SyntaxNode, type: DefinitionType): SyntaxNode[] {
  return statements(container).filter((node) => definitionOf(node).type === type);
}

export function bodyOf(definition: SyntaxNode): SyntaxNode | undefined {
  return definitionOf(definition).childForFieldName("body") ?? undefined;
}

export interface ClassAnchor {
  /** The statement: the class with its decorators. */
  statement: SyntaxNode;
  body: SyntaxNode;
}

export function requireClass(file: PyFile, name: string): ClassAnchor {
  const statement = findDefinition(file.root, "class_definition", name);
  const body = statement ? bodyOf(statement) : undefined;
  if (!statement || !body) throw anchorError(file, `class ${name}`);
  return { statement, body };
}

export function requireMethod(file: PyFile, owner: ClassAnchor, name: string): SyntaxNode {
  const method = findDefinition(owner.body, "function_definition", name);
  if (!method) throw anchorError(file, `method ${name}() in class ${definitionName(owner.statement)}`);
  return method;
}

export function requireFunction(file: PyFile, name: string, what = `function ${name}()`): SyntaxNode {
  const found = findDefinition(file.root, "function_definition", name);
  if (!found) throw anchorError(file, what);
  return found;
}

/** `name = ...` or `name: type = ...` directly in `container`: the assignment node. */
export function findAssignment(container: SyntaxNode, name: string): SyntaxNode | undefined {
  for (const statement of statements(container)) {
    const assignment = statement.type === "expression_statement" ? statement.firstNamedChild : null;
    if (assignment?.type !== "assignment") continue;
    if (assignment.childForFieldName("left")?.text === name) return assignment;
  }
  return undefined;
}

/** The value of `NAME = <value>` at module level. */
export function requireModuleValue(file: PyFile, name: string): SyntaxNode {
  const value = findAssignment(file.root, name)?.childForFieldName("right");
  if (!value) throw anchorError(file, `the module-level assignment ${name} = ...`);
  return value;
}

/** The docstring of a module, class or function: its first statement, when that is a lone string. */
export function docstringOf(owner: SyntaxNode): SyntaxNode | undefined {
  const body = owner.type === "module" ? owner : bodyOf(owner);
  const first = body ? statements(body)[0] : undefined;
  return first ? lonelyString(first) : undefined;
}

/** The string of an expression statement that is nothing but a string (a docstring, a field's doc). */
export function lonelyString(statement: SyntaxNode): SyntaxNode | undefined {
  if (statement.type !== "expression_statement" || statement.namedChildCount !== 1) return undefined;
  const only = statement.firstNamedChild;
  return only?.type === "string" ? only : undefined;
}

/** The text of a plain string literal (no interpolation), without its quotes. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  if (node?.type !== "string") return undefined;
  const parts = namedChildren(node);
  if (parts.some((part) => part.type === "interpolation")) return undefined;
  return parts
    .filter((part) => part.type === "string_content")
    .map((part) => part.text)
    .join("");
}

/** The string values of a list, tuple or subscript holding only strings; undefined if anything else is in it. */
export function stringItems(items: readonly SyntaxNode[]): string[] | undefined {
  const values = items.map(stringValue);
  return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

/**
 * Where a statement's own code ends: a comment after it at its indentation or less belongs to what
 * follows (tree-sitter sometimes puts such comments inside the statement's last block).
 */
export function codeEnd(node: SyntaxNode, column = node.startPosition.column): number {
  const kids = children(node);
  for (let index = kids.length - 1; index >= 0; index--) {
    const child = kids[index] as SyntaxNode;
    if (child.type === "comment" && child.startPosition.column <= column) continue;
    return child.childCount > 0 ? codeEnd(child, column) : child.endIndex;
  }
  return node.endIndex;
}

/** Every descendant of `node` of one of `types`, in document order. */
export function descendants(node: SyntaxNode, types: string | string[]): SyntaxNode[] {
  return node.descendantsOfType(types).filter((found): found is SyntaxNode => found !== null);
}

/** One call of a method chain, `<receiver>.name(...)`. */
export interface ChainCall {
  name: string;
  call: SyntaxNode;
  /** `<receiver>.name`: the receiver, comments above the step, the dot and the name. */
  attribute: SyntaxNode;
}

/** The calls of a method chain `a.b(...).c(...)`, outermost first. */
export function chainCalls(expression: SyntaxNode): ChainCall[] {
  const calls: ChainCall[] = [];
  let current: SyntaxNode | null = expression;
  while (current?.type === "call") {
    const callee: SyntaxNode | null = current.childForFieldName("function");
    if (callee?.type !== "attribute") break;
    const name = callee.childForFieldName("attribute")?.text ?? "";
    calls.push({ name, call: current, attribute: callee });
    current = callee.childForFieldName("object");
  }
  return calls;
}

/** The expression a method returns: `return (<chain>)`, looking through the parentheses. */
export function returnedExpression(method: SyntaxNode): SyntaxNode | undefined {
  const body = bodyOf(method);
  const statement = body ? statements(body).find((node) => node.type === "return_statement") : undefined;
  let value = statement?.firstNamedChild ?? undefined;
  while (value?.type === "parenthesized_expression") value = value.firstNamedChild ?? undefined;
  return value;
}
