import type { PackageJsonHistory } from "../edit/json/package-json.js";
import { UsageError } from "../errors.js";
import type { StackSpec } from "../spec/schema.js";
import type { FileChange, VirtualTree } from "../tree/tree.js";
import { byCodePoint } from "../util/compare.js";
import { sha256 } from "../util/hash.js";
import { parseJsonFile } from "../util/json.js";

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

/**
 * The manifest on disk, or undefined when there is none or it is another tool's file. A manifest that is
 * not JSON, or one of ours with parts missing, is an error: treating it as absent would make add say "not
 * found" and create regenerate over the user's edits.
 */
export function readManifest(tree: VirtualTree): Manifest | undefined {
  const text = tree.original(MANIFEST_PATH);
  if (text === undefined) return undefined;
  const parsed = parseJsonFile(text, MANIFEST_PATH, MANIFEST_HINT) as Partial<Manifest> | null;
  if (parsed?.spec && parsed.files && parsed.tool) return parsed as Manifest;
  if (parsed?.tool?.name !== TOOL_NAME) return undefined;
  const missing = (["spec", "files"] as const).filter((key) => !parsed[key]);
  throw new UsageError({
    path: MANIFEST_PATH,
    message: `is a create-dagger-stack manifest without ${missing.join(" and ")}`,
    hint: MANIFEST_HINT,
  });
}

const MANIFEST_HINT =
  "it records what create-dagger-stack generated: restore it from version control (git checkout -- dagger-stack.json), or delete it and run create again";

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
