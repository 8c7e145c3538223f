import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * V8's compiled code for the CLI's scripts, kept on disk between runs, as Node ≥ 22.1 does for ES modules
 * with `module.enableCompileCache()` (Node 20 has no such cache for modules, only `vm.Script`'s cachedData).
 * It follows Node's own switches: NODE_DISABLE_COMPILE_CACHE=1 turns it off and NODE_COMPILE_CACHE names
 * the folder; by default it sits in the temp folder. One subfolder per build and Node version, so a cache is
 * only ever offered to the code it was made from (V8 itself checks little more than the source's length).
 */
export interface CodeCache {
  read(name: string): Buffer | undefined;
  write(name: string, data: Buffer): void;
}

export interface CodeCacheOptions {
  buildId: string;
  env: Readonly<Record<string, string | undefined>>;
  nodeVersion: string;
  /** The user's id, where the platform has one: a folder someone else owns is never trusted. */
  uid: number | undefined;
}

const BUILD_FOLDER = /^[0-9a-f]{16}-v\d+\.\d+\.\d+/;

export function openCodeCache(options: CodeCacheOptions): CodeCache | undefined {
  if (options.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const base =
    options.env.NODE_COMPILE_CACHE || join(tmpdir(), `create-dagger-stack-cache-${options.uid ?? "user"}`);
  const dir = join(base, `${options.buildId}-${options.nodeVersion}`);
  if (!ownedFolder(base, options.uid)) return undefined;
  const made = makeFolder(dir);
  if (!ownedFolder(dir, options.uid)) return undefined;
  if (made) removeOtherBuilds(base, dir);
  return {
    read: (name) => readIfPresent(join(dir, name)),
    write: (name, data) => writeWhole(join(dir, name), data),
  };
}

/**
 * Made if missing, readable and writable by this user alone. Code read from a cache runs as this process,
 * so a folder that is a link, or that another user owns or can write to, is not used.
 */
function ownedFolder(path: string, uid: number | undefined): boolean {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    if (!stat.isDirectory()) return false;
    if (uid === undefined) return true;
    return stat.uid === uid && (stat.mode & 0o022) === 0;
  } catch {
    return false;
  }
}

/** True when this call made the folder (its parent exists); false when it was there, or cannot be made. */
function makeFolder(path: string): boolean {
  try {
    mkdirSync(path, { mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

/**
 * A new build's first run clears the caches of other builds made over a week ago: an upgrade leaves the old
 * one unused, while two versions in use side by side (a global install, npx) keep theirs most of the time.
 */
function removeOtherBuilds(base: string, kept: string): void {
  const weekAgo = Date.now() - 7 * 24 * 60 * 60 * 1000;
  try {
    for (const name of readdirSync(base)) {
      const path = join(base, name);
      if (path === kept || !BUILD_FOLDER.test(name)) continue;
      if (lstatSync(path).mtimeMs < weekAgo) rmSync(path, { recursive: true, force: true });
    }
  } catch {
    // Another run removing the same folder, or one that cannot be removed: it stays.
  }
}

function readIfPresent(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Whole or not at all: a reader never sees half a file, and a full disk or a race only costs the cache. */
function writeWhole(path: string, data: Buffer): void {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600, flag: "wx" });
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
