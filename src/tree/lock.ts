import { randomBytes } from "node:crypto";
import { promises as fs, linkSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LockedError } from "../errors.js";
import { errorCode, isMissing, noHardLinks } from "./errno.js";
import { removeFile } from "./remove-file.js";
import { ensureStateFolder, LOCK_FILE } from "./state-folder.js";

/**
 * One run at a time per target: `.dagger-stack/lock` names the run that holds it. A second run waits for
 * it a little (a run that is only writing finishes in well under a second), then stops with the holder's
 * pid. A lock whose process is gone (killed, crashed) is taken over.
 */
export interface TargetLock {
  release(): Promise<void>;
}

export interface LockOptions {
  /** How long to wait for a live holder before giving up. */
  waitMs: number;
  pollMs?: number;
}

interface Owner {
  pid: number;
  host: string;
  started: string;
  nonce: string;
}

export async function acquireLock(realRoot: string, options: LockOptions): Promise<TargetLock> {
  const path = join(realRoot, LOCK_FILE);
  const me: Owner = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    nonce: randomBytes(8).toString("hex"),
  };
  const text = `${JSON.stringify(me)}\n`;
  const deadline = Date.now() + options.waitMs;
  while (!(await tryCreate(realRoot, path, text, me.nonce))) {
    const held = await readLock(path);
    if (held === undefined) continue;
    const holder = parseOwner(held);
    if (!holder || isGone(holder)) {
      await takeOver(path, held, me.nonce);
      continue;
    }
    if (Date.now() >= deadline) throw lockedError(holder, path);
    await sleep(options.pollMs ?? 100);
  }
  return { release: () => releaseLock(path, me.nonce) };
}

/**
 * Writes the lock complete under another name, then links it into place: no one ever reads half a lock.
 * False when another run holds it, or when a run that just ended removed the folder (try again).
 */
async function tryCreate(realRoot: string, path: string, text: string, nonce: string): Promise<boolean> {
  const temp = `${path}.${nonce}.tmp`;
  try {
    ensureStateFolder(realRoot);
    writeFileSync(temp, text, { flag: "wx" });
  } catch (error) {
    await removeFile(temp).catch(() => undefined);
    if (isMissing(error)) return false;
    throw error;
  }
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    if (errorCode(error) === "EEXIST" || isMissing(error)) return false;
    if (!noHardLinks(error)) throw error;
    return fs.writeFile(path, text, { flag: "wx" }).then(
      () => true,
      (failure: unknown) => (errorCode(failure) === "EEXIST" ? false : Promise.reject(failure)),
    );
  } finally {
    await removeFile(temp);
  }
}

async function readLock(path: string): Promise<string | undefined> {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function parseOwner(text: string): Owner | undefined {
  try {
    const owner = JSON.parse(text) as Owner;
    return Number.isInteger(owner.pid) && typeof owner.nonce === "string" ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** A holder on this machine whose process no longer runs. One on another machine may be alive. */
function isGone(owner: Owner): boolean {
  if (owner.host !== hostname()) return false;
  // In a container every run may be pid 1: a lock with our pid that is not ours is a dead run's.
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return errorCode(error) === "ESRCH";
  }
}

/**
 * Moves the dead run's lock aside, then checks it moved the lock it judged: if another run took over in
 * between, that run's lock is put back.
 */
async function takeOver(path: string, judged: string, nonce: string): Promise<void> {
  const aside = `${path}.${nonce}.stale`;
  try {
    await fs.rename(path, aside);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  if ((await readLock(aside)) !== judged) await fs.link(aside, path).catch(() => undefined);
  await removeFile(aside);
}

async function releaseLock(path: string, nonce: string): Promise<void> {
  const held = await readLock(path);
  if (held !== undefined && parseOwner(held)?.nonce === nonce) await removeFile(path);
}

function lockedError(holder: Owner, path: string): LockedError {
  const where = holder.host === hostname() ? "" : ` on ${holder.host}`;
  return new LockedError(
    `another create-dagger-stack run (pid ${holder.pid}${where}, started ${holder.started}) is changing this folder; nothing was written`,
    `wait for it to finish and run again; if no such run is active, delete ${path}`,
  );
}
