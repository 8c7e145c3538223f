import { lineIndent } from "../shared/indent.js";
import type { PyFile } from "./file.js";
import { insertAfter, insertBefore } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { statements } from "./syntax.js";

/**
 * Makes `name` importable from a standard-library `module`: added to an existing `from module import ...`,
 * or as a new `from` import where isort (ruff's `I` rules) puts it: among the `from` imports of the
 * standard-library block, in module order.
 */
export function ensureFromImport(file: PyFile, module: string, name: string): void {
  const imports = statements(file.root).filter((node) => node.type === "import_from_statement");
  const existing = imports.find((node) => moduleOf(node) === module);
  if (existing) {
    if (!importedNames(existing).includes(name)) addName(file, existing, name);
    return;
  }
  const line = `from ${module} import ${name}`;
  const block = standardLibraryBlock(file);
  const fromImports = block.filter((node) => node.type === "import_from_statement");
  const next = fromImports.find((node) => (moduleOf(node) ?? "") > module);
  if (next) insertBefore(file, next, line, 0);
  else {
    const last = fromImports.at(-1) ?? block.at(-1);
    if (last) insertAfter(file, last, line, 0);
    else insertAfter(file, requireFirstStatement(file), line, 1);
  }
}

function moduleOf(node: SyntaxNode): string | undefined {
  return node.childForFieldName("module_name")?.text;
}

function importedNames(node: SyntaxNode): string[] {
  return node
    .childrenForFieldName("name")
    .flatMap((name) => (name ? [name.text.split(/\s+as\s+/)[0] ?? ""] : []));
}

/** Into `from module import a, b`, or on a line of its own in the parenthesised form. */
function addName(file: PyFile, node: SyntaxNode, name: string): void {
  const last = node.childrenForFieldName("name").findLast((item): item is SyntaxNode => item !== null);
  if (!last) return;
  if (node.startPosition.row === node.endPosition.row) {
    file.insert(last.endIndex, `, ${name}`);
    return;
  }
  const comma = last.nextSibling?.type === "," ? last.nextSibling : undefined;
  file.insert(
    comma?.endIndex ?? last.endIndex,
    `${comma ? "" : ","}\n${lineIndent(file.text, last.startIndex)}${name},`,
  );
}

/**
 * The block of imports (statements separated by no blank line) that holds standard-library imports: the
 * one after `from __future__ import annotations`, as in every generated module.
 */
function standardLibraryBlock(file: PyFile): SyntaxNode[] {
  const imports = statements(file.root).filter(
    (node) => node.type === "import_statement" || node.type === "import_from_statement",
  );
  const blocks: SyntaxNode[][] = [];
  for (const node of imports) {
    const block = blocks.at(-1);
    const previous = block?.at(-1);
    if (block && previous && previous.endPosition.row + 1 === node.startPosition.row) block.push(node);
    else blocks.push([node]);
  }
  return blocks[0] ?? [];
}

function requireFirstStatement(file: PyFile): SyntaxNode {
  const first = statements(file.root)[0];
  if (!first) throw new Error(`${file.path} is empty`);
  return first;
}
