import { commentText, pyFormattedString } from "../escape.js";

/**
 * Python expressions as data, laid out the way `ruff format` leaves them (88 columns, 4 spaces). The rule
 * that makes the output stable: an expression that fits stays on one line; one that does not is split at
 * its brackets, and a split list of several items always ends with a trailing comma, which ruff then keeps
 * exploded ("magic trailing comma"). A single item is put on its own line without one, as ruff does.
 */
export const LINE_WIDTH = 88;
export const INDENT = 4;

export type PyExpr =
  | { kind: "atom"; text: string }
  /** `callee(args)`; `params` lays out a `def` signature (ruff adds a comma after a lone parameter). */
  | { kind: "call"; callee: string; args: PyArg[]; params?: boolean }
  /** `target[items]`, e.g. `Literal["a", "b"]`. */
  | { kind: "subscript"; target: string; items: PyExpr[] }
  | { kind: "list"; items: PyExpr[] }
  | { kind: "tuple"; items: PyExpr[] }
  | { kind: "dict"; entries: { key: PyExpr; value: PyExpr }[] };

/** A call argument or a dict entry: `name=value`, `key: value`, or a plain expression. */
export type PyArg =
  | PyExpr
  | { kind: "keyword"; name: string; value: PyExpr }
  | { kind: "pair"; key: PyExpr; value: PyExpr };

export const atom = (text: string): PyExpr => ({ kind: "atom", text });
export const str = (value: string): PyExpr => atom(pyFormattedString(value));
export const call = (callee: string, ...args: PyArg[]): PyExpr => ({ kind: "call", callee, args });
export const kw = (name: string, value: PyExpr): PyArg => ({ kind: "keyword", name, value });
export const subscript = (target: string, items: PyExpr[]): PyExpr => ({ kind: "subscript", target, items });
export const list = (items: PyExpr[]): PyExpr => ({ kind: "list", items });
export const tuple = (items: PyExpr[]): PyExpr => ({ kind: "tuple", items });
export const strList = (items: readonly string[]): PyExpr => list(items.map(str));
export const dict = (entries: { key: PyExpr; value: PyExpr }[]): PyExpr => ({ kind: "dict", entries });

/** Plain data (strings, numbers, booleans, arrays, objects) as a Python literal. */
export function literal(value: unknown): PyExpr {
  if (Array.isArray(value)) return list(value.map(literal));
  if (value !== null && typeof value === "object") {
    return dict(Object.entries(value).map(([key, item]) => ({ key: str(key), value: literal(item) })));
  }
  if (typeof value === "boolean") return atom(value ? "True" : "False");
  if (typeof value === "number") return atom(String(value));
  if (value === null || value === undefined) return atom("None");
  return str(String(value));
}

export function flat(expr: PyArg): string {
  switch (expr.kind) {
    case "atom":
      return expr.text;
    case "keyword":
      return `${expr.name}=${flat(expr.value)}`;
    case "pair":
      return `${flat(expr.key)}: ${flat(expr.value)}`;
    case "call":
      return `${expr.callee}(${expr.args.map(flat).join(", ")})`;
    case "subscript":
      return `${expr.target}[${expr.items.map(flat).join(", ")}]`;
    case "list":
      return `[${expr.items.map(flat).join(", ")}]`;
    case "tuple":
      return expr.items.length === 1
        ? `(${flat(expr.items[0] as PyExpr)},)`
        : `(${expr.items.map(flat).join(", ")})`;
    case "dict":
      return `{${expr.entries.map((entry) => flat({ kind: "pair", ...entry })).join(", ")}}`;
  }
}

/**
 * The lines of `lead + expr + trail` at `indent` spaces. `lead` is what precedes the expression on its
 * first line (`x = `, `return `), `trail` what follows it on its last (`,`, `:`).
 */
export function layout(expr: PyArg, indent: number, lead = "", trail = ""): string[] {
  const pad = " ".repeat(indent);
  const line = `${pad}${lead}${flat(expr)}${trail}`;
  if (fits(line)) return [line];
  if (expr.kind === "keyword") return layout(expr.value, indent, `${lead}${expr.name}=`, trail);
  if (expr.kind === "pair") return layout(expr.value, indent, `${lead}${flat(expr.key)}: `, trail);
  const parts = brackets(expr);
  if (!parts || parts.items.length === 0) return [line];
  const inner = indent + INDENT;
  const [only] = parts.items;
  const body =
    parts.items.length === 1 && only && !parts.commaAfterOne
      ? layout(only, inner)
      : parts.items.flatMap((item) => layout(item, inner, "", ","));
  return [`${pad}${lead}${parts.open}`, ...body, `${pad}${parts.close}${trail}`];
}

