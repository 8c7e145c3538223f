import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Node, Tree } from "web-tree-sitter";

/**
 * tree-sitter's Python grammar, through web-tree-sitter (WebAssembly: nothing to compile on install).
 * Both load asynchronously and cost tens of milliseconds, so only `add` on a Python stack loads them,
 * once per process; parsing itself is synchronous, which keeps the planner pure.
 */
export type SyntaxNode = Node;
export type SyntaxTree = Tree;

export interface PythonParser {
  parse(text: string): SyntaxTree;
}

const GRAMMAR = "tree-sitter-python.wasm";

let loading: Promise<PythonParser> | undefined;

export function loadPythonParser(): Promise<PythonParser> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<PythonParser> {
  const { Language, Parser } = await import("web-tree-sitter");
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(grammarPath()));
  return {
    parse(text) {
      const tree = parser.parse(text);
      if (!tree) throw new Error("tree-sitter returned no tree for a Python file");
      return tree;
    },
  };
}

/**
 * Where the grammar is: run from source (tests, tsx), in the tree-sitter-python dev dependency; bundled,
 * beside the bundle, where scripts/build.mjs copies it (dist/, one folder above dist/chunks/).
 */
export function grammarPath(moduleUrl: string = import.meta.url): string {
  if (moduleUrl.endsWith(".ts")) return createRequire(moduleUrl).resolve(`tree-sitter-python/${GRAMMAR}`);
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, GRAMMAR), join(here, "..", GRAMMAR)];
  return candidates.find((path) => existsSync(path)) ?? join(here, GRAMMAR);
}
