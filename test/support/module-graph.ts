import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/**
 * The source's static import graph, read as text, for the checks that keep heavy packages (ts-morph,
 * web-tree-sitter) off `create`'s start-up path. Paths are relative to the repository.
 */
export const ROOT = join(import.meta.dirname, "..", "..");

/** Which imports count: every static one, or only those that load a module at run time (no `import type`). */
export type ImportKind = "all" | "value";

const IMPORT: Record<ImportKind, RegExp> = {
  all: /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm,
  value: /^\s*(?:import|export)\s(?!type\s)[^;]*?from\s+["']([^"']+)["']/gm,
};

/** The specifiers `file` (an absolute path) imports from. */
export function importsOf(file: string, kind: ImportKind = "all"): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT[kind])].flatMap((match) =>
    match[1] ? [match[1]] : [],
  );
}

/** Every module reachable from `entry` through static imports, and the packages they import. */
export function reachable(
  entry: string,
  kind: ImportKind = "all",
): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const path = relative(ROOT, file);
    if (files.has(path)) return;
    files.add(path);
    for (const specifier of importsOf(file, kind)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

/** The TypeScript files under `folder`. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}
