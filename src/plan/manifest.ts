import type { PackageJsonHistory } from "../edit/json/package-json.js";
import type { StackSpec } from "../spec/schema.js";
import type { FileChange, VirtualTree } from "../tree/tree.js";
import { byCodePoint } from "../util/compare.js";
import { sha256 } from "../util/hash.js";

/**
 * dagger-stack.json records what was generated: the spec with every default written out, the tool
 * version, and a hash per generated file. A file whose hash still matches is pristine and may be
 * regenerated; one that differs was edited by its owner and is never overwritten silently.
 */
export const MANIFEST_PATH = "dagger-stack.json";
export const TOOL_NAME = "create-dagger-stack";

export interface Manifest {
  tool: { name: string; version: string };
  spec: StackSpec;
  files: Record<string, string>;
  /** package.json entries the tool added over time, so entries the user removed stay removed. */
  packageJson?: PackageJsonHistory;
}

export function readManifest(tree: VirtualTree): Manifest | undefined {
  const text = tree.original(MANIFEST_PATH);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<Manifest>;
    return parsed.spec && parsed.files && parsed.tool ? (parsed as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/** Records the hash of every generated file in the tree, keeping entries for files this run did not touch. */
export function writeManifest(
  tree: VirtualTree,
  manifest: Omit<Manifest, "files">,
  generated: readonly string[],
  previous?: Manifest,
): void {
  const files: Record<string, string> = { ...previous?.files };
  for (const path of generated) {
    const content = tree.read(path);
    if (content !== undefined) files[path] = sha256(content);
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => byCodePoint(a, b)));
  tree.write(MANIFEST_PATH, `${JSON.stringify({ ...manifest, files: sorted }, null, 2)}\n`);
}

/**
 * Generated files that exist on disk with content the tool did not write (not identical, not pristine per
 * the manifest). These are the files that need the user's consent to overwrite.
 */
export function findConflicts(changes: readonly FileChange[], manifest: Manifest | undefined): FileChange[] {
  return changes.filter((change) => {
    if (change.type !== "update" || change.mode !== "generated" || change.path === MANIFEST_PATH)
      return false;
    const recorded = manifest?.files[change.path];
    return recorded === undefined || recorded !== sha256(change.before ?? "");
  });
}
