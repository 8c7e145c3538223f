import { fits, INDENT, layout, type PyExpr } from "../../render/python/layout.js";
import { lineIndent } from "../shared/indent.js";
import { chainSegment, toPyExpr } from "./expr.js";
import type { PyFile } from "./file.js";
import type { SyntaxNode } from "./parser.js";
import { reindent, restyle } from "./style.js";
import { children, codeEnd, namedChildren } from "./syntax.js";

/**
 * Text insertions that keep the file's layout: new statements go after their siblings with the blank
 * lines ruff puts between them, new items join a collection the way its items are laid out, in the
 * file's indentation and quotes. Everything else stays byte for byte. Fragments are in TEMPLATE_STYLE,
 * dedented: their first line at column 0.
 */

/** After a statement (and a comment ending its line), separated by `blankLines` empty lines. */
export function insertAfter(file: PyFile, node: SyntaxNode, fragment: string, blankLines: number): void {
  const indent = lineIndent(file.text, node.startIndex);
  const at = endOfLine(file.text, codeEnd(node));
  file.insert(at, `${"\n".repeat(1 + blankLines)}${restyle(fragment, file.style, indent)}`);
}

/** Before a statement and the comments right above it, separated by `blankLines` empty lines. */
export function insertBefore(file: PyFile, node: SyntaxNode, fragment: string, blankLines: number): void {
  const indent = lineIndent(file.text, node.startIndex);
  const at = lineStart(file.text, leadingCommentsStart(node));
  file.insert(at, `${restyle(fragment, file.style, indent)}\n${"\n".repeat(blankLines)}`);
}

/** Lines (e.g. chain steps) after the line holding `position`, each at `indent` plus its own levels. */
export function insertLinesAfter(file: PyFile, position: number, fragment: string, indent: string): void {
  file.insert(endOfLine(file.text, position), `\n${restyle(fragment, file.style, indent)}`);
}

export function replaceNode(file: PyFile, node: SyntaxNode, fragment: string): void {
  file.replace(
    node.startIndex,
    node.endIndex,
    restyle(fragment, file.style, lineIndent(file.text, node.startIndex)).trimStart(),
  );
}

interface Collection {
  open: SyntaxNode;
  close: SyntaxNode;
  items: SyntaxNode[];
  trailingComma: SyntaxNode | undefined;
}

const OPENERS = new Set(["(", "[", "{"]);
const CLOSERS = new Set([")", "]", "}"]);

/** The brackets and items of a list, tuple, dict, `Name[...]` subscript or argument list. */
function collectionOf(node: SyntaxNode): Collection | undefined {
  const tokens = children(node);
  const open = tokens.find((token) => OPENERS.has(token.type));
  const close = tokens.findLast((token) => CLOSERS.has(token.type));
  if (!open || !close) return undefined;
  const items =
    node.type === "subscript"
      ? node.childrenForFieldName("subscript").filter((item): item is SyntaxNode => item !== null)
      : namedChildren(node).filter((child) => child.type !== "comment");
  const last = items.at(-1);
  const after = last?.nextSibling;
  return { open, close, items, trailingComma: after?.type === "," ? after : undefined };
}

/**
 * Appends an item. In a collection on one line, the item joins the line, and the whole expression is
 * laid out again as create lays it out if the line grew too long; in a split collection it gets a line
 * of its own after the last item, with the comma ruff would put (after two or more items, a trailing one).
 */
export function appendItem(file: PyFile, node: SyntaxNode, item: string): void {
  const collection = collectionOf(node);
  if (!collection) {
    throw new Error(`${file.path}: ${node.type} at line ${node.startPosition.row + 1} is no collection`);
  }
  if (isOneLine(collection)) appendInline(file, node, collection, item);
  else appendOnOwnLine(file, node, collection, item);
}

