import { AnchorError } from "../../errors.js";
import { lineIndent } from "../shared/indent.js";
import { arrayItems, findKeyValue, findTable, inlineTableHolding, tableEntries } from "./query.js";
import { encodeString, type Span, scanToml, type TomlDocument } from "./scan.js";

/**
 * Targeted edits of TOML text: each returns the whole text with one local change and leaves every other
 * byte (comments, order, quoting, line endings) as it was. Values are given as TOML literals.
 */

/** Longest line an inline array may grow to before it is rewritten one item per line. */
const INLINE_ARRAY_WIDTH = 88;

/** Appends items to the array at `path`, creating the key (or its table) when it is missing. */
export function appendToArray(
  text: string,
  path: readonly string[],
  items: readonly string[],
  file = "pyproject.toml",
): string {
  if (items.length === 0) return text;
  const doc = scanToml(text);
  const entry = findKeyValue(doc, path);
  if (!entry) return addArray(doc, path, items, file);
  if (text[entry.value.start] !== "[") {
    throw new AnchorError(
      file,
      `an array at ${dotted(path)}`,
      "it holds another kind of value; add the entries by hand",
    );
  }
  const spans = arrayItems(text, entry.value);
  const inner = text.slice(entry.value.start + 1, entry.value.end - 1);
  if (inner.includes("\n")) return appendMultiline(doc, entry.value, spans, items);
  if (spans.length === 0) return replaceSpan(text, entry.value, multilineArray(doc, entry.value, items));
  return appendInline(doc, entry.value, spans, items);
}

function addArray(
  doc: TomlDocument,
  path: readonly string[],
  items: readonly string[],
  file: string,
): string {
  const holder = inlineTableHolding(doc, path);
  if (holder) {
    throw new AnchorError(
      file,
      dotted(path),
      `${dotted(holder.table.concat(holder.key))} is an inline table; add ${items.join(", ")} by hand`,
    );
  }
  const tablePath = path.slice(0, -1);
  const key = keyText(path.at(-1) ?? "");
  const value = multilineItems(doc, "", items);
  if (findTable(doc, tablePath)) return insertKeyValue(doc, tablePath, `${key} = ${value}`);
  return appendTable(doc, tablePath, [`${key} = ${value}`]);
}

function appendMultiline(doc: TomlDocument, array: Span, spans: Span[], items: readonly string[]): string {
  const { text, eol } = doc;
  const closing = array.end - 1;
  const last = spans.at(-1);
  if (!last) {
    const indent = `${lineIndent(text, closing)}${indentUnit(doc)}`;
    const lines = items.map((item) => `${indent}${item},${eol}`).join("");
    const at = lineStart(text, closing);
    return at > array.start ? insertAt(text, at, lines) : insertAt(text, closing, `${eol}${lines}`);
  }
  const comma = commaAfter(text, last.end, closing);
  const indent = itemIndent(text, last.start);
  const rest = lineEndBefore(text, comma ?? last.end, closing);
  const trailingComma = comma !== undefined;
  const added = items.map(
    (item, index) => `${eol}${indent}${item}${trailingComma || index < items.length - 1 ? "," : ""}`,
  );
  if (rest.closingOnLine) {
    const at = comma === undefined ? last.end : comma + 1;
    return insertAt(text, at, `${comma === undefined ? "," : ""}${added.join("")}`);
  }
  const withComma = comma === undefined ? insertAt(text, last.end, ",") : text;
  const shift = comma === undefined ? 1 : 0;
  return insertAt(withComma, rest.end + shift, added.join(""));
}

function appendInline(doc: TomlDocument, array: Span, spans: Span[], items: readonly string[]): string {
  const { text } = doc;
  const last = spans.at(-1) as Span;
  const comma = commaAfter(text, last.end, array.end - 1);
  const addition = comma === undefined ? `, ${items.join(", ")}` : ` ${items.join(", ")},`;
  const edited = insertAt(text, comma === undefined ? last.end : comma + 1, addition);
  const lineFrom = lineStart(edited, array.start);
  const lineTo = edited.indexOf("\n", array.end + addition.length - 1);
  const line = edited.slice(lineFrom, lineTo === -1 ? edited.length : lineTo).replace(/\r$/, "");
  if ([...line].length <= INLINE_ARRAY_WIDTH) return edited;
  const existing = spans.map((span) => text.slice(span.start, span.end));
  return replaceSpan(text, array, multilineArray(doc, array, [...existing, ...items]));
}

