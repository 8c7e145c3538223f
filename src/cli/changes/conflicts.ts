import { CancelledError, ConflictError, type ConflictReason } from "../../errors.js";
import { findConflicts, type ManifestState } from "../../plan/manifest.js";
import type { FileChange } from "../../tree/tree.js";
import { REASON_TEXT } from "../exit-codes.js";
import type { Asker } from "../prompts/ask.js";

/**
 * The conflict policy: a file the tool did not write as it is now (edited since, or never written by it)
 * is overwritten only with --force or the user's answer, and --force keeps a copy; without a terminal the
 * run stops. Dry runs only report what a real run would meet.
 */
export type Action = "create" | "update" | "delete" | "overwrite" | "keep" | "conflict";

export interface PlannedChange {
  change: FileChange;
  action: Action;
  /** Why the file needed consent; set for overwrite, keep and conflict. */
  reason?: ConflictReason;
}

export interface ConflictPolicy {
  force: boolean;
  dryRun: boolean;
  /** Set when the user can be asked, file by file. */
  asker?: Asker;
}

export async function decideConflicts(
  changes: readonly FileChange[],
  manifest: ManifestState,
  policy: ConflictPolicy,
): Promise<PlannedChange[]> {
  const found = findConflicts(changes, manifest);
  const reasons = new Map(found.map(({ path, reason }) => [path, reason]));
  if (reasons.size === 0) return changes.map((change) => ({ change, action: change.type }));
  const onConflict = conflictAction(policy, found);
  const planned: PlannedChange[] = [];
  for (const change of changes) {
    const reason = reasons.get(change.path);
    planned.push(
      reason ? { change, reason, action: await onConflict(change, reason) } : { change, action: change.type },
    );
  }
  return planned;
}

function conflictAction(
  policy: ConflictPolicy,
  found: ReturnType<typeof findConflicts>,
): (change: FileChange, reason: ConflictReason) => Promise<Action> {
  if (policy.force) return async () => "overwrite";
  if (policy.dryRun) return async () => "conflict";
  const { asker } = policy;
  if (asker) return (change, reason) => askAboutConflict(asker, change, reason);
  throw new ConflictError(found.map(({ path, reason }) => ({ path, reason })));
}

async function askAboutConflict(asker: Asker, change: FileChange, reason: ConflictReason): Promise<Action> {
  const answer = await asker.ask({
    type: "select",
    message: `${change.path} ${REASON_TEXT[reason]}. Overwrite it?`,
    choices: [
      {
        value: "overwrite",
        name: "Overwrite with the generated version (yours is kept in .dagger-stack/backups/)",
      },
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

/** The files an overwrite discards: the commit keeps a copy of each. */
export function overwritten(planned: readonly PlannedChange[]): string[] {
  return planned.filter(({ action }) => action === "overwrite").map(({ change }) => change.path);
}
