import { pyString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import { appendItem, insertAfter, lineStart } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { findAssignment, namedChildren, stringValue } from "./syntax.js";

/**
 * conftest.py's `pytest_plugins`, the plugin modules pytest loads for the tests below it. migrate puts
 * the stack-run plugin there in place of the stack's fixtures plugin, which create lists and pytest then
 * loads on every run; the stack-run plugin loads the fixtures only under its option. The comment above
 * the assignment says so, in the user's file.
 */
export interface PluginSwap {
  /** The module to list, e.g. `tests.dagger_modules.stack_run`. */
  plugin: string;
  /** The module it takes the place of, e.g. `tests.dagger_modules.fixtures`. */
  replaces: string;
  /** The comment lines above the assignment, without `# `. */
  comment: string[];
  /** Text that marks a comment above the assignment as one this tool wrote (then it is replaced). */
  ownComment: RegExp;
}

export type SwapResult = "swapped" | "added" | "unchanged";

export function swapPytestPlugin(file: PyFile, swap: PluginSwap): SwapResult {
  const result = swapEntry(file, swap);
  writeComment(file, swap);
  return result;
}

function swapEntry(file: PyFile, swap: PluginSwap): SwapResult {
  const value = pluginsValue(file);
  const items =
    value.type === "string" ? [value] : namedChildren(value).filter((node) => node.type === "string");
  const listed = items.find((item) => stringValue(item) === swap.plugin);
  const replaced = items.find((item) => stringValue(item) === swap.replaces);
  if (listed && replaced && value.type !== "string") {
    removeItem(file, replaced);
    return "swapped";
  }
  if (listed) return "unchanged";
  if (replaced) {
    const quote = replaced.text.replace(/^[A-Za-z]*/, "").charAt(0) || '"';
    file.replace(replaced.startIndex, replaced.endIndex, `${quote}${swap.plugin}${quote}`);
    return "swapped";
  }
  if (value.type === "list" || value.type === "tuple") appendItem(file, value, pyString(swap.plugin));
  else if (value.type === "string")
    file.replace(value.startIndex, value.endIndex, `[${value.text}, ${pyString(swap.plugin)}]`);
  else
    insertAfter(file, statementOf(value), `pytest_plugins = [*pytest_plugins, ${pyString(swap.plugin)}]`, 0);
  return "added";
}

function pluginsValue(file: PyFile): SyntaxNode {
  const value = findAssignment(file.root, "pytest_plugins")?.childForFieldName("right");
  if (!value) throw anchorError(file, "the module-level assignment pytest_plugins = [...]");
  return value;
}

/** An item and the comma that separates it from its neighbour. */
function removeItem(file: PyFile, item: SyntaxNode): void {
  const next = item.nextSibling;
  const previous = item.previousSibling;
  if (next?.type === ",") {
    const following = next.nextNamedSibling;
    file.replace(item.startIndex, following ? following.startIndex : next.endIndex, "");
  } else if (previous?.type === ",") file.replace(previous.startIndex, item.endIndex, "");
  else file.replace(item.startIndex, item.endIndex, "");
}

/** The statement holding a node at module level. */
function statementOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && current.parent.type !== "module") current = current.parent;
  return current;
}

/** Our comment right above the assignment: written, or rewritten when it is one this tool wrote. */
function writeComment(file: PyFile, swap: PluginSwap): void {
  const statement = statementOf(pluginsValue(file));
  const comments: SyntaxNode[] = [];
  for (
    let previous = statement.previousSibling;
    previous?.type === "comment" &&
    previous.endPosition.row + 1 === (comments[0] ?? statement).startPosition.row;
    previous = previous.previousSibling
  ) {
    comments.unshift(previous);
  }
  const text = swap.comment.map((line) => `# ${line}`).join("\n");
  const ours = comments.findIndex((comment) => swap.ownComment.test(comment.text));
  if (ours === -1) {
    const start = lineStart(file.text, statement.startIndex);
    file.insert(start, `${text}\n`);
    return;
  }
  const first = comments[ours] as SyntaxNode;
  const start = lineStart(file.text, first.startIndex);
  const end = lineStart(file.text, statement.startIndex);
  if (file.text.slice(start, end) !== `${text}\n`) file.replace(start, end, `${text}\n`);
}
