import { anchorError } from "../shared/anchor-error.js";
import type { PythonParser, SyntaxNode, SyntaxTree } from "./parser.js";
import { detectStyle, type PyStyle, restyle } from "./style.js";

/**
 * A Python file opened for editing. Editors find their anchors in a fresh parse, then change the text;
 * the next question reparses (files are small, tree-sitter is fast). Nodes found before a change keep
 * their old positions (their tree lives until dispose()), so an editor reads every position it needs
 * before it changes the text. The parser sees LF line endings; output() gives CRLF back if the file had it.
 */
export class PyFile {
  readonly crlf: boolean;
  readonly style: PyStyle;
  private current: string;
  private tree: SyntaxTree | undefined;
  private readonly earlierTrees: SyntaxTree[] = [];

  constructor(
    /** Project-relative path, as errors report it. */
    readonly path: string,
    text: string,
    private readonly parser: PythonParser,
  ) {
    this.crlf = text.includes("\r\n");
    this.current = this.crlf ? text.replace(/\r\n/g, "\n") : text;
    this.style = detectStyle(this.root, this.current);
  }

  get text(): string {
    return this.current;
  }

  get root(): SyntaxNode {
    this.tree ??= this.parser.parse(this.current);
    return this.tree.rootNode;
  }

  replace(start: number, end: number, insertion: string): void {
    this.current = `${this.current.slice(0, start)}${insertion}${this.current.slice(end)}`;
    if (this.tree) this.earlierTrees.push(this.tree);
    this.tree = undefined;
  }

  insert(at: number, insertion: string): void {
    this.replace(at, at, insertion);
  }

  output(): string {
    return this.crlf ? this.current.replace(/\n/g, "\r\n") : this.current;
  }

  /** Frees the parse trees (they live in WebAssembly memory, out of the garbage collector's reach). */
  dispose(): void {
    for (const tree of this.earlierTrees.splice(0)) tree.delete();
    this.tree?.delete();
    this.tree = undefined;
  }
}

/** A file with a syntax error is not edited: its anchors cannot be trusted. */
export function requireValidSyntax(file: PyFile): void {
  const error = firstError(file.root);
  if (!error) return;
  throw anchorError(
    file,
    "Python that parses",
    `fix the syntax error at line ${error.startPosition.row + 1} first, then run add again`,
  );
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  if (!node.hasError) return undefined;
  if (node.isError || node.isMissing) return node;
  for (const child of node.children) {
    const found = child ? firstError(child) : undefined;
    if (found) return found;
  }
  return node;
}

/** A whole new file in the style of `model`, a file of the same project (indentation, quotes, line endings). */
export function inStyleOf(model: PyFile, text: string): string {
  const styled = restyle(text, model.style, "");
  return model.crlf ? styled.replace(/\n/g, "\r\n") : styled;
}
