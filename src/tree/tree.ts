import { byCodePoint } from "../util/compare.js";

/**
 * A virtual file tree over the target folder. Planners read and write here; nothing touches the disk until
 * commit.ts flushes the changes. Paths are POSIX, relative to the target root.
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

/**
 * Each path is read from disk once: the planner and `changes()` see the same snapshot, so a file saved
 * while the run plans shows up at commit as changed, instead of slipping into `before`.
 */
export class VirtualTree {
  private readonly writes = new Map<string, Pending>();
  private readonly disk = new Map<string, string | undefined>();

  constructor(private readonly reader: FileReader) {}

  read(path: string): string | undefined {
    const key = normalizePath(path);
    const pending = this.writes.get(key);
    return pending ? pending.content : this.fromDisk(key);
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  /** What is on disk, ignoring writes made in this tree. */
  original(path: string): string | undefined {
    return this.fromDisk(normalizePath(path));
  }

  write(path: string, content: string, mode: WriteMode = "generated"): void {
    this.writes.set(normalizePath(path), { content, mode });
  }

  /** Removes a file; a later write brings it back. Deleting what is not on disk changes nothing. */
  delete(path: string): void {
    this.writes.set(normalizePath(path), { mode: "generated" });
  }

  /** Every write that changes something, in path order; a write identical to the disk is dropped. */
  changes(): FileChange[] {
    return [...this.writes.entries()]
      .map(([path, { content, mode }]): FileChange | undefined => {
        const before = this.fromDisk(path);
        if (before === content) return undefined;
        if (content === undefined) return { path, mode, content: "", before, type: "delete" };
        return { path, mode, content, before, type: before === undefined ? "create" : "update" };
      })
      .filter((change): change is FileChange => change !== undefined)
      .sort((a, b) => byCodePoint(a.path, b.path));
  }

  private fromDisk(path: string): string | undefined {
    if (!this.disk.has(path)) this.disk.set(path, this.reader.read(path));
    return this.disk.get(path);
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

/** A reader over an in-memory map, for tests and for planning on top of another plan. */
export function memoryReader(files: Readonly<Record<string, string>>): FileReader {
  return { read: (path) => files[path] };
}
