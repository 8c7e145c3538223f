import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CommitError } from "../../../src/errors.js";
import { commitChanges } from "../../../src/tree/commit.js";
import { memoryReader, VirtualTree } from "../../../src/tree/tree.js";

/** Deleting a file through the tree: what a re-run of create does with a dropped service's files. */
describe("VirtualTree.delete", () => {
  const disk = { "keep.ts": "keep\n", "gone.ts": "gone\n" };

  it("is a delete change for a file on disk, and the file reads as missing", () => {
    const tree = new VirtualTree(memoryReader(disk));
    tree.delete("gone.ts");
    expect(tree.read("gone.ts")).toBeUndefined();
    expect(tree.exists("gone.ts")).toBe(false);
    expect(tree.original("gone.ts")).toBe("gone\n");
    expect(tree.changes()).toEqual([
      { path: "gone.ts", type: "delete", mode: "generated", content: "", before: "gone\n" },
    ]);
  });

  it("changes nothing for a file that is not there, and a later write wins", () => {
    const tree = new VirtualTree(memoryReader(disk));
    tree.delete("never.ts");
    expect(tree.changes()).toEqual([]);
    tree.delete("gone.ts");
    tree.write("gone.ts", "back\n");
    expect(tree.changes()).toEqual([
      { path: "gone.ts", type: "update", mode: "generated", content: "back\n", before: "gone\n" },
    ]);
  });
});

describe("commitChanges with deletions", () => {
  let sandbox: string;
  const onDisk: Record<string, string> = {
    "stack.ts": "old\n",
    "tests/cache.test.ts": "cache\n",
    "tests/redis.test.ts": "redis\n",
  };
  beforeEach(async () => {
    sandbox = await mkdtemp(join(tmpdir(), "cds-delete-"));
    await mkdir(join(sandbox, "tests"));
    for (const [path, text] of Object.entries(onDisk)) await writeFile(join(sandbox, path), text);
  });
  afterEach(() => rm(sandbox, { recursive: true, force: true }));

  const changes = () => {
    const tree = new VirtualTree(memoryReader(onDisk));
    tree.write("stack.ts", "new\n");
    tree.delete("tests/cache.test.ts");
    tree.delete("tests/redis.test.ts");
    return tree.changes();
  };

  it("removes the files with the other changes and leaves no backup behind", async () => {
    await commitChanges(sandbox, changes());
    expect(await readFile(join(sandbox, "stack.ts"), "utf8")).toBe("new\n");
    expect(await readdir(join(sandbox, "tests"))).toEqual([]);
    expect((await readdir(sandbox)).sort()).toEqual(["stack.ts", "tests"]);
  });

  it("puts a deleted file back when a later step fails, with the update undone too", async () => {
    const failing = {
      beforeRename: (path: string) => {
        if (path === "tests/redis.test.ts") throw new Error("disk full (simulated)");
      },
    };
    await expect(commitChanges(sandbox, changes(), { hooks: failing })).rejects.toBeInstanceOf(CommitError);
    for (const [path, text] of Object.entries(onDisk))
      expect(await readFile(join(sandbox, path), "utf8"), path).toBe(text);
    expect((await readdir(join(sandbox, "tests"))).sort()).toEqual(["cache.test.ts", "redis.test.ts"]);
  });
});
