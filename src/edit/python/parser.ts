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

interface WasmFile {
  /** The package it comes from when run from source. */
  pkg: string;
  file: string;
}

const GRAMMAR: WasmFile = { pkg: "tree-sitter-python", file: "tree-sitter-python.wasm" };
const RUNTIME: WasmFile = { pkg: "web-tree-sitter", file: "tree-sitter.wasm" };

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
  await Parser.init({ locateFile: (file: string) => (file === RUNTIME.file ? runtimePath() : file) });
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

export function grammarPath(moduleUrl: string = import.meta.url): string {
  return wasmPath(GRAMMAR, moduleUrl);
}

/** web-tree-sitter's own WebAssembly: bundled, its code no longer sits beside it, so it is told where. */
export function runtimePath(moduleUrl: string = import.meta.url): string {
  return wasmPath(RUNTIME, moduleUrl);
}

/**
 * Run from source (tests, tsx), in the package that ships it; bundled, beside the scripts, where
 * scripts/build.mjs copies it (dist/cli/, one folder above dist/cli/chunks/).
 */
function wasmPath({ pkg, file }: WasmFile, moduleUrl: string): string {
  if (moduleUrl.endsWith(".ts")) return createRequire(moduleUrl).resolve(`${pkg}/${file}`);
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, file), join(here, "..", file)];
  return candidates.find((path) => existsSync(path)) ?? join(here, file);
}
