import {
  type ArrayLiteralExpression,
  type CallExpression,
  type ClassDeclaration,
  type FunctionDeclaration,
  type InterfaceDeclaration,
  type MethodDeclaration,
  Node,
  type ObjectLiteralExpression,
  type TypeLiteralNode,
} from "ts-morph";
import { anchorError } from "../shared/anchor-error.js";
import { lineIndent } from "../shared/indent.js";
import type { TsFile } from "./file.js";

/**
 * Finding what an edit hangs on, syntactically. Each `require…` names what it looked for in the
 * AnchorError it throws, so a user whose code has moved on learns exactly what is missing.
 */

export function requireClass(file: TsFile, name: string): ClassDeclaration {
  const found = file.source.getClass(name);
  if (!found) throw anchorError(file, `class ${name}`);
  return found;
}

export function requireInterface(file: TsFile, name: string): InterfaceDeclaration {
  const found = file.source.getInterface(name);
  if (!found) throw anchorError(file, `interface ${name}`);
  return found;
}

export function requireFunction(file: TsFile, name: string): FunctionDeclaration {
  const found = file.source.getFunction(name);
  if (!found) throw anchorError(file, `function ${name}()`);
  return found;
}

export function requireMethod(file: TsFile, owner: ClassDeclaration, name: string): MethodDeclaration {
  const found = owner.getMethod(name);
  if (!found) throw anchorError(file, `method ${name}() in class ${owner.getName()}`);
  return found;
}

/** `const NAME = <initializer>`, looking through `as const` and `satisfies`. */
export function requireConstInitializer(file: TsFile, name: string): Node {
  const initializer = unwrap(file.source.getVariableDeclaration(name)?.getInitializer());
  if (!initializer) throw anchorError(file, `const ${name}`);
  return initializer;
}

export function requireObjectLiteral(
  file: TsFile,
  node: Node | undefined,
  what: string,
): ObjectLiteralExpression {
  const unwrapped = unwrap(node);
  if (!Node.isObjectLiteralExpression(unwrapped)) throw anchorError(file, what);
  return unwrapped;
}

export function requireArrayLiteral(
  file: TsFile,
  node: Node | undefined,
  what: string,
): ArrayLiteralExpression {
  const unwrapped = unwrap(node);
  if (!Node.isArrayLiteralExpression(unwrapped)) throw anchorError(file, what);
  return unwrapped;
}

/** The type literal of a property signature, e.g. `services: { ... }` in an interface. */
export function requireTypeLiteralProperty(
  file: TsFile,
  owner: InterfaceDeclaration,
  name: string,
): TypeLiteralNode {
  const type = owner.getProperty(name)?.getTypeNode();
  if (!Node.isTypeLiteral(type)) {
    throw anchorError(file, `the \`${name}: { ... }\` type in interface ${owner.getName()}`);
  }
  return type;
}

/** The object a class property is initialised with, e.g. `private readonly registry = { ... }`. */
export function requireClassPropertyObject(
  file: TsFile,
  owner: ClassDeclaration,
  name: string,
): ObjectLiteralExpression {
  const initializer = owner.getProperty(name)?.getInitializer();
  return requireObjectLiteral(file, initializer, `the \`${name}\` property of class ${owner.getName()}`);
}

export function propertyValue(object: ObjectLiteralExpression, name: string): Node | undefined {
  const property = object.getProperties().find((candidate) => memberName(candidate) === name);
  return Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
}

/** The name of a property or member, unquoted: `redis`, `"redis"` and `'redis'` all give redis. */
export function memberName(node: Node): string | undefined {
  if (Node.isShorthandPropertyAssignment(node)) return node.getName();
  if (
    !Node.isPropertyAssignment(node) &&
    !Node.isPropertySignature(node) &&
    !Node.isMethodDeclaration(node)
  ) {
    return undefined;
  }
  const nameNode = node.getNameNode();
  return Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText();
}

export function hasMember(nodes: readonly Node[], name: string): boolean {
  return nodes.some((node) => memberName(node) === name);
}

/** `this.dag...` chains are calls on property accesses: the calls in it named `method`, outermost first. */
export function chainCalls(expression: Node, method: string): CallExpression[] {
  const calls: CallExpression[] = [];
  let current: Node | undefined = expression;
  while (current) {
    if (Node.isCallExpression(current)) {
      const callee = current.getExpression();
      if (Node.isPropertyAccessExpression(callee) && callee.getName() === method) calls.push(current);
      current = Node.isPropertyAccessExpression(callee) ? callee.getExpression() : undefined;
    } else current = Node.isPropertyAccessExpression(current) ? current.getExpression() : undefined;
  }
  return calls;
}

/** The expression a method returns (the builder chain). */
export function returnedExpression(method: MethodDeclaration): Node | undefined {
  const statement = method.getStatements().find((candidate) => Node.isReturnStatement(candidate));
  // Formatters wrap a commented chain in parentheses when the file has no semicolons.
  return Node.isReturnStatement(statement) ? unwrap(statement.getExpression()) : undefined;
}

export function stringElements(array: ArrayLiteralExpression): string[] | undefined {
  const values = array
    .getElements()
    .map((element) => (Node.isStringLiteral(element) ? element.getLiteralValue() : undefined));
  return values.every((value) => value !== undefined) ? (values as string[]) : undefined;
}

/** The `describe(...)` at the top level of a test file, and its body. */
export function topLevelDescribe(file: TsFile): CallExpression | undefined {
  for (const statement of file.source.getStatements()) {
    const call = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
    if (Node.isCallExpression(call) && call.getExpression().getText() === "describe") return call;
  }
  return undefined;
}

/** The leading whitespace of the line `position` is on. */
export function lineIndentAt(file: TsFile, position: number): string {
  return lineIndent(file.source.getFullText(), position);
}

export function indentOf(file: TsFile, node: Node): string {
  return lineIndentAt(file, node.getStart(true));
}

function unwrap(node: Node | undefined): Node | undefined {
  let current = node;
  while (
    Node.isAsExpression(current) ||
    Node.isSatisfiesExpression(current) ||
    Node.isParenthesizedExpression(current)
  ) {
    current = current.getExpression();
  }
  return current;
}
