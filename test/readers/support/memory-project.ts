import { posix } from "node:path";
import type { ProjectFiles } from "../../../src/readers/project-files.js";

/** A project held in memory: paths relative to its root, `/` separators; folders are implied by files. */
export function memoryProject(files: Readonly<Record<string, string>>): ProjectFiles {
  const paths = Object.keys(files).map((path) => posix.normalize(path));
  const isFolder = (folder: string) => folder === "." || paths.some((path) => path.startsWith(`${folder}/`));
  return {
    read: (path) => files[posix.normalize(path)],
    kind: (path) => {
      const normalized = posix.normalize(path);
      if (normalized in files) return "file";
      return isFolder(normalized) ? "folder" : "missing";
    },
    list: (folder) => {
      const prefix = posix.normalize(folder) === "." ? "" : `${posix.normalize(folder)}/`;
      const names = new Map<string, "file" | "folder">();
      for (const path of paths.filter((candidate) => candidate.startsWith(prefix))) {
        const [name = "", ...rest] = path.slice(prefix.length).split("/");
        names.set(name, rest.length > 0 ? "folder" : "file");
      }
      return [...names]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, kind]) => ({
          name,
          kind,
          size: kind === "file" ? (files[`${prefix}${name}`] ?? "").length : 0,
        }));
    },
  };
}
