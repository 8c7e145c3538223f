import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { isMissing } from "../tree/disk.js";

/**
 * The readers' only access to the project: paths are relative to the project folder with `/`
 * separators. Tests may hand the readers any other implementation; readProject() uses the disk.
 */
export interface ProjectFiles {
  /** A file's text; undefined when it does not exist or is not a file. */
  read(path: string): string | undefined;
  kind(path: string): "file" | "folder" | "missing";
  /** The entries of a folder, sorted by name; empty when it does not exist. */
  list(folder: string): ProjectEntry[];
}

export interface ProjectEntry {
  name: string;
  kind: "file" | "folder";
  size: number;
}

export function diskProjectFiles(root: string): ProjectFiles {
  return {
    read(path) {
      try {
        return readFileSync(join(root, path), "utf8");
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
        throw error;
      }
    },
    kind(path) {
      try {
        const stats = statSync(join(root, path));
        return stats.isDirectory() ? "folder" : stats.isFile() ? "file" : "missing";
      } catch (error) {
        if (isMissing(error)) return "missing";
        throw error;
      }
    },
    list(folder) {
      try {
        return readdirSync(join(root, folder), { withFileTypes: true })
          .filter((entry) => entry.isFile() || entry.isDirectory())
          .map((entry) => ({
            name: entry.name,
            kind: entry.isDirectory() ? ("folder" as const) : ("file" as const),
            size: entry.isFile() ? statSync(join(root, folder, entry.name)).size : 0,
          }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        if (isMissing(error)) return [];
        throw error;
      }
    },
  };
}
