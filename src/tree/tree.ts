import { byCodePoint } from "../util/compare.js";

/**
 * A virtual file tree over the project's root folder. Planners read and write here; nothing touches the
 * disk until commit.ts flushes the changes. Paths are POSIX, relative to the tree's folder: the root, or
 * the subfolder a view made with at() looks from (a package of a workspace), whose paths may climb with
 * `..` towards the root but never past it.
 */
export interface FileReader {
  /** The file's text, or undefined when it does not exist. */
  read(path: string): string | undefined;
}

/**
 * How a written file relates to what is on disk: `generated` files belong to the tool (a differing file
 * on disk is a conflict unless the manifest says the tool wrote it); `merged` files were edited in place
 * (package.json, a user's source) and carry the user's content forward.
 */
export type WriteMode = "generated" | "merged";

export interface FileChange {
  path: string;
  type: "create" | "update";
  mode: WriteMode;
  content: string;
  /** What is on disk now; undefined for a new file. */
  before?: string;
}

type Writes = Map<string, { content: string; mode: WriteMode }>;

export class VirtualTree {
  constructor(
    private readonly reader: FileReader,
    /** This view's folder, relative to the root; "" for the root itself. */
    readonly folder = "",
    private readonly writes: Writes = new Map(),
  ) {}

  /** The same tree seen from a subfolder: its paths are relative to that folder, its writes shared. */
  at(folder: string): VirtualTree {
    return new VirtualTree(this.reader, this.rootPath(folder), this.writes);
  }

  /** A path of this view as a path from the root. */
  rootPath(path: string): string {
    return pathFromRoot(this.folder, path);
  }

  read(path: string): string | undefined {
    const key = this.rootPath(path);
    return this.writes.get(key)?.content ?? this.reader.read(key);
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  /** What is on disk, ignoring writes made in this tree. */
  original(path: string): string | undefined {
    return this.reader.read(this.rootPath(path));
  }

  write(path: string, content: string, mode: WriteMode = "generated"): void {
    this.writes.set(this.rootPath(path), { content, mode });
  }

  /**
   * Every write that changes something, in path order; a write identical to the disk is dropped. Paths
   * are relative to this view's folder (`../../.github/...` from a package); rootPath() gives the root's.
   */
  changes(): FileChange[] {
    return [...this.writes.entries()]
      .map(([key, { content, mode }]): FileChange | undefined => {
        const before = this.reader.read(key);
        if (before === content) return undefined;
        const path = relativeTo(this.folder, key);
        return { path, mode, content, before, type: before === undefined ? "create" : "update" };
      })
      .filter((change): change is FileChange => change !== undefined)
      .sort((a, b) => byCodePoint(a.path, b.path));
  }
}

export function normalizePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") throw new Error(`path escapes the target folder: ${path}`);
    parts.push(part);
  }
  return parts.join("/");
}

/** `path` taken from `folder` (both relative to the root), climbing with `..` no higher than the root. */
export function pathFromRoot(folder: string, path: string): string {
  if (folder === "") return normalizePath(path);
  const parts = folder.split("/");
  for (const part of path.replace(/\\/g, "/").split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) throw new Error(`path escapes the project root: ${path}`);
  }
  return parts.join("/");
}

/** A root path as seen from `folder`: `../` for each level up to their common folder. */
function relativeTo(folder: string, key: string): string {
  if (folder === "") return key;
  const from = folder.split("/");
  const to = key.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/** A reader over an in-memory map, for tests and for planning on top of another plan. */
export function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return { read: (path) => files[path] };
}
