import { Node } from "ts-morph";
import { tsString } from "../../render/escape.js";
import { indentOf, lineIndentAt, topLevelDescribe } from "./anchors.js";
import type { TsFile } from "./file.js";
import { replaceNode } from "./insert.js";
import { restyle } from "./style.js";

/**
 * Generated prose that describes the stack (doc comments, chain comments, a describe title) is brought up
 * to date only while it reads exactly as create wrote it: prose the user rewrote is theirs, and left alone.
 */
export interface ProseChange {
  previous: string;
  next: string;
}

/** The node's doc comment, `/** ... *\/`, if it is still `previous` (compared word by word). */
export function refreshDocComment(file: TsFile, node: Node, change: ProseChange): void {
  const doc = Node.isJSDocable(node) ? node.getJsDocs().at(-1) : undefined;
  if (!doc || change.previous === change.next || words(doc.getText()) !== words(change.previous)) return;
  file.source.replaceText(
    [doc.getStart(), doc.getEnd()],
    restyle(change.next, file.style, indentOf(file, doc)),
  );
}

/** A run of `// ...` lines inside `scope` that still reads `previous` becomes `next`, at the same indentation. */
export function refreshLineComments(
  file: TsFile,
  scope: Node,
  change: { previous: readonly string[]; next: readonly string[] },
): void {
  if (change.previous.length === 0 || change.previous.join("\n") === change.next.join("\n")) return;
  const text = file.source.getFullText();
  const lines = lineSpans(text, scope.getStart(), scope.getEnd());
  const first = lines.findIndex((_, index) =>
    change.previous.every((line, offset) => lines[index + offset]?.text.trim() === line),
  );
  const start = lines[first];
  const end = lines[first + change.previous.length - 1];
  if (!start || !end) return;
  const indent = lineIndentAt(file, start.start);
  file.source.replaceText([start.start, end.end], change.next.map((line) => `${indent}${line}`).join("\n"));
}

/** The title of the file's top-level describe, if it is still `previous`. */
export function refreshDescribeTitle(file: TsFile, change: ProseChange): void {
  const title = topLevelDescribe(file)?.getArguments()[0];
  if (
    !Node.isStringLiteral(title) ||
    title.getLiteralValue() !== change.previous ||
    change.previous === change.next
  )
    return;
  replaceNode(file, title, tsString(change.next));
}

function words(comment: string): string {
  return comment
    .replace(/^\/\*\*|\*\/$/g, "")
    .replace(/^\s*\*/gm, "")
    .split(/\s+/)
    .filter(Boolean)
    .join(" ");
}

function lineSpans(text: string, from: number, to: number): { start: number; end: number; text: string }[] {
  const spans: { start: number; end: number; text: string }[] = [];
  let start = text.lastIndexOf("\n", from - 1) + 1;
  while (start < to) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    spans.push({ start, end, text: text.slice(start, end) });
    start = end + 1;
  }
  return spans;
}
