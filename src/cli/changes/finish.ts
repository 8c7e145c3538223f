import { join } from "node:path";
import { manifestState } from "../../plan/manifest.js";
import { commitChanges } from "../../tree/commit.js";
import { holdTarget, inspectTarget } from "../../tree/hold.js";
import { checkWritePaths } from "../../tree/real-paths.js";
import type { VirtualTree } from "../../tree/tree.js";
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
    inspectTarget(run.target);
    return work();
  }
  const held = await holdTarget(run.target, { lockWaitMs: testLockWait(run.ctx) ?? LOCK_WAIT_MS });
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
    run.target,
    planned.map(({ change }) => change.path),
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
  const keep = overwritten(planned);
  const { backupsFolder } = await withInterrupts(run.ctx.signals, (signal) =>
    commitChanges(run.target, written, { signal, keep, hooks: testCommitHooks(run.ctx, signal) }),
  );
  run.io.print(run.io.colors.bold(heading));
  report.printChanges(run.io, planned);
  if (backupsFolder)
    report.printKept(run.io, displayPath(run.ctx.cwd, join(run.target, backupsFolder)), keep);
  if (run.switches.diff) await printDiffs(run.io, written);
}
