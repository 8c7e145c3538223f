import { randomBytes } from "node:crypto";
import { constants, promises as fs } from "node:fs";
import { dirname, join } from "node:path";
import { CommitError } from "../errors.js";
import type { FileChange } from "./tree.js";

/**
 * Writes changes so that either all land or none do. Each file is written to a temporary sibling first;
 * only when every temporary file exists are they renamed into place, the originals kept as backups until
 * the end. Any failure undoes what was done, in reverse, and the target folder is as it was.
 */
export interface CommitHooks {
  /** Test seam: called before each rename into place, to simulate a failure halfway. */
  beforeRename?: (path: string) => void | Promise<void>;
}

interface Step {
  undo: () => Promise<void>;
}

export async function commitChanges(
  root: string,
  changes: FileChange[],
  hooks: CommitHooks = {},
): Promise<void> {
  const done: Step[] = [];
  const cleanups: string[] = [];
  await prepareRoot(root, done);
  try {
    const staged = [];
    const deletions = changes.filter((change) => change.type === "delete");
    for (const change of changes.filter((change) => change.type !== "delete"))
      staged.push(await stage(root, change, done, cleanups));
    for (const { target, temp, change } of staged) {
      await hooks.beforeRename?.(change.path);
      await swapIntoPlace(target, temp, change, done, cleanups);
    }
    for (const change of deletions) {
      await hooks.beforeRename?.(change.path);
      await moveAside(join(root, change.path), done, cleanups);
    }
  } catch (error) {
    await rollback(done);
    throw new CommitError(`could not write ${describe(error)}; nothing was changed`, { cause: error });
  }
  await Promise.all(cleanups.map((path) => fs.rm(path, { force: true })));
}

/** Creates a missing root (undone on failure like any other folder) and checks that it is writable. */
async function prepareRoot(root: string, done: Step[]): Promise<void> {
  try {
    await makeParents(root, done);
    await fs.access(root, constants.W_OK);
  } catch (error) {
    await rollback(done);
    throw new CommitError(`cannot write to ${root}: ${describe(error)}`, { cause: error });
  }
}

async function stage(root: string, change: FileChange, done: Step[], cleanups: string[]) {
  const target = join(root, change.path);
  await makeParents(dirname(target), done);
  const temp = `${target}.cds-${randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temp, change.content, { flag: "wx" });
  done.push({ undo: () => fs.rm(temp, { force: true }) });
  cleanups.push(temp);
  return { target, temp, change };
}

async function swapIntoPlace(
  target: string,
  temp: string,
  change: FileChange,
  done: Step[],
  cleanups: string[],
) {
  if (change.type === "update") {
    const backup = `${target}.cds-backup.tmp`;
    const mode = (await fs.stat(target)).mode;
    await fs.chmod(temp, mode);
    await fs.rename(target, backup);
    done.push({ undo: () => fs.rename(backup, target) });
    cleanups.push(backup);
  }
  await fs.rename(temp, target);
  done.push({ undo: () => (change.type === "update" ? Promise.resolve() : fs.rm(target, { force: true })) });
}

/** A deletion: the file is renamed to a backup, put back on rollback and removed with the other backups. */
async function moveAside(target: string, done: Step[], cleanups: string[]): Promise<void> {
  const backup = `${target}.cds-backup.tmp`;
  await fs.rename(target, backup);
  done.push({ undo: () => fs.rename(backup, target) });
  cleanups.push(backup);
}

/** Creates missing parent folders one by one so that rollback removes exactly the ones it made. */
async function makeParents(dir: string, done: Step[]): Promise<void> {
  const missing: string[] = [];
  let current = dir;
  while (!(await exists(current))) {
    missing.unshift(current);
    current = dirname(current);
  }
  for (const folder of missing) {
    await fs.mkdir(folder);
    done.push({ undo: () => fs.rmdir(folder) });
  }
}

async function exists(path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false,
  );
}

async function rollback(done: Step[]): Promise<void> {
  for (const step of done.reverse()) {
    await step.undo().catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
