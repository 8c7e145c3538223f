import {
  atom,
  call,
  dict,
  kw,
  list,
  type PyArg,
  type PyExpr,
  subscript,
  tuple,
} from "../../render/python/layout.js";
import type { SyntaxNode } from "./parser.js";
import { namedChildren } from "./syntax.js";

/**
 * Parsed Python as create's own layout data (render/python/layout.ts), so that an edited expression is
 * laid out exactly as create lays out the same expression: one line when it fits, else split at its
 * brackets with ruff's trailing commas. Leaves (names, strings, numbers) keep their text as written.
 * Undefined when the expression holds something that would not survive (a comment, a multi-line leaf).
 */
export function toPyExpr(node: SyntaxNode): PyExpr | undefined {
  switch (node.type) {
    case "list":
      return itemsOf(node, list);
    case "tuple":
      return itemsOf(node, tuple);
    case "dictionary":
      return dictionaryOf(node);
    case "subscript":
      return subscriptOf(node);
    case "call":
      return callOf(node);
    default:
      return node.text.includes("\n") ? undefined : atom(node.text);
  }
}

function itemsOf(node: SyntaxNode, make: (items: PyExpr[]) => PyExpr): PyExpr | undefined {
  const items = allDefined(withoutComments(node).map(toPyExpr));
  return items && withoutComments(node).length === namedChildren(node).length ? make(items) : undefined;
}

function dictionaryOf(node: SyntaxNode): PyExpr | undefined {
  const pairs = namedChildren(node);
  if (pairs.some((pair) => pair.type !== "pair")) return undefined;
  const entries = pairs.map((pair) => {
    const key = pair.childForFieldName("key");
    const value = pair.childForFieldName("value");
    const [k, v] = [key && toPyExpr(key), value && toPyExpr(value)];
    return k && v ? { key: k, value: v } : undefined;
  });
  return entries.every((entry) => entry !== undefined)
    ? dict(entries as { key: PyExpr; value: PyExpr }[])
    : undefined;
}

function subscriptOf(node: SyntaxNode): PyExpr | undefined {
  const target = node.childForFieldName("value");
  const items = node.childrenForFieldName("subscript").filter((item): item is SyntaxNode => item !== null);
  const exprs = allDefined(items.map(toPyExpr));
  if (!target || target.text.includes("\n") || !exprs || hasComment(node)) return undefined;
  return subscript(target.text, exprs);
}

function callOf(node: SyntaxNode): PyExpr | undefined {
  const callee = node.childForFieldName("function")?.text;
  return callee === undefined || callee.includes("\n") ? undefined : callWith(node, callee);
}

/** A chained call on its own, `.name(args)`, as create writes each step of a builder's chain. */
export function chainSegment(node: SyntaxNode): PyExpr | undefined {
  const name = node.childForFieldName("function")?.childForFieldName("attribute")?.text;
  return name === undefined ? undefined : callWith(node, `.${name}`);
}

function callWith(node: SyntaxNode, callee: string): PyExpr | undefined {
  const args = node.childForFieldName("arguments");
  if (args?.type !== "argument_list" || hasComment(args)) return undefined;
  const converted = allDefined(namedChildren(args).map(argumentOf));
  return converted ? call(callee, ...converted) : undefined;
}

function argumentOf(node: SyntaxNode): PyArg | undefined {
  if (node.type !== "keyword_argument") return toPyExpr(node);
  const name = node.childForFieldName("name");
  const value = node.childForFieldName("value");
  const expr = value ? toPyExpr(value) : undefined;
  return name && expr ? kw(name.text, expr) : undefined;
}

function withoutComments(node: SyntaxNode): SyntaxNode[] {
  return namedChildren(node).filter((child) => child.type !== "comment");
}

function hasComment(node: SyntaxNode): boolean {
  return namedChildren(node).some((child) => child.type === "comment");
}

function allDefined<T>(values: readonly (T | undefined)[]): T[] | undefined {
  return values.every((value) => value !== undefined) ? (values as T[]) : undefined;
}
