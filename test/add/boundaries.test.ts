import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { importsOf, ROOT, reachable, sourceFiles } from "../support/module-graph.js";

/** ts-morph costs most of a second to load: only `add` may pay for it, never `create`'s start-up. */
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