/** Inserts an item right after `previous`, an item that is not the last (so a comma follows it). */
export function insertItemAfter(file: PyFile, node: SyntaxNode, previous: SyntaxNode, item: string): void {
  const comma = previous.nextSibling;
  const collection = collectionOf(node);
  if (!collection || collection.items.at(-1)?.startIndex === previous.startIndex || comma?.type !== ",") {
    appendItem(file, node, item);
    return;
  }
  if (isOneLine(collection)) {
    growOnItsLine(file, node, () => file.insert(comma.endIndex, ` ${restyle(item, file.style, "")},`));
    return;
  }
  const indent = lineIndent(file.text, previous.startIndex);
  file.insert(endOfLine(file.text, comma.endIndex), `\n${restyle(item, file.style, indent)},`);
}

function isOneLine({ open, close }: Collection): boolean {
  return open.startPosition.row === close.startPosition.row;
}

function appendInline(
  file: PyFile,
  node: SyntaxNode,
  { open, items, trailingComma }: Collection,
  item: string,
): void {
  const text = restyle(item, file.style, "");
  const last = items.at(-1);
  growOnItsLine(file, node, () => {
    if (!last) file.insert(open.endIndex, node.type === "tuple" ? `${text},` : text);
    else if (trailingComma && node.type === "tuple" && items.length === 1) {
      file.replace(trailingComma.startIndex, trailingComma.endIndex, `, ${text}`);
    } else if (trailingComma) file.insert(trailingComma.endIndex, ` ${text},`);
    else file.insert(last.endIndex, `, ${text}`);
  });
}

function appendOnOwnLine(
  file: PyFile,
  node: SyntaxNode,
  { open, items, trailingComma }: Collection,
  item: string,
): void {
  const last = items.at(-1);
  if (!last) {
    const indent = `${lineIndent(file.text, open.startIndex)}${file.style.indent}`;
    file.insert(open.endIndex, `\n${restyle(item, file.style, indent)},`);
    return;
  }
  const [lastStart, lastEnd] = [last.startIndex, last.endIndex];
  const indent = lineIndent(file.text, lastStart);
  const comma = trailingComma || items.length === 1 ? "," : "";
  const at = endOfLine(file.text, trailingComma?.endIndex ?? codeEnd(last));
  file.insert(at, `\n${restyle(item, file.style, indent)}${comma}`);
  if (trailingComma) return;
  file.insert(lastEnd, ",");
  // The comma can push the former last item past the line's end: ruff would split it.
  const previous = itemAt(file, node, lastStart);
  if (previous && previous.startPosition.row === previous.endPosition.row && !lineFits(file, lastStart)) {
    relayout(file, layoutOf(previous, false));
  }
}

/**
 * Runs `edit` (which adds to the one-line collection `node`), then lays the expression around it out
 * again as create would, if its line grew too long or the new item brought line breaks.
 */
function growOnItsLine(file: PyFile, node: SyntaxNode, edit: () => void): void {
  const root = layoutRootOf(node);
  const [start, type] = [node.startIndex, node.type];
  edit();
  const grown = nodeAt(file, start, type);
  const target = grown ? climb(grown, root.up) : undefined;
  if (!target) return;
  const layoutTarget = layoutOf(target, root.segment);
  const { text } = file;
  const oneLine = !text.slice(layoutTarget.start, layoutTarget.end).includes("\n");
  if (!oneLine || !lineFits(file, layoutTarget.start)) relayout(file, layoutTarget);
}

const LAYOUT_ROOTS = new Set(["list", "tuple", "dictionary", "subscript", "call"]);
const CONTAINERS = new Set([...LAYOUT_ROOTS, "argument_list", "keyword_argument", "pair"]);

/**
 * The expression laid out again when a one-line collection grows: the outermost bracketed expression
 * around it on its line (the value of `NAME = (...)`), or, in a method chain, the chained call the
 * collection is an argument of (`.with_exec([...])`), which create lays out on lines of its own.
 * Given as the number of parents to climb, which an insertion into the collection does not change.
 */
