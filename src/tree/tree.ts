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
  /** `delete`: the file goes away; its content is then empty. */
  type: "create" | "update" | "delete";
  mode: WriteMode;
  content: string;
  /**
   * What was on disk when the planner read it; undefined for a new file. The commit replaces the file
   * only if it still holds exactly this.
   */
  before?: string;
}

/** A pending write, or a deletion (`content` undefined). */
interface Pending {
  content?: string;
  mode: WriteMode;
}

/** What every view of one tree shares: the pending writes and the one read of each file from disk. */
interface TreeState {
  writes: Map<string, Pending>;
  disk: Map<string, string | undefined>;
}

/**
 * Each path is read from disk once: the planner and `changes()` see the same snapshot, so a file saved
 * while the run plans shows up at commit as changed, instead of slipping into `before`.
 */
export class VirtualTree {
  constructor(
    private readonly reader: FileReader,
    /** This view's folder, relative to the root; "" for the root itself. */
    readonly folder = "",
    private readonly state: TreeState = { writes: new Map(), disk: new Map() },
  ) {}

  /** The same tree seen from a subfolder: its paths are relative to that folder, its writes shared. */
  at(folder: string): VirtualTree {
    return new VirtualTree(this.reader, this.rootPath(folder), this.state);
  }

  /** A path of this view as a path from the root. */
  rootPath(path: string): string {
    return pathFromRoot(this.folder, path);
  }

  read(path: string): string | undefined {
    const key = this.rootPath(path);
    const pending = this.state.writes.get(key);
    return pending ? pending.content : this.fromDisk(key);
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  /** What is on disk, ignoring writes made in this tree. */
  original(path: string): string | undefined {
    return this.fromDisk(this.rootPath(path));
  }

  write(path: string, content: string, mode: WriteMode = "generated"): void {
    this.state.writes.set(this.rootPath(path), { content, mode });
  }

  /** Removes a file; a later write brings it back. Deleting what is not on disk changes nothing. */
  delete(path: string): void {
    this.state.writes.set(this.rootPath(path), { mode: "generated" });
  }

  /**
   * Every write that changes something, in path order; a write identical to the disk is dropped. Paths
   * are relative to this view's folder (`../../.github/...` from a package); rootPath() gives the root's.
   */
  changes(): FileChange[] {
    return [...this.state.writes.entries()]
      .map(([key, { content, mode }]): FileChange | undefined => {
        const before = this.fromDisk(key);
        if (before === content) return undefined;
        const path = relativeTo(this.folder, key);
        if (content === undefined) return { path, mode, content: "", before, type: "delete" };
        return { path, mode, content, before, type: before === undefined ? "create" : "update" };
      })
      .filter((change): change is FileChange => change !== undefined)
      .sort((a, b) => byCodePoint(a.path, b.path));
  }

  private fromDisk(key: string): string | undefined {
    const { disk } = this.state;
    if (!disk.has(key)) disk.set(key, this.reader.read(key));
    return disk.get(key);
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
