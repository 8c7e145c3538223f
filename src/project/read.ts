import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { isMissing } from "../tree/disk.js";
import { type FolderFiles, type ProjectFiles, READ_FILES } from "./files.js";

/** The thin reader: lists the target and its parents up to the git root, reading only the few files detection needs. */
export function readProjectFiles(target: string, userAgent?: string): ProjectFiles {
  const folders: FolderFiles[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const folder = readFolder(dir);
    folders.push(folder);
    if (folder.entries.includes(".git") || dirname(dir) === dir) break;
  }
  return { target, folders, userAgent };
}

function readFolder(dir: string): FolderFiles {
  const entries = list(dir);
  const present = entries ?? [];
  const files: Record<string, string> = {};
  for (const name of READ_FILES) {
    const text = present.includes(name) ? readText(join(dir, name)) : undefined;
    if (text !== undefined) files[name] = text;
  }
  const workflows = present.includes(".github") ? (list(join(dir, ".github", "workflows")) ?? []) : [];
  return { dir, exists: entries !== undefined, entries: present, files, workflows };
}

function list(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EACCES") return undefined;
    throw error;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
    throw error;
  }
}
