import { CancelledError, ConflictError } from "../../errors.js";
import { findConflicts, type Manifest } from "../../plan/manifest.js";
import type { FileChange } from "../../tree/tree.js";
import type { Asker } from "../prompts/ask.js";

/**
 * The conflict policy: a generated file the user changed is overwritten only with --force or their
 * answer; without a terminal the run stops. Dry runs only report what a real run would meet.
 */
export type Action = "create" | "update" | "delete" | "overwrite" | "keep" | "conflict";

export interface PlannedChange {
  change: FileChange;
  action: Action;
}

export interface ConflictPolicy {
  force: boolean;
  dryRun: boolean;
  /** Set when the user can be asked, file by file. */
  asker?: Asker;
}

export async function decideConflicts(
  changes: readonly FileChange[],
  manifest: Manifest | undefined,
  policy: ConflictPolicy,
): Promise<PlannedChange[]> {
  const conflicts = new Set(findConflicts(changes, manifest).map((change) => change.path));
  if (conflicts.size === 0) return changes.map((change) => ({ change, action: change.type }));
  const onConflict = conflictAction(policy, [...conflicts]);
  const planned: PlannedChange[] = [];
  for (const change of changes) {
    planned.push({ change, action: conflicts.has(change.path) ? await onConflict(change) : change.type });
  }
  return planned;
}

function conflictAction(policy: ConflictPolicy, paths: string[]): (change: FileChange) => Promise<Action> {
  if (policy.force) return async () => "overwrite";
  if (policy.dryRun) return async () => "conflict";
  const { asker } = policy;
  if (asker) return (change) => askAboutConflict(asker, change);
  throw new ConflictError(paths);
}

async function askAboutConflict(asker: Asker, change: FileChange): Promise<Action> {
  const answer = await asker.ask({
    type: "select",
    message: `${change.path} was changed since it was generated. Overwrite it?`,
    choices: [
      { value: "overwrite", name: "Overwrite with the generated version" },
      { value: "keep", name: "Keep mine" },
      { value: "abort", name: "Abort: write nothing" },
    ],
    default: "keep",
  });
  if (answer === "abort") throw new CancelledError();
  return answer === "overwrite" ? "overwrite" : "keep";
}

export function toWrite(planned: readonly PlannedChange[]): FileChange[] {
  return planned
    .filter(({ action }) => action !== "keep" && action !== "conflict")
    .map(({ change }) => change);
}