/** Inserts `line` (a whole `key = value`) after the last key of the table at `tablePath`. */
export function insertKeyValue(doc: TomlDocument, tablePath: readonly string[], line: string): string {
  const entries = tableEntries(doc, tablePath);
  const last = entries.at(-1);
  if (last)
    return insertAt(doc.text, last.lineEnd, `${doc.eol}${lineIndent(doc.text, last.span.start)}${line}`);
  const header = findTable(doc, tablePath);
  if (!header) throw new Error(`no table ${dotted(tablePath)}`);
  return insertAt(doc.text, header.span.end + restOfLine(doc.text, header.span.end), `${doc.eol}${line}`);
}

/** Appends `[path]` with its lines at the end of the text, after one blank line. */
export function appendTable(doc: TomlDocument, path: readonly string[], lines: readonly string[]): string {
  const { text, eol } = doc;
  const ended = text === "" || text.endsWith("\n") ? text : `${text}${eol}`;
  const gap = ended.trim() === "" ? "" : eol;
  return `${ended}${gap}[${path.map(keyText).join(".")}]${eol}${lines.join(eol)}${eol}`;
}

/** `name` as a TOML key: bare when it can be, quoted otherwise. */
export function keyText(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : encodeString(name);
}

function multilineArray(doc: TomlDocument, array: Span, items: readonly string[]): string {
  return multilineItems(doc, lineIndent(doc.text, array.start), items);
}

function multilineItems(doc: TomlDocument, base: string, items: readonly string[]): string {
  const indent = `${base}${indentUnit(doc)}`;
  return `[${doc.eol}${items.map((item) => `${indent}${item},${doc.eol}`).join("")}${base}]`;
}

/** The indentation the file uses for items of multi-line arrays; 4 spaces when it has none. */
function indentUnit(doc: TomlDocument): string {
  for (const statement of doc.statements) {
    if (statement.kind !== "keyValue" || doc.text[statement.value.start] !== "[") continue;
    const first = arrayItems(doc.text, statement.value)[0];
    if (!first) continue;
    const base = lineIndent(doc.text, statement.span.start);
    const indent = lineIndent(doc.text, first.start);
    if (onOwnLine(doc.text, first.start) && indent.length > base.length) return indent.slice(base.length);
  }
  return "    ";
}

function itemIndent(text: string, offset: number): string {
  if (onOwnLine(text, offset)) return lineIndent(text, offset);
  return " ".repeat(offset - lineStart(text, offset));
}

function onOwnLine(text: string, offset: number): boolean {
  return text.slice(lineStart(text, offset), offset).trim() === "";
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset of a `,` after `from` (only spaces and comments between), before `limit`. */
function commaAfter(text: string, from: number, limit: number): number | undefined {
  for (let i = from; i < limit; i++) {
    const char = text[i];
    if (char === ",") return i;
    if (char === "#") i = text.indexOf("\n", i);
    else if (!/\s/.test(char ?? "")) return undefined;
    if (i === -1) return undefined;
  }
  return undefined;
}

/** Where the line of `from` ends (after a trailing comment), and whether the array closes on it. */
function lineEndBefore(text: string, from: number, closing: number): { end: number; closingOnLine: boolean } {
  const newline = text.indexOf("\n", from);
  const end = newline === -1 ? text.length : newline;
  const lineEnd = text[end - 1] === "\r" ? end - 1 : end;
  return { end: lineEnd, closingOnLine: closing < lineEnd };
}

function restOfLine(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  const end = newline === -1 ? text.length : newline;
  return (text[end - 1] === "\r" ? end - 1 : end) - from;
}

function insertAt(text: string, offset: number, addition: string): string {
  return `${text.slice(0, offset)}${addition}${text.slice(offset)}`;
}

function replaceSpan(text: string, span: Span, replacement: string): string {
  return `${text.slice(0, span.start)}${replacement}${text.slice(span.end)}`;
}

function dotted(path: readonly string[]): string {
  return path.map(keyText).join(".");
}
