import { Document, isAlias, isMap, isScalar, isSeq, type Node, type Pair, visit } from "yaml";

/**
 * Editing a YAML file by replacing whole lines of its text, found through `yaml`'s parse: what is not
 * edited stays byte for byte, comments, quoting and blank lines included. Works on block collections,
 * one key or item per line, which is how workflow files are written; callers check that first.
 */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies splices, from the end of the text back. Replaced ranges may not overlap, nor an insertion fall
 * inside one; insertions at one position keep the order they were given in, after a range replaced there.
 */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ranges = splices.filter((splice) => splice.end > splice.start).sort((a, b) => a.start - b.start);
  for (let index = 1; index < ranges.length; index++) {
    if ((ranges[index] as Splice).start < (ranges[index - 1] as Splice).end)
      throw new Error("overlapping YAML edits");
  }
  const inside = splices.some(
    (splice) =>
      splice.end === splice.start &&
      ranges.some((range) => range.start < splice.start && splice.start < range.end),
  );
  if (inside) throw new Error("a YAML insertion inside a replaced range");
  const order = splices
    .map((splice, index) => ({ splice, index, range: splice.end > splice.start ? 1 : 0 }))
    .sort((a, b) => b.splice.start - a.splice.start || b.range - a.range || b.index - a.index);
  return order.reduce(
    (result, { splice }) => result.slice(0, splice.start) + splice.text + result.slice(splice.end),
    text,
  );
}

export function lineStart(text: string, position: number): number {
  return text.lastIndexOf("\n", position - 1) + 1;
}

/** The position after the newline ending the line that holds `position` (or the text's end). */
export function nextLineStart(text: string, position: number): number {
  const newline = text.indexOf("\n", position);
  return newline === -1 ? text.length : newline + 1;
}

/** The indentation of the line holding `position`. */
export function indentAt(text: string, position: number): string {
  const start = lineStart(text, position);
  return /^[ \t]*/.exec(text.slice(start))?.[0] ?? "";
}

export function rangeOf(node: Node): [number, number, number] {
  if (!node.range) throw new Error("a parsed YAML node has no source range");
  return node.range;
}

/** The lines of a block-map pair: its key's line (and the comment lines right above it) to its value's end. */
export function pairLines(text: string, pair: Pair): { start: number; end: number } {
  const key = pair.key as Node;
  const [keyStart] = rangeOf(key);
  const end = endOfNode(text, (pair.value as Node | null) ?? key);
  return { start: withCommentsAbove(text, lineStart(text, keyStart)), end };
}

/** The lines of a block-sequence item: its `- ` line (and the comment lines right above it) to its end. */
export function itemLines(text: string, item: Node): { start: number; end: number } {
  const [start] = rangeOf(item);
  return { start: withCommentsAbove(text, lineStart(text, start)), end: endOfNode(text, item) };
}

/** Where the lines a node covers end: after the newline of its last line. */
export function endOfNode(text: string, node: Node): number {
  const [, , end] = rangeOf(node);
  return end > 0 && text[end - 1] === "\n" ? end : nextLineStart(text, Math.max(end - 1, 0));
}

/** Comment lines directly above a line, at its indentation, belong to what that line starts. */
function withCommentsAbove(text: string, start: number): number {
  const indent = indentAt(text, start);
  let first = start;
  while (first > 0) {
    const previous = lineStart(text, first - 1);
    const line = text.slice(previous, first - 1);
    if (!line.startsWith(`${indent}#`)) break;
    first = previous;
  }
  return first;
}

/** No anchor, alias or merge key in the node: then its text can be edited without touching other places. */
export function hasNoReferences(node: unknown): boolean {
  let plain = true;
  visit(node as Node, {
    Node(_, child) {
      if (isAlias(child) || (child as Node).anchor) plain = false;
    },
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.value === "<<") plain = false;
    },
  });
  return plain;
}

/** A block (not flow) map or sequence: one entry per line, which line edits need. */
export function isBlock(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && !node.flow;
}

/** A value as YAML lines at `indent`, e.g. a sequence item `- name: x` with its keys below it. */
export function yamlLines(value: unknown, indent: string): string {
  const document = new Document(value);
  const text = document.toString({ lineWidth: 0, nullStr: "" });
  return text
    .trimEnd()
    .split("\n")
    .map((line) => (line === "" ? line : `${indent}${line}`))
    .join("\n");
}
