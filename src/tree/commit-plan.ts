import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import type { Journal } from "./journal.js";
import { hashText } from "./journal.js";
import { resolveWritePaths } from "./real-paths.js";
import type { PlannedFile } from "./staging.js";
import { BACKUPS_DIR, STATE_DIR } from "./state-folder.js";
import type { FileChange } from "./tree.js";

/**
 * Everything a commit will do, decided before it touches the folder, so that the journal can list it:
 * the real path of every file (links checked), unique temp and backup names for this run, the folders
 * to create, and the copies --force keeps of what it overwrites.
 */
export interface CommitPlan {
  files: PlannedFile[];
  /** Absolute, parents first. */
  folders: string[];
  copies: KeptCopy[];
  /** Where the copies go, relative to the target; set when there are any. */
  backupsFolder?: string;
  journal: Journal;
}

export interface KeptCopy {
  path: string;
  from: string;
  to: string;
}

/** `.dagger-stack/` is ignored by git as soon as it holds something to keep. */
const STATE_GITIGNORE: FileChange = {
  path: `${STATE_DIR}/.gitignore`,
  type: "create",
  mode: "generated",
  content: "# Backups kept by create-dagger-stack --force; safe to delete.\n*\n",
};

export function planCommit(
  realRoot: string,
  changes: readonly FileChange[],
  keep: ReadonlySet<string>,
  now: Date,
): CommitPlan {
  const run = randomBytes(4).toString("hex");
  const kept = changes.filter((change) => change.type === "update" && keep.has(change.path));
  const gitignore = kept.length > 0 && !existsSync(join(realRoot, STATE_GITIGNORE.path));
  const all = gitignore ? [...changes, STATE_GITIGNORE] : changes;
  const reals = resolveWritePaths(
    realRoot,
    all.map((change) => change.path),
  );
  const files = all.map((change) => planFile(change, reals.get(change.path) ?? "", run));
  const backupsFolder = kept.length > 0 ? uniqueFolder(realRoot, now) : undefined;
  const copies = kept.map((change) => ({
    path: change.path,
    from: reals.get(change.path) ?? "",
    to: join(realRoot, backupsFolder ?? "", `${change.path}.backup`),
  }));
  const folders = missingFolders([
    ...files.map(({ real }) => dirname(real)),
    ...copies.map(({ to }) => dirname(to)),
  ]);
  const rel = (path: string) => relative(realRoot, path).split(sep).join("/");
  const journal: Journal = {
    version: 1,
    pid: process.pid,
    folders: folders.map(rel),
    files: files.map(({ change, real, temp, backup }) => ({
      path: rel(real),
      temp: rel(temp),
      ...(backup ? { backup: rel(backup) } : {}),
      ...(change.type === "delete" ? { deleted: true } : {}),
      written: hashText(change.content),
    })),
    copies: copies.map(({ to }) => rel(to)),
  };
  return { files, folders, copies, backupsFolder, journal };
}

function planFile(change: FileChange, real: string, run: string): PlannedFile {
  const backup = change.type === "create" ? undefined : `${real}.cds-${run}.bak`;
  return { change, real, temp: `${real}.cds-${run}.tmp`, backup };
}

/** `.dagger-stack/backups/2025-01-31T12-00-00-000Z`, with a suffix if a run in the same millisecond has it. */
function uniqueFolder(realRoot: string, now: Date): string {
  const base = `${BACKUPS_DIR}/${now.toISOString().replace(/[:.]/g, "-")}`;
  let folder = base;
  for (let n = 2; existsSync(join(realRoot, folder)); n++) folder = `${base}-${n}`;
  return folder;
}

function missingFolders(dirs: readonly string[]): string[] {
  const missing = new Set<string>();
  for (const dir of dirs) {
    for (let folder = dir; !missing.has(folder) && !existsSync(folder); folder = dirname(folder)) {
      missing.add(folder);
    }
  }
  return [...missing].sort((a, b) => a.length - b.length);
}
