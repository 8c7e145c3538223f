import type { PackageJsonHistory } from "../edit/json/package-json.js";
import { type Conflict, type ConflictReason, UsageError } from "../errors.js";
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
  /** For a migrated project: the files migrate wrote beside create's (its report, wired tests and CI). */
  migration?: { files: string[] };
}

/**
 * What a dagger-stack.json on disk is: the tool's manifest, a damaged one (not JSON: a bad merge, a
 * truncated write), or a file of the same name that create-dagger-stack did not write.
 */
export type ManifestState =
  | { kind: "missing" }
  | { kind: "ours"; manifest: Manifest }
  | { kind: "damaged"; problem: string }
  | { kind: "foreign"; problem: string };

export function readManifest(tree: VirtualTree): Manifest | undefined {
  const state = manifestState(tree);
  return state.kind === "ours" ? state.manifest : undefined;
}

export function manifestState(tree: VirtualTree): ManifestState {
  const text = tree.original(MANIFEST_PATH);
  if (text === undefined) return { kind: "missing" };
  let parsed: Partial<Manifest> | null;
  try {
    parsed = parseJsonFile(text, MANIFEST_PATH, "") as Partial<Manifest> | null;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { kind: "damaged", problem: error.problems.map(damagedAt).join("; ") };
  }
  const ours =
    typeof parsed === "object" &&
    parsed !== null &&
    parsed.tool?.name === TOOL_NAME &&
    typeof parsed.spec === "object" &&
    typeof parsed.files === "object";
  if (ours) return { kind: "ours", manifest: parsed as Manifest };
  const missing = missingParts(parsed);
  if (missing.length > 0)
    return { kind: "damaged", problem: `is a ${TOOL_NAME} manifest without ${missing.join(" and ")}` };
  return { kind: "foreign", problem: `exists and was not written by ${TOOL_NAME}` };
}

/** What a manifest that says it is ours lacks; nothing for a file that does not say so. */
function missingParts(parsed: Partial<Manifest> | null): string[] {
  if (typeof parsed !== "object" || parsed === null || parsed.tool?.name !== TOOL_NAME) return [];
  return (["spec", "files"] as const).filter((key) => typeof parsed[key] !== "object");
}

/** `dagger-stack.json:2:5` + "is not valid JSON: …" → "is not valid JSON: … (line 2, column 5)". */
function damagedAt({ path, message }: { path: string; message: string }): string {
  const at = /:(\d+):(\d+)$/.exec(path);
  return at ? `${message} (line ${at[1]}, column ${at[2]})` : message;
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
 * Files on disk that a run would replace without the tool having written what is there: generated files
 * the user edited since (the manifest's hash differs), files the tool never wrote (the manifest does not
 * list them, or there is no manifest), and a dagger-stack.json that is not a manifest of ours. These need
 * the user's consent to overwrite.
 */
export function findConflicts(
  changes: readonly FileChange[],
  manifest: ManifestState,
): (Conflict & { change: FileChange })[] {
  const files = manifest.kind === "ours" ? manifest.manifest.files : {};
  const conflicts: (Conflict & { change: FileChange })[] = [];
  for (const change of changes) {
    if (change.type !== "update" || change.mode !== "generated") continue;
    const reason = conflictReason(change, manifest, files[change.path]);
    if (reason) conflicts.push({ path: change.path, reason, change });
  }
  return conflicts;
}

function conflictReason(
  change: FileChange,
  manifest: ManifestState,
  recorded: string | undefined,
): ConflictReason | undefined {
  if (change.path === MANIFEST_PATH) {
    if (manifest.kind === "ours" || manifest.kind === "missing") return undefined;
    return manifest.kind;
  }
  if (recorded === undefined) return "foreign";
  return recorded === sha256(change.before ?? "") ? undefined : "edited";
}
