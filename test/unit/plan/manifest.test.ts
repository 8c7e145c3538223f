import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  findConflicts,
  MANIFEST_PATH,
  type Manifest,
  readManifest,
  writeManifest,
} from "../../../src/plan/manifest.js";
import type { FileChange } from "../../../src/tree/tree.js";
import { memoryTree } from "../../support/builders.js";
import { usageProblems } from "../../support/usage-error.js";

const hash = (text: string) => createHash("sha256").update(text).digest("hex");

function manifestOf(files: Record<string, string>): Manifest {
  return {
    tool: { name: "create-dagger-stack", version: "0.0.0" },
    spec: { name: "demo", services: [{ name: "redis", kind: "redis" }] },
    files: Object.fromEntries(Object.entries(files).map(([path, content]) => [path, hash(content)])),
  };
}

const change = (
  path: string,
  before: string | undefined,
  overrides: Partial<FileChange> = {},
): FileChange => ({
  path,
  type: before === undefined ? "create" : "update",
  mode: "generated",
  content: "new content",
  before,
  ...overrides,
});

describe("findConflicts", () => {
  const manifest = manifestOf({ "stack/stack.ts": "as generated", "stack/config.ts": "as generated too" });

  it("does not count a pristine generated file (its hash matches the manifest)", () => {
    expect(findConflicts([change("stack/stack.ts", "as generated")], manifest)).toEqual([]);
  });

  it("counts a generated file the user edited", () => {
    const edited = change("stack/stack.ts", "as generated, then edited");
    expect(findConflicts([edited], manifest)).toEqual([edited]);
  });

  it("never counts a create", () => {
    expect(findConflicts([change("tests/stack/new.test.ts", undefined)], manifest)).toEqual([]);
    expect(findConflicts([change("tests/stack/new.test.ts", undefined)], undefined)).toEqual([]);
  });

  it("counts every existing generated file when there is no manifest, or the manifest does not know it", () => {
    const unknown = change("docs/dagger-stack.md", "someone else's doc");
    expect(findConflicts([unknown], manifest)).toEqual([unknown]);
    const known = change("stack/stack.ts", "as generated");
    expect(findConflicts([known], undefined)).toEqual([known]);
  });

  it("never counts merged files or the manifest itself", () => {
    const merged = change("package.json", '{"name":"mine"}', { mode: "merged" });
    const self = change(MANIFEST_PATH, "{}");
    expect(findConflicts([merged, self], manifest)).toEqual([]);
  });

  it("keeps only the conflicts out of a mixed list, in order", () => {
    const a = change("a.ts", "edited");
    const b = change("stack/config.ts", "as generated too");
    const c = change("c.ts", "edited too");
    expect(findConflicts([a, b, c], manifest)).toEqual([a, c]);
  });
});

describe("readManifest / writeManifest", () => {
  it("records a hash per generated file, keeps earlier entries and sorts them", () => {
    const previous = manifestOf({ "old/file.ts": "old" });
    const tree = memoryTree();
    tree.write("z.ts", "z");
    tree.write("a.ts", "a");
    writeManifest(
      tree,
      { tool: previous.tool, spec: previous.spec },
      ["z.ts", "a.ts", "missing.ts"],
      previous,
    );
    const written = JSON.parse(tree.read(MANIFEST_PATH) ?? "") as Manifest;
    expect(Object.keys(written.files)).toEqual(["a.ts", "old/file.ts", "z.ts"]);
    expect(written.files["a.ts"]).toBe(hash("a"));
    expect(written.files["old/file.ts"]).toBe(hash("old"));
  });

  it("reads the manifest on disk, not one written in this run", () => {
    const onDisk = manifestOf({ "a.ts": "a" });
    const tree = memoryTree({ [MANIFEST_PATH]: JSON.stringify(onDisk) });
    tree.write(MANIFEST_PATH, JSON.stringify(manifestOf({ "b.ts": "b" })));
    expect(readManifest(tree)).toEqual(onDisk);
  });

  it.each(["{}", JSON.stringify({ tool: {}, spec: {} })])("ignores another tool's %j", (text) => {
    expect(readManifest(memoryTree({ [MANIFEST_PATH]: text }))).toBeUndefined();
  });

  it.each([
    ["not json", "dagger-stack.json", /^is not valid JSON/],
    ['{"tool": {', "dagger-stack.json:1:11", /ends before its last value is complete/],
    [
      JSON.stringify({ tool: { name: "create-dagger-stack" }, files: {} }),
      "dagger-stack.json",
      /without spec$/,
    ],
  ])("reports a corrupt manifest %j instead of ignoring it", (text, path, message) => {
    const [problem] = usageProblems(() => readManifest(memoryTree({ [MANIFEST_PATH]: text })));
    expect(problem?.path).toBe(path);
    expect(problem?.message).toMatch(message);
    expect(problem?.hint).toContain("git checkout -- dagger-stack.json");
  });
});