function layoutRootOf(collection: SyntaxNode): { up: number; segment: boolean } {
  let root = { up: 0, segment: false };
  let up = 0;
  for (let parent = collection.parent; parent && CONTAINERS.has(parent.type); parent = parent.parent) {
    up++;
    if (parent.startPosition.row !== parent.endPosition.row) {
      const dot = chainDot(parent);
      if (dot && dot.startPosition.row === collection.startPosition.row) root = { up, segment: true };
      break;
    }
    if (LAYOUT_ROOTS.has(parent.type)) root = { up, segment: false };
  }
  return root;
}

function climb(node: SyntaxNode, steps: number): SyntaxNode | undefined {
  let current: SyntaxNode | null = node;
  for (let step = 0; step < steps && current; step++) current = current.parent;
  return current ?? undefined;
}

/** The `.` before the called name of a chained call, `<receiver>.name(...)`. */
function chainDot(call: SyntaxNode): SyntaxNode | undefined {
  const callee = call.type === "call" ? call.childForFieldName("function") : null;
  return callee?.type === "attribute" ? children(callee).findLast((child) => child.type === ".") : undefined;
}

interface LayoutTarget {
  start: number;
  end: number;
  expr: PyExpr | undefined;
}

function layoutOf(node: SyntaxNode, segment: boolean): LayoutTarget {
  const dot = segment ? chainDot(node) : undefined;
  if (dot) return { start: dot.startIndex, end: node.endIndex, expr: chainSegment(node) };
  return { start: node.startIndex, end: node.endIndex, expr: toPyExpr(node) };
}

/** Lays an expression out again as create would, with what precedes it on its first line and follows on its last. */
function relayout(file: PyFile, { start, end, expr }: LayoutTarget): void {
  if (!expr) return;
  const { text, style } = file;
  const from = lineStart(text, start);
  const to = lineEnd(text, end);
  const indent = lineIndent(text, start);
  const lead = text.slice(from + indent.length, start);
  const trail = text.slice(end, to);
  const lines = layout(expr, levelsOf(indent, style.indent) * INDENT, lead, trail);
  file.replace(from, to, reindent(lines.join("\n"), style, ""));
}

function levelsOf(indent: string, unit: string): number {
  return Math.round(indent.length / unit.length);
}

function nodeAt(file: PyFile, index: number, type: string): SyntaxNode | undefined {
  for (let node: SyntaxNode | null = file.root.descendantForIndex(index); node; node = node.parent) {
    if (node.startIndex === index && node.type === type) return node;
    if (node.startIndex < index) break;
  }
  return undefined;
}

function itemAt(file: PyFile, collection: SyntaxNode, index: number): SyntaxNode | undefined {
  const current = nodeAt(file, collection.startIndex, collection.type);
  return current ? collectionOf(current)?.items.find((item) => item.startIndex === index) : undefined;
}

function lineFits(file: PyFile, position: number): boolean {
  return fits(file.text.slice(lineStart(file.text, position), lineEnd(file.text, position)));
}

/** The first comment of the run of comment lines right above `node` (or the node itself). */
function leadingCommentsStart(node: SyntaxNode): number {
  let first = node;
  for (
    let previous = node.previousSibling;
    previous?.type === "comment" && previous.endPosition.row + 1 === first.startPosition.row;
    previous = previous.previousSibling
  ) {
    first = previous;
  }
  return first.startIndex;
}

export function lineStart(text: string, position: number): number {
  return text.lastIndexOf("\n", position - 1) + 1;
}

export function lineEnd(text: string, position: number): number {
  const newline = text.indexOf("\n", position);
  return newline === -1 ? text.length : newline;
}

/** Where the line holding `position` ends, when only blanks or a comment follow; else `position`. */
export function endOfLine(text: string, position: number): number {
  const end = lineEnd(text, position);
  return /^\s*(#.*)?$/.test(text.slice(position, end)) ? end : position;
}
