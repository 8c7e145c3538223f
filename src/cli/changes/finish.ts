import { join } from "node:path";
import { manifestState } from "../../plan/manifest.js";
import { commitChanges } from "../../tree/commit.js";
import { holdTarget, inspectTarget } from "../../tree/hold.js";
import { checkWritePaths } from "../../tree/real-paths.js";
import { type FileChange, pathFromRoot, type VirtualTree } from "../../tree/tree.js";
import type { ParsedArgs } from "../argv.js";
import type { CliContext } from "../context.js";
import { displayPath } from "../create/target.js";
import { withInterrupts } from "../interrupts.js";
import type { Io } from "../io.js";
import type { Asker } from "../prompts/ask.js";
import { decideConflicts, overwritten, type PlannedChange, toWrite } from "./conflicts.js";
import { printDiffs } from "./diff.js";
import * as report from "./report.js";
import { testCommitHooks, testLockWait } from "./test-hooks.js";

/**
 * How every command that changes files ends, once its planner has filled the tree: conflicts decided,
 * then either a dry run shown or the changes committed at once and listed. What follows (notes, next
 * steps) is the command's own. `holdingTarget` wraps the whole of it, from the planner's first read.
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
  ctx: CliContext;
}

/** A second run on the same folder waits this long for the first before it stops, naming it. */
const LOCK_WAIT_MS = 10_000;

/**
 * Runs `work` (read, plan, decide, write) holding the target: locked, with an interrupted earlier run
 * undone first. A dry run takes no lock and writes nothing; it only refuses a half-written folder.
 */
export async function holdingTarget<T>(run: ChangeRun, work: () => Promise<T>): Promise<T> {
  if (run.switches["dry-run"]) {
    inspectTarget(writeRoot(run));
    return work();
  }
  const held = await holdTarget(writeRoot(run), { lockWaitMs: testLockWait(run.ctx) ?? LOCK_WAIT_MS });
  try {
    if (held.recovery) report.printRecovery(run.io, held.recovery);
    return await work();
  } finally {
    await held.release();
  }
}

export function decideChanges(run: ChangeRun, tree: VirtualTree): Promise<PlannedChange[]> {
  return decideConflicts(tree.changes(), manifestState(tree), {
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
  checkWritePaths(
    writeRoot(run),
    planned.map(({ change }) => rootPathOf(run, change.path)),
  );
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

/**
 * Writes the changes (all or none; SIGINT/SIGTERM roll them back), then lists them under `heading`, with
 * where the overwritten files were kept, and diffs on --diff.
 */
export async function writeChanges(
  run: ChangeRun,
  planned: readonly PlannedChange[],
  heading: string,
): Promise<void> {
  const written = toWrite(planned);
  const keep = overwritten(planned).map((path) => rootPathOf(run, path));
  const root = writeRoot(run);
  const { backupsFolder } = await withInterrupts(run.ctx.signals, (signal) =>
    commitChanges(root, written.map(asRootChange(run)), {
      signal,
      keep,
      hooks: testCommitHooks(run.ctx, signal),
    }),
  );
  run.io.print(run.io.colors.bold(heading));
  report.printChanges(run.io, planned);
  if (backupsFolder) report.printKept(run.io, displayPath(run.ctx.cwd, join(root, backupsFolder)), keep);
  if (run.switches.diff) await printDiffs(run.io, written);
}

/** The folder commits write in and lock: the repository's root when the stack is a package below it. */
function writeRoot(run: ChangeRun): string {
  return run.root?.path ?? run.target;
}

/** A path of the tree's view (relative to the target) as a path from the write root. */
function rootPathOf(run: ChangeRun, path: string): string {
  return run.root ? pathFromRoot(run.root.folder, path) : path;
}

function asRootChange(run: ChangeRun): (change: FileChange) => FileChange {
  return (change) => ({ ...change, path: rootPathOf(run, change.path) });
}
