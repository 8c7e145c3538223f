import { describe, expect, it } from "vitest";
import { memoryReader, normalizePath, VirtualTree } from "../../../src/tree/tree.js";
import { memoryTree } from "../../support/builders.js";

describe("normalizePath", () => {
  it.each([
    ["a/b.ts", "a/b.ts"],
    ["./a/./b.ts", "a/b.ts"],
    ["a//b/", "a/b"],
    ["a\\b\\c.ts", "a/b/c.ts"],
  ])("%j → %j", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it.each(["../x", "a/../../x", "a/../b", "..\\x"])(
    "rejects %j, which climbs out of or within the target",
    (input) => {
      expect(() => normalizePath(input)).toThrow(/escapes the target folder/);
    },
  );
});

describe("VirtualTree", () => {
  it("reads its own writes over the disk, and the disk through original()", () => {
    const tree = memoryTree({ "a.txt": "disk" });
    tree.write("./a.txt", "new");
    expect(tree.read("a.txt")).toBe("new");
    expect(tree.original("a.txt")).toBe("disk");
    expect(tree.exists("b.txt")).toBe(false);
  });

  it("keeps an empty file as a file", () => {
    const tree = memoryTree();
    tree.write("empty", "");
    expect(tree.exists("empty")).toBe(true);
    expect(tree.changes()).toEqual([
      { path: "empty", type: "create", mode: "generated", content: "", before: undefined },
    ]);
  });

  it("drops writes identical to what is on disk", () => {
    const tree = memoryTree({ "same.txt": "x", "other.txt": "y" });
    tree.write("same.txt", "x");
    tree.write("other.txt", "changed");
    tree.write("other.txt", "y");
    expect(tree.changes()).toEqual([]);
  });

  it("lists creates and updates with what was on disk, sorted by path, the last write winning", () => {
    const tree = memoryTree({ "b/file.ts": "old" });
    tree.write("z.ts", "z");
    tree.write("b/file.ts", "first");
    tree.write("b\\file.ts", "second", "merged");
    tree.write("a/deep/x.ts", "x");
    expect(tree.changes()).toEqual([
      { path: "a/deep/x.ts", type: "create", mode: "generated", content: "x", before: undefined },
      { path: "b/file.ts", type: "update", mode: "merged", content: "second", before: "old" },
      { path: "z.ts", type: "create", mode: "generated", content: "z", before: undefined },
    ]);
  });

  it("rejects a write outside the target", () => {
    expect(() => memoryTree().write("../evil", "x")).toThrow();
  });

  it("reads through any FileReader", () => {
    const reads: string[] = [];
    const tree = new VirtualTree({
      read: (path) => {
        reads.push(path);
        return memoryReader({ "x/y": "1" }).read(path);
      },
    });
    expect(tree.read("./x//y")).toBe("1");
    expect(reads).toEqual(["x/y"]);
  });

  it("reads each file once: a file saved after the planner read it keeps, as `before`, what the planner saw", () => {
    const disk: Record<string, string> = { "stack/stack.ts": "as planned from" };
    const tree = new VirtualTree({ read: (path) => disk[path] });
    const planned = `${tree.read("stack/stack.ts")}, then grown`;
    disk["stack/stack.ts"] = "saved by an editor meanwhile";
    tree.write("stack/stack.ts", planned);
    expect(tree.changes()).toEqual([
      {
        path: "stack/stack.ts",
        type: "update",
        mode: "generated",
        content: planned,
        before: "as planned from",
      },
    ]);
  });
});
