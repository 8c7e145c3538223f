import { type ArrayLiteralExpression, type Node, type ObjectLiteralExpression, SyntaxKind } from "ts-morph";
import { indentOf, lineIndentAt } from "./anchors.js";
import type { TsFile } from "./file.js";
import { restyle } from "./style.js";

/**
 * Text insertions that keep the file's layout: a new item goes on its own line when its siblings do,
 * with their indentation, the file's quotes and semicolons, and a trailing comma only if the list had one.
 * Everything else in the file stays byte for byte.
 */

export function appendObjectProperty(file: TsFile, object: ObjectLiteralExpression, fragment: string): void {
  appendListItem(
    file,
    object,
    object.getProperties(),
    object.compilerNode.properties.hasTrailingComma,
    fragment,
    "block",
  );
}

export function appendArrayElement(file: TsFile, array: ArrayLiteralExpression, fragment: string): void {
  appendListItem(
    file,
    array,
    array.getElements(),
    array.compilerNode.elements.hasTrailingComma,
    fragment,
    "inline",
  );
}

/** Several elements at once, one per line when the array has one element per line. */
export function appendArrayElements(
  file: TsFile,
  array: ArrayLiteralExpression,
  fragments: readonly string[],
): void {
  const last = array.getElements().at(-1);
  const oneLine = !last || last.getStartLineNumber() === array.getStartLineNumber();
  appendArrayElement(file, array, fragments.join(oneLine ? ", " : ",\n"));
}

/** Between two elements of an array, after `element` (which therefore has a comma after it). */
export function insertArrayElementAfter(
  file: TsFile,
  array: ArrayLiteralExpression,
  element: Node,
  fragment: string,
): void {
  const comma = element.getNextSiblingIfKind(SyntaxKind.CommaToken);
  if (!comma) {
    appendArrayElement(file, array, fragment);
    return;
  }
  if (element.getStartLineNumber() === array.getStartLineNumber()) {
    file.source.insertText(comma.getEnd(), ` ${restyle(fragment, file.style, indentOf(file, array))},`);
    return;
  }
  const indent = indentOf(file, element);
  file.source.insertText(
    endOfLine(file, comma.getEnd()),
    `\n${indent}${restyle(fragment, file.style, indent)},`,
  );
}

/** A statement at the end of a block, after a blank line; inside the braces if the block is empty. */
export function appendStatement(
  file: TsFile,
  block: Node,
  statements: readonly Node[],
  fragment: string,
): void {
  const last = statements.at(-1);
  if (last) insertAfter(file, last, fragment);
  else insertIntoEmpty(file, block, fragment, "block");
}

/** Lines continuing an expression (a method chain) after `position`, each on its own line at `indent`. */
export function insertLinesAfter(
  file: TsFile,
  position: number,
  lines: readonly string[],
  indent: string,
): void {
  const text = lines.map((line) => `\n${indent}${restyle(line, file.style, indent)}`).join("");
  file.source.insertText(endOfLine(file, position), text);
}

export function replaceNode(file: TsFile, node: Node, fragment: string): void {
  file.source.replaceText(
    [node.getStart(), node.getEnd()],
    restyle(fragment, file.style, indentOf(file, node)),
  );
}

/** Interface and type-literal members carry their own `;`, so they need no separator. */
export function appendTypeMember(
  file: TsFile,
  container: Node,
  members: readonly Node[],
  fragment: string,
): void {
  const last = members.at(-1);
  if (!last) {
    insertIntoEmpty(file, container, fragment, "block");
    return;
  }
  const indent = indentOf(file, last);
  file.source.insertText(
    endOfLine(file, last.getEnd()),
    `\n${indent}${restyle(fragment, file.style, indent)}`,
  );
}

/** After a class member or statement, separated by a blank line as generated members are. */
export function insertAfter(file: TsFile, node: Node, fragment: string): void {
  const indent = indentOf(file, node);
  file.source.insertText(
    endOfLine(file, node.getEnd()),
    `\n\n${indent}${restyle(fragment, file.style, indent)}`,
  );
}

/** Before a class member, separated by a blank line. */
export function insertBefore(file: TsFile, node: Node, fragment: string): void {
  const indent = indentOf(file, node);
  file.source.insertText(node.getStart(true), `${restyle(fragment, file.style, indent)}\n\n${indent}`);
}

type EmptyLayout = "block" | "inline";

function appendListItem(
  file: TsFile,
  list: Node,
  items: readonly Node[],
  trailingComma: boolean,
  fragment: string,
  emptyLayout: EmptyLayout,
): void {
  const last = items.at(-1);
  if (!last) {
    insertIntoEmpty(
      file,
      list,
      `${fragment}${emptyLayout === "block" && file.style.trailingCommas ? "," : ""}`,
      emptyLayout,
    );
    return;
  }
  const comma = trailingComma ? last.getNextSiblingIfKind(SyntaxKind.CommaToken) : undefined;
  if (last.getStartLineNumber() === list.getStartLineNumber()) {
    const text = restyle(fragment, file.style, indentOf(file, list));
    file.source.insertText(comma?.getEnd() ?? last.getEnd(), comma ? ` ${text},` : `, ${text}`);
    return;
  }
  const indent = indentOf(file, last);
  const lastEnd = last.getEnd();
  const text = `\n${indent}${restyle(fragment, file.style, indent)}${trailingComma ? "," : ""}`;
  file.source.insertText(endOfLine(file, comma?.getEnd() ?? lastEnd), text);
  // Inserting forgets navigated nodes, hence the saved position; it lies before the first insertion.
  if (!trailingComma) file.source.insertText(lastEnd, ",");
}

/** `{}` or `{\n}`: the item goes inside, on its own line for objects, inline for arrays. */
function insertIntoEmpty(file: TsFile, list: Node, fragment: string, layout: EmptyLayout): void {
  const open = list.getStart();
  const close = list.getEnd() - 1;
  const outer = lineIndentAt(file, open);
  if (layout === "inline") {
    file.source.insertText(open + 1, restyle(fragment, file.style, outer));
    return;
  }
  const inner = `${outer}${file.style.indent}`;
  const closeOnOwnLine = /\n[ \t]*$/.test(file.source.getFullText().slice(open + 1, close));
  if (!closeOnOwnLine) file.source.insertText(close, `\n${outer}`);
  file.source.insertText(open + 1, `\n${inner}${restyle(fragment, file.style, inner)}`);
}

/** Where the line holding `position` ends, so that a trailing `// comment` stays with its line. */
function endOfLine(file: TsFile, position: number): number {
  const text = file.source.getFullText();
  const newline = text.indexOf("\n", position);
  const end = newline === -1 ? text.length : newline;
  const rest = text.slice(position, end);
  return /^\s*(\/\/.*|\/\*.*\*\/\s*)?$/.test(rest) ? end : position;
}