/** An annotated or plain assignment; an atom too long for the line is wrapped in parentheses, as ruff does. */
export function assignment(target: string, value: PyExpr, indent: number): string[] {
  const pad = " ".repeat(indent);
  const line = `${pad}${target} = ${flat(value)}`;
  if (fits(line) || value.kind !== "atom") return layout(value, indent, `${target} = `);
  const wrapped = `${pad}${" ".repeat(INDENT)}${value.text}`;
  return fits(wrapped) ? [`${pad}${target} = (`, wrapped, `${pad})`] : [line];
}

export function fits(line: string): boolean {
  return [...line].length <= LINE_WIDTH;
}

interface Brackets {
  open: string;
  close: string;
  items: PyArg[];
  /** A lone item still gets a trailing comma: a one-element tuple, or a `def` parameter. */
  commaAfterOne: boolean;
}

function brackets(expr: PyExpr): Brackets | undefined {
  switch (expr.kind) {
    case "atom":
      return undefined;
    case "call":
      return { open: `${expr.callee}(`, close: ")", items: expr.args, commaAfterOne: expr.params === true };
    case "subscript":
      return { open: `${expr.target}[`, close: "]", items: expr.items, commaAfterOne: false };
    case "list":
      return { open: "[", close: "]", items: expr.items, commaAfterOne: false };
    case "tuple":
      return { open: "(", close: ")", items: expr.items, commaAfterOne: true };
    case "dict":
      return {
        open: "{",
        close: "}",
        items: expr.entries.map((entry): PyArg => ({ kind: "pair", ...entry })),
        commaAfterOne: false,
      };
  }
}

/** `# text` lines wrapped to fit at `indent`. */
export function comment(text: string | undefined, indent: number): string[] {
  if (!text) return [];
  const pad = " ".repeat(indent);
  return wrapProse(commentText(text), LINE_WIDTH - indent - 2).map((line) => `${pad}# ${line}`);
}

/** `from module import a, b`, split one name per line in parentheses when too long (ruff adds the comma). */
export function importLines(module: string, names: readonly string[]): string[] {
  const line = `from ${module} import ${names.join(", ")}`;
  if (fits(line)) return [line];
  return [`from ${module} import (`, ...names.map((name) => `    ${name},`), ")"];
}

/** A `def` or `async def` signature, split like ruff splits one (a lone parameter keeps its comma). */
export function signature(name: string, params: readonly string[], returns: string, indent = 0): string[] {
  const expr: PyExpr = { kind: "call", callee: name, args: params.map(atom), params: true };
  return layout(expr, indent, "", ` -> ${returns}:`);
}

/** A module-level `def` (or `async def`) line. */
export function def(name: string, params: readonly string[], returns: string, isAsync: boolean): string[] {
  return signature(`${isAsync ? "async " : ""}def ${name}`, params, returns);
}

/**
 * A docstring of wrapped paragraphs at `indent`: one line when it fits, else the closing quotes on a line of
 * their own. Backslashes and triple quotes in the text are escaped.
 */
export function docstring(paragraphs: string | readonly string[], indent: number): string[] {
  const pad = " ".repeat(indent);
  const texts = typeof paragraphs === "string" ? [paragraphs] : paragraphs;
  const width = LINE_WIDTH - indent - 6;
  const lines = texts.flatMap((paragraph, index) => [
    ...(index > 0 ? [""] : []),
    ...wrapProse(docText(paragraph), width),
  ]);
  const [first = ""] = lines;
  // ruff puts the closing quotes of a one-line docstring on its line whatever the length: wrapping at the
  // width left beside both quotes makes a docstring one line exactly when that line fits.
  if (lines.length === 1) return [`${pad}"""${first}"""`];
  return [`${pad}"""${first}`, ...lines.slice(1).map((line) => (line ? `${pad}${line}` : line)), `${pad}"""`];
}

export function moduleDocstring(paragraphs: readonly string[]): string[] {
  return docstring(paragraphs, 0);
}

function docText(text: string): string {
  return commentText(text).replace(/\\/g, "\\\\").replace(/"""/g, '\\"\\"\\"');
}

/** Words into lines of at most `width` characters; a `code span` is never broken. */
export function wrapProse(text: string, width: number): string[] {
  const words = text.match(/`[^`]*`\S*|\S+/g) ?? [];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && [...line].length + 1 + [...word].length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
