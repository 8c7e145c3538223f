import { pyString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import type { PyFile } from "./file.js";
import { appendItem, insertAfter, lineStart } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { namedChildren, statements, stringValue } from "./syntax.js";

/**
 * conftest.py's `pytest_plugins`, the plugin modules pytest loads for the tests below it. create lists the
 * stack's fixtures plugin there; migrate adds the plugin of the stack test run of the user's tests beside
 * it. The comment above the assignment says what both do, in the user's file.
 */
export interface PluginAddition {
  /** The module to list, e.g. `tests.dagger_modules.stack_run`. */
  plugin: string;
  /** The comment lines above the assignment, without `# `. */
  comment: string[];
  /** Text that marks a comment above the assignment as one this tool wrote (then it is replaced). */
  ownComment: RegExp;
}

export type AddResult = "added" | "unchanged";

export function addPytestPlugin(file: PyFile, addition: PluginAddition): AddResult {
  const result = addEntry(file, addition.plugin);
  writeComment(file, addition);
  return result;
}

function addEntry(file: PyFile, plugin: string): AddResult {
  const value = pluginsValue(file);
  const items =
    value.type === "string" ? [value] : namedChildren(value).filter((node) => node.type === "string");
  if (items.some((item) => stringValue(item) === plugin)) return "unchanged";
  if (value.type === "list" || value.type === "tuple") appendItem(file, value, pyString(plugin));
  else if (value.type === "string")
    file.replace(value.startIndex, value.endIndex, `[${value.text}, ${pyString(plugin)}]`);
  else insertAfter(file, statementOf(value), `pytest_plugins = [*pytest_plugins, ${pyString(plugin)}]`, 0);
  return "added";
}

/** The value of the last module-level `pytest_plugins = ...`: the one pytest reads. */
function pluginsValue(file: PyFile): SyntaxNode {
  const value = lastAssignment(file.root, "pytest_plugins")?.childForFieldName("right");
  if (!value) throw anchorError(file, "the module-level assignment pytest_plugins = [...]");
  return value;
}

function lastAssignment(container: SyntaxNode, name: string): SyntaxNode | undefined {
  return statements(container)
    .map((statement) => (statement.type === "expression_statement" ? statement.firstNamedChild : null))
    .filter((node): node is SyntaxNode => node?.type === "assignment")
    .findLast((assignment) => assignment.childForFieldName("left")?.text === name);
}

/** The statement holding a node at module level. */
function statementOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent && current.parent.type !== "module") current = current.parent;
  return current;
}

/** Our comment right above the assignment: written, or rewritten when it is one this tool wrote. */
function writeComment(file: PyFile, addition: PluginAddition): void {
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
  const text = addition.comment.map((line) => `# ${line}`).join("\n");
  const ours = comments.findIndex((comment) => addition.ownComment.test(comment.text));
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
