import { describe, expect, it } from "vitest";
import { memoryReader, pathFromRoot, VirtualTree } from "../../src/tree/tree.js";

/** A stack in packages/api writes its own files there and its CI file at the repository's root. */
describe("VirtualTree.at: a workspace package's view of the repository", () => {
  const disk = { "packages/api/package.json": "{}", ".github/workflows/lint.yml": "on: push\n" };

  it("reads and writes below its folder, and climbs to the root with .. (never past it)", () => {
    const root = new VirtualTree(memoryReader(disk));
    const api = root.at("packages/api");
    expect(api.read("package.json")).toBe("{}");
    expect(api.read("../../.github/workflows/lint.yml")).toBe("on: push\n");
    api.write("stack/stack.ts", "x");
    api.write("../../.github/workflows/dagger-stack-packages-api.yml", "y");
    expect(root.read("packages/api/stack/stack.ts")).toBe("x");
    expect(() => api.write("../../../outside.txt", "z")).toThrow(/escapes the project root/);
  });

  it("lists changes from its own folder; rootPath and pathFromRoot give the root's paths for the commit", () => {
    const api = new VirtualTree(memoryReader(disk)).at("packages/api");
    api.write("stack/stack.ts", "x");
    api.write("../../.github/workflows/d.yml", "y");
    const paths = api.changes().map((change) => change.path);
    expect(paths).toEqual(["../../.github/workflows/d.yml", "stack/stack.ts"]);
    expect(paths.map((path) => pathFromRoot("packages/api", path))).toEqual([
      ".github/workflows/d.yml",
      "packages/api/stack/stack.ts",
    ]);
    expect(api.rootPath("../web/x")).toBe("packages/web/x");
  });
});
