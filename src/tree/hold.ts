import { existsSync, mkdirSync, realpathSync } from "node:fs";
import { dirname } from "node:path";
import { CommitError, InterruptedRunError, UnsafePathError } from "../errors.js";
import { describeFailure, errorCode } from "./errno.js";
import { acquireLock, type TargetLock } from "./lock.js";
import { type Recovery, recoverInterruptedRun } from "./recovery.js";
import { JOURNAL_FILE, removeIfEmpty, removeStateFolderIfEmpty } from "./state-folder.js";

/**
 * A run's hold on its target, from before it reads the project to after it writes: the lock, then the
 * recovery of an interrupted run (so the planner never reads a half-written tree). Releasing removes the
 * lock and whatever the hold created that stayed empty, so a run that writes nothing leaves no trace.
 */
export interface HeldTarget {
  recovery?: Recovery;
  release(): Promise<void>;
}

export interface HoldOptions {
  /** How long to wait for another run's lock. */
  lockWaitMs: number;
}

export async function holdTarget(root: string, options: HoldOptions): Promise<HeldTarget> {
  const made = makeFolders(root);
  const forget = () => {
    for (const folder of made.reverse()) removeIfEmpty(folder);
  };
  let realRoot: string | undefined;
  try {
    realRoot = resolveRoot(root);
    const lock = await lockUnlessReadOnly(realRoot, options);
    if (!lock) {
      inspectTarget(realRoot);
      return { release: async () => forget() };
    }
    const held = realRoot;
    const release = async () => {
      await lock.release();
      removeStateFolderIfEmpty(held);
      forget();
    };
    const recovery = await recoverInterruptedRun(realRoot).catch(async (error: unknown) => {
      await release();
      throw error;
    });
    return { recovery, release };
  } catch (error) {
    if (realRoot) removeStateFolderIfEmpty(realRoot);
    forget();
    throw error;
  }
}

/**
 * What a dry run checks instead of holding the target: it writes nothing, so it cannot restore what an
 * interrupted run left, and says how to.
 */
export function inspectTarget(root: string): void {
  if (!existsSync(root)) return;
  if (!existsSync(`${resolveRoot(root)}/${JOURNAL_FILE}`)) return;
  throw new InterruptedRunError(
    "an earlier create-dagger-stack run was interrupted while writing this folder (or one is writing it now)",
    ["run the same command without --dry-run: it restores the files that run changed, then plans again"],
  );
}

/** A folder we cannot write to needs no lock: nothing can be written there, and commit says so. */
async function lockUnlessReadOnly(realRoot: string, options: HoldOptions): Promise<TargetLock | undefined> {
  try {
    return await acquireLock(realRoot, { waitMs: options.lockWaitMs });
  } catch (error) {
    const code = errorCode(error);
    if (code === "EACCES" || code === "EPERM" || code === "EROFS") return undefined;
    if (code === undefined) throw error;
    throw new CommitError(`cannot write to ${realRoot}: ${describeFailure(error)}; nothing was changed`, {
      cause: error,
    });
  }
}

function resolveRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch (error) {
    if (errorCode(error) !== "ELOOP") throw error;
    throw new UnsafePathError(root, "is a symbolic link loop", "give a folder, or a link to one");
  }
}

/** Creates the root and its missing parents (the lock lives inside it); returns them, outermost first. */
function makeFolders(root: string): string[] {
  const missing: string[] = [];
  for (let folder = root; !existsSync(folder); folder = dirname(folder)) missing.unshift(folder);
  for (const [index, folder] of missing.entries()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      for (const made of missing.slice(0, index).reverse()) removeIfEmpty(made);
      throw new CommitError(`cannot create ${folder}: ${describeFailure(error)}`, { cause: error });
    }
  }
  return missing;
}
