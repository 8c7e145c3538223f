import { closeSync, openSync, readdirSync, readFileSync, readSync } from "node:fs";
import { dirname, join } from "node:path";
import { isMissing } from "../tree/disk.js";
import { FIRST_LINE_FILES, type FolderFiles, type ProjectFiles, READ_FILES } from "./files.js";

/** The thin reader: lists the target and its parents up to the git root, reading only the few files detection needs. */
export function readProjectFiles(target: string, userAgent?: string): ProjectFiles {
  const folders: FolderFiles[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const folder = readFolder(dir);
    folders.push(folder);
    if (folder.entries.includes(".git") || dirname(dir) === dir) break;
  }
  const tests = folders[0]?.entries.includes("tests") ? list(join(target, "tests")) : undefined;
  const testModules = tests?.filter((name) => name.endsWith(".py")).sort();
  return { target, folders, userAgent, ...(testModules && { testModules }) };
}

function readFolder(dir: string): FolderFiles {
  const entries = list(dir);
  const present = entries ?? [];
  const files: Record<string, string> = {};
  for (const name of READ_FILES) {
    const text = present.includes(name) ? readText(join(dir, name)) : undefined;
    if (text !== undefined) files[name] = text;
  }
  for (const name of FIRST_LINE_FILES) {
    const line = present.includes(name) ? readFirstLine(join(dir, name)) : undefined;
    if (line !== undefined) files[name] = line;
  }
  const workflows = present.includes(".github") ? (list(join(dir, ".github", "workflows")) ?? []) : [];
  return { dir, exists: entries !== undefined, entries: present, files, workflows };
}

function list(dir: string): string[] | undefined {
  try {
    return readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error) || code === "EACCES" || code === "ENOTDIR") return undefined;
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

/** The first line of a file that may be large (a lock file), from its first few hundred bytes. */
function readFirstLine(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const buffer = Buffer.alloc(512);
    const read = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString("utf8").split("\n", 1)[0];
  } catch (error) {
    if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") return undefined;
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
