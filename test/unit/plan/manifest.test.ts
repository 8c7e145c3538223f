import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  findConflicts,
  MANIFEST_PATH,
  type Manifest,
  type ManifestState,
  manifestState,
  readManifest,
  writeManifest,
} from "../../../src/plan/manifest.js";
import type { FileChange } from "../../../src/tree/tree.js";
import { memoryTree } from "../../support/builders.js";

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

const ours = (manifest: Manifest): ManifestState => ({ kind: "ours", manifest });
const missing: ManifestState = { kind: "missing" };
const conflicts = (changes: FileChange[], state: ManifestState) =>
  findConflicts(changes, state).map(({ path, reason }) => `${path}: ${reason}`);

describe("findConflicts", () => {
  const manifest = ours(
    manifestOf({ "stack/stack.ts": "as generated", "stack/config.ts": "as generated too" }),
  );

  it("does not count a pristine generated file (its hash matches the manifest)", () => {
    expect(conflicts([change("stack/stack.ts", "as generated")], manifest)).toEqual([]);
  });

  it("counts a generated file the user edited as edited", () => {
    expect(conflicts([change("stack/stack.ts", "as generated, then edited")], manifest)).toEqual([
      "stack/stack.ts: edited",
    ]);
  });

  it("never counts a create", () => {
    expect(conflicts([change("tests/stack/new.test.ts", undefined)], manifest)).toEqual([]);
    expect(conflicts([change("tests/stack/new.test.ts", undefined)], missing)).toEqual([]);
  });

  it("counts an existing file the tool never wrote as foreign: no manifest, or the manifest does not list it", () => {
    expect(conflicts([change("docs/dagger-stack.md", "someone else's doc")], manifest)).toEqual([
      "docs/dagger-stack.md: foreign",
    ]);
    expect(conflicts([change("stack/stack.ts", "as generated")], missing)).toEqual([
      "stack/stack.ts: foreign",
    ]);
  });

  it("never counts merged files, nor our own manifest", () => {
    const merged = change("package.json", '{"name":"mine"}', { mode: "merged" });
    const self = change(MANIFEST_PATH, "{}");
    expect(conflicts([merged, self], manifest)).toEqual([]);
  });

  it("counts a dagger-stack.json that is not ours, or is damaged", () => {
    const self = change(MANIFEST_PATH, "{}");
    const foreign = manifestState(memoryTree({ [MANIFEST_PATH]: '{ "name": "their tool" }' }));
    const damaged = manifestState(memoryTree({ [MANIFEST_PATH]: '{ "tool": ' }));
    expect(conflicts([self], foreign)).toEqual([`${MANIFEST_PATH}: foreign`]);
    expect(conflicts([self], damaged)).toEqual([`${MANIFEST_PATH}: damaged`]);
  });

  it("keeps only the conflicts out of a mixed list, in order", () => {
    const a = change("a.ts", "edited");
    const b = change("stack/config.ts", "as generated too");
    const c = change("c.ts", "edited too");
    expect(findConflicts([a, b, c], manifest).map(({ change }) => change)).toEqual([a, c]);
  });
});

describe("manifestState", () => {
  it("tells a damaged manifest from a foreign file and a missing one", () => {
    expect(manifestState(memoryTree({}))).toEqual({ kind: "missing" });
    expect(manifestState(memoryTree({ [MANIFEST_PATH]: "{ oops" }))).toMatchObject({
      kind: "damaged",
      problem: expect.stringMatching(/^is not valid JSON: .* \(line 1, column 3\)$/),
    });
    expect(manifestState(memoryTree({ [MANIFEST_PATH]: "[]" }))).toMatchObject({ kind: "foreign" });
    const written = manifestOf({});
    expect(manifestState(memoryTree({ [MANIFEST_PATH]: JSON.stringify(written) }))).toEqual({
      kind: "ours",
      manifest: written,
    });
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
    ["not json", /^is not valid JSON/],
    ['{"tool": {', /ends before its last value is complete \(line 1, column 11\)$/],
    [JSON.stringify({ tool: { name: "create-dagger-stack" }, files: {} }), /manifest without spec$/],
  ])("reports a corrupt manifest %j as damaged instead of ignoring it", (text, message) => {
    const state = manifestState(memoryTree({ [MANIFEST_PATH]: text }));
    expect(state.kind).toBe("damaged");
    expect(state.kind === "damaged" && state.problem).toMatch(message);
    expect(readManifest(memoryTree({ [MANIFEST_PATH]: text }))).toBeUndefined();
  });
});
