import { accessSync, constants, lstatSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { CancelledError, CommitError } from "../errors.js";
import { failure, step } from "./commit-failure.js";
import { type CommitPlan, planCommit } from "./commit-plan.js";
import { describeFailure } from "./errno.js";
import { removeJournal, writeJournal } from "./journal.js";
import { removeFile } from "./remove-file.js";
import {
  keepCopy,
  makeFolder,
  setAside,
  stageFile,
  swapIntoPlace,
  type WriteFile,
  writeNew,
} from "./staging.js";
import { ensureStateFolder, JOURNAL_FILE, removeIfEmpty, removeStateFolderIfEmpty } from "./state-folder.js";
import type { FileChange } from "./tree.js";
import { UndoLog } from "./undo.js";

/**
 * Writes changes so that either all land or none do, and never over something the run did not read.
 * The journal goes down first (the next run undoes a commit killed halfway); every file is then staged
 * beside its target, and only when all are staged are they moved into place, each original compared with
 * what the planner read and kept aside until the end. Any failure, or SIGINT/SIGTERM through `signal`,
 * undoes what was done, newest first. The caller holds the target's lock (hold.ts).
 */
export interface CommitHooks {
  /** Test seam: called before each file is moved into place, to fail or pause halfway. */
  beforeRename?: (path: string) => void | Promise<void>;
  /** Test seam: replaces the write of a staged file, to inject a full disk or an I/O error. */
  writeStaged?: WriteFile;
}

export interface CommitOptions {
  hooks?: CommitHooks;
  /** Aborted on SIGINT/SIGTERM: the commit stops before its next step and rolls back. */
  signal?: AbortSignal;
  /** Paths (updates) whose current file is copied to `.dagger-stack/backups/<time>/` first (--force). */
  keep?: readonly string[];
  now?: Date;
}

export interface CommitResult {
  /** Where the copies of `keep` went, relative to the target; absent when nothing was kept. */
  backupsFolder?: string;
}

export async function commitChanges(
  root: string,
  changes: readonly FileChange[],
  options: CommitOptions = {},
): Promise<CommitResult> {
  if (changes.length === 0) return {};
  checkAborted(options.signal);
  const { realRoot, made } = await prepareRoot(root);
  const undo = new UndoLog();
  let plan: CommitPlan;
  try {
    plan = planCommit(realRoot, changes, new Set(options.keep), options.now ?? new Date());
    await recordJournal(realRoot, plan);
    await apply(realRoot, plan, undo, options);
  } catch (error) {
    const complete = await undo.rollback();
    if (complete) await removeJournal(realRoot);
    removeStateFolderIfEmpty(realRoot);
    for (const folder of made.reverse()) removeIfEmpty(folder);
    throw failure(error, complete);
  }
  await finish(realRoot, plan);
  return plan.backupsFolder ? { backupsFolder: plan.backupsFolder } : {};
}

/** Before anything else touches the folder: what a run killed from here on would leave. */
function recordJournal(realRoot: string, plan: CommitPlan): Promise<void> {
  return step(JOURNAL_FILE, async () => {
    ensureStateFolder(realRoot);
    await writeJournal(realRoot, plan.journal);
  });
}

async function apply(realRoot: string, plan: CommitPlan, undo: UndoLog, options: CommitOptions) {
  const { hooks = {}, signal } = options;
  for (const folder of plan.folders) {
    await step(relative(realRoot, folder).split(sep).join("/"), () => makeFolder(folder, undo));
  }
  const written = plan.files.filter(({ change }) => change.type !== "delete");
  for (const file of written) {
    await stopIfAborted(signal);
    await step(file.change.path, () => stageFile(file, undo, hooks.writeStaged ?? writeNew));
  }
  for (const copy of plan.copies) {
    await stopIfAborted(signal);
    await step(copy.path, () => keepCopy(copy.from, copy.to, undo));
  }
  for (const file of plan.files) {
    await step(file.change.path, async () => {
      await hooks.beforeRename?.(file.change.path);
      await stopIfAborted(signal);
      await (file.change.type === "delete" ? setAside(file, undo) : swapIntoPlace(file, undo));
    });
  }
}

/** Past the last move the commit stands; what is left is cleanup, which the next run redoes if need be. */
async function finish(realRoot: string, plan: CommitPlan): Promise<void> {
  try {
    for (const { backup } of plan.files) if (backup) await removeFile(backup);
    await removeJournal(realRoot);
    removeStateFolderIfEmpty(realRoot);
  } catch {
    // The journal, if still there, tells the next run to finish this cleanup.
  }
}

/** Creates a missing root (removed again on failure) and checks that it is a writable folder. */
async function prepareRoot(root: string): Promise<{ realRoot: string; made: string[] }> {
  const made: string[] = [];
  try {
    for (let folder = root; !exists(folder); folder = dirname(folder)) made.unshift(folder);
    for (const folder of made) mkdirSync(folder);
    if (!statSync(root).isDirectory()) throw new Error("it is not a folder");
    accessSync(root, constants.W_OK);
    return { realRoot: realpathSync(root), made };
  } catch (error) {
    for (const folder of [...made].reverse()) removeIfEmpty(folder);
    throw new CommitError(`cannot write to ${root}: ${describeFailure(error)}`, { cause: error });
  }
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Between two steps: one turn of the event loop, where Node delivers SIGINT and SIGTERM (the steps' fs calls
 * are synchronous, so without it a signal would only be seen once the whole commit had landed), then stops
 * if the run was aborted.
 */
async function stopIfAborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  checkAborted(signal);
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}
