import { readManifest } from "../../plan/manifest.js";
import { commitChanges } from "../../tree/commit.js";
import { pathFromRoot, type VirtualTree } from "../../tree/tree.js";
import type { ParsedArgs } from "../argv.js";
import type { Io } from "../io.js";
import type { Asker } from "../prompts/ask.js";
import { decideConflicts, type PlannedChange, toWrite } from "./conflicts.js";
import { printDiffs } from "./diff.js";
import * as report from "./report.js";

/**
 * How every command that changes files ends, once its planner has filled the tree: conflicts decided,
 * then either a dry run shown or the changes committed at once and listed. What follows (notes, next
 * steps) is the command's own.
 */
export interface ChangeRun {
  io: Io;
  /** The folder the tree's paths are relative to. */
  target: string;
  /**
   * Where the changes are committed when the target is a package below the repository's root (whose
   * CI files live at the root): that root, and the target's path from it.
   */
  root?: { path: string; folder: string };
  switches: ParsedArgs["switches"];
  /** Set when the user can be asked about conflicts, file by file. */
  asker?: Asker;
}

export function decideChanges(run: ChangeRun, tree: VirtualTree): Promise<PlannedChange[]> {
  return decideConflicts(tree.changes(), readManifest(tree), {
    force: run.switches.force === true,
    dryRun: run.switches["dry-run"] === true,
    asker: run.asker,
  });
}

/** `--dry-run`: what a real run would write and where it would stop; `summary` comes first when given. */
export async function showDryRun(
  run: ChangeRun,
  planned: readonly PlannedChange[],
  messages: report.PlanMessages,
  summary?: string,
): Promise<number> {
  report.printDryRunHeading(run.io);
  if (summary) run.io.print(summary);
  report.printChanges(run.io, planned);
  report.printConflictSummary(run.io, planned);
  report.printPlanNotes(run.io, messages);
  if (run.switches.diff)
    await printDiffs(
      run.io,
      planned.map(({ change }) => change),
    );
  return 0;
}

/** Writes the changes (all or none), then lists them under `heading`, with diffs on --diff. */
export async function writeChanges(
  run: ChangeRun,
  planned: readonly PlannedChange[],
  heading: string,
): Promise<void> {
  const written = toWrite(planned);
  const { root } = run;
  await commitChanges(
    root?.path ?? run.target,
    root ? written.map((change) => ({ ...change, path: pathFromRoot(root.folder, change.path) })) : written,
  );
  run.io.print(run.io.colors.bold(heading));
  report.printChanges(run.io, planned);
  if (run.switches.diff) await printDiffs(run.io, written);
}
