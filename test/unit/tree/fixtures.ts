import { lstat, mkdtemp, readdir, readFile, readlink, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import type { FileChange } from "../../../src/tree/tree.js";

/** A fresh temporary folder per test, removed after it. */
export function useSandbox(prefix = "cds-tree-"): () => string {
  let sandbox = "";
  beforeEach(async () => {
    sandbox = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(sandbox, { recursive: true, force: true });
  });
  return () => sandbox;
}

export const create = (path: string, content: string): FileChange => ({
  path,
  type: "create",
  mode: "generated",
  content,
});

export const update = (path: string, content: string, before: string): FileChange => ({
  path,
  type: "update",
  mode: "generated",
  content,
  before,
});

/** Every entry under `root`: folders, links with their target, and files with their bytes and mode. */
export async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of (await readdir(dir)).sort()) {
      const path = join(dir, entry);
      const info = await lstat(path);
      const key = `${prefix}${entry}`;
      if (info.isSymbolicLink()) {
        result[key] = `link ${await readlink(path)}`;
      } else if (info.isDirectory()) {
        result[`${key}/`] = `dir ${(info.mode & 0o777).toString(8)}`;
        await walk(path, `${key}/`);
      } else {
        result[key] = `file ${(info.mode & 0o777).toString(8)} ${(await readFile(path)).toString("base64")}`;
      }
    }
  };
  await walk(root, "");
  return result;
}

/** Paths under `root` whose name matches, for leftovers such as `*.tmp`. */
export async function findNames(root: string, pattern: RegExp): Promise<string[]> {
  const snap = await snapshot(root);
  return Object.keys(snap).filter((path) => pattern.test(path));
}
