import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { grammarPath } from "../../src/edit/python/parser.js";
import { importsOf, ROOT, reachable, sourceFiles } from "../support/module-graph.js";

/**
 * web-tree-sitter and the Python grammar cost a WebAssembly compile: only `add` on a Python stack may
 * pay for it, never `create`'s start-up, nor `add` on a TypeScript stack. Type imports load nothing.
 */
const ANY_MENTION = /["']web-tree-sitter["']/;
const staticImportsOf = (file: string) => importsOf(file, "value");

describe("web-tree-sitter stays behind add on a Python stack", () => {
  test.each(["src/plan/create.ts", "src/cli/main.ts", "src/cli/create/run.ts", "src/cli/add/run.ts"])(
    "%s reaches neither web-tree-sitter nor the Python editors",
    (entry) => {
      const { files, packages } = reachable(entry, "value");
      expect(files.size).toBeGreaterThan(3);
      expect([...packages]).not.toContain("web-tree-sitter");
      expect([...files].filter((path) => path.startsWith("src/edit/python/"))).toEqual([]);
    },
  );

  test("the planner holds the Python editors, but the parser arrives as an argument, loaded on demand", () => {
    const { files, packages } = reachable("src/plan/add/index.ts", "value");
    expect([...files]).toContain("src/edit/python/session.ts");
    expect([...files]).not.toContain("src/edit/python/parser.ts");
    expect([...packages]).not.toContain("web-tree-sitter");
  });

  test("only the loader in src/edit/python/ names web-tree-sitter", () => {
    const naming = sourceFiles("src").filter((path) =>
      ANY_MENTION.test(readFileSync(join(ROOT, path), "utf8")),
    );
    expect(naming).toContain("src/edit/python/parser.ts");
    expect(naming.filter((path) => !path.startsWith("src/edit/python/"))).toEqual([]);
  });

  test("the static-import check sees a value import (so the checks above can fail)", () => {
    expect(staticImportsOf(join(ROOT, "src/edit/python/insert.ts"))).toContain("./expr.js");
    expect(staticImportsOf(join(ROOT, "src/edit/python/parser.ts"))).not.toContain("web-tree-sitter");
  });
});

describe("where the grammar is loaded from", () => {
  test("from source: the tree-sitter-python dev dependency", () => {
    expect(grammarPath(pathToFileURL(join(ROOT, "src/edit/python/parser.ts")).href)).toBe(
      join(ROOT, "node_modules", "tree-sitter-python", "tree-sitter-python.wasm"),
    );
  });

  test("bundled: the copy beside the scripts, whether the loader is in dist/cli/ or in dist/cli/chunks/", () => {
    const dist = mkdtempSync(join(tmpdir(), "cds-dist-"));
    try {
      mkdirSync(join(dist, "chunks"));
      writeFileSync(join(dist, "tree-sitter-python.wasm"), "");
      const expected = join(dist, "tree-sitter-python.wasm");
      expect(grammarPath(pathToFileURL(join(dist, "chunks", "parser-ABC.cjs")).href)).toBe(expected);
      expect(grammarPath(pathToFileURL(join(dist, "main.cjs")).href)).toBe(expected);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
