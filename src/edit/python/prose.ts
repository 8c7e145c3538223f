import { lineIndent } from "../shared/indent.js";
import type { PyFile } from "./file.js";
import { lineStart, replaceNode } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { restyle } from "./style.js";
import { descendants } from "./syntax.js";

/**
 * Generated prose that describes the stack (docstrings, comments) is brought up to date only while it
 * reads as create wrote it: prose the user rewrote is theirs, and left alone.
 */
export interface ProseChange {
  /** A docstring as create renders it, quotes included, at column 0. */
  previous: string;
  next: string;
}

/** The docstring, if it still says `previous` word for word (however it is wrapped), becomes `next`. */
export function refreshDocstring(file: PyFile, doc: SyntaxNode | undefined, change: ProseChange): void {
  if (!doc || change.previous === change.next || words(doc.text) !== words(change.previous)) return;
  replaceNode(file, doc, change.next);
}

function words(literal: string): string {
  const body = literal.replace(/^[a-zA-Z]*("""|'''|"|')/, "").replace(/("""|'''|"|')$/, "");
  return body.split(/\s+/).filter(Boolean).join(" ");
}

export interface CommentChange {
  /** Comment lines (`# ...`) as create renders them, without indentation. */
  previous: readonly string[];
  next: readonly string[];
}

/** A run of comment lines inside `scope` that still reads `previous` becomes `next`, at its indentation. */
export function refreshComments(file: PyFile, scope: SyntaxNode, change: CommentChange): void {
  if (change.previous.length === 0 || change.previous.join("\n") === change.next.join("\n")) return;
  const comments = descendants(scope, "comment");
  const first = comments.findIndex((_, index) =>
    change.previous.every((line, offset) => {
      const comment = comments[index + offset];
      const above = comments[index + offset - 1];
      const adjacent =
        offset === 0 || (above && comment && comment.startPosition.row === above.startPosition.row + 1);
      return adjacent && comment?.text.trim() === line;
    }),
  );
  const start = comments[first];
  const end = comments[first + change.previous.length - 1];
  if (!start || !end) return;
  const indent = lineIndent(file.text, start.startIndex);
  file.replace(
    lineStart(file.text, start.startIndex),
    end.endIndex,
    restyle(change.next.join("\n"), file.style, indent),
  );
}
