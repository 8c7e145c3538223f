import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";

/** ts-morph costs most of a second to load: only `add` may pay for it, never `create`'s start-up. */
const ROOT = join(import.meta.dirname, "..", "..");
const IMPORT = /^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm;

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(IMPORT)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** Every module reachable from `entry` through static imports, as paths relative to the repository. */
function reachable(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    const path = relative(ROOT, file);
    if (files.has(path)) return;
    files.add(path);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith(".")) visit(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe("ts-morph stays behind the add command", () => {
  test("create's planner does not reach ts-morph or the TypeScript editors", () => {
    const { files, packages } = reachable("src/plan/create.ts");
    expect(files.size).toBeGreaterThan(10);
    expect([...packages]).not.toContain("ts-morph");
    expect([...files].filter((path) => path.startsWith("src/edit/typescript/"))).toEqual([]);
  });

  test("only src/edit/typescript/** and src/plan/add/typescript/** import ts-morph", () => {
    const importers = sourceFiles("src").filter((path) => importsOf(join(ROOT, path)).includes("ts-morph"));
    expect(importers.length).toBeGreaterThan(0);
    expect(
      importers.filter(
        (path) => !path.startsWith("src/edit/typescript/") && !path.startsWith("src/plan/add/typescript/"),
      ),
    ).toEqual([]);
  });
});
