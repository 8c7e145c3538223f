import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

/** Every file and folder under `root` with its hash, mode and mtime: equal snapshots mean an untouched tree. */
export type TreeSnapshot = Record<string, string>;

export function snapshotTree(root: string): TreeSnapshot {
  if (!existsSync(root)) return {};
  const snapshot: TreeSnapshot = {};
  const visit = (path: string) => {
    const stats = statSync(path);
    const key = relative(root, path) || ".";
    if (stats.isDirectory()) {
      snapshot[`${key}/`] = `dir ${stats.mode.toString(8)}`;
      for (const entry of readdirSync(path)) visit(join(path, entry));
      return;
    }
    const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
    snapshot[key] = `${hash} ${stats.mode.toString(8)} ${stats.mtimeMs}`;
  };
  visit(root);
  return snapshot;
}

export function tempDir(prefix = "cds-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Temporary folders, removed after each test through `cleanup()` in afterEach. */
export class Folders {
  private readonly dirs: string[] = [];

  constructor(private readonly prefix?: string) {}

  fresh(prefix = this.prefix): string {
    const dir = tempDir(prefix);
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) removeDir(dir);
  }
}

export function readText(root: string, path: string): string {
  return readFileSync(join(root, path), "utf8");
}
