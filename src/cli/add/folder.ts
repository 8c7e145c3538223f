import { existsSync, type Stats, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { MANIFEST_PATH, type Manifest, type ManifestState, manifestState } from "../../plan/manifest.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { lastValueOf, type ParsedArgs } from "../argv.js";
import { displayPath } from "../create/target.js";
import { ADD_DIR } from "../options/add-options.js";

/**
 * The stack `add` grows: the folder given with --dir, or else the nearest folder from the current one up
 * that holds dagger-stack.json, as git finds its repository from a subfolder; the search stops at the
 * repository's root (the folder with .git). add's positionals name what to add, so they cannot be the folder.
 */
export interface StackFolder {
  target: string;
  /** How the folder is shown: relative to the current folder when below it. */
  shown: string;
  manifest: Manifest;
  /** The --dir value as typed, for repeating the command. */
  dir?: string;
}

export async function openStackFolder(parsed: ParsedArgs, cwd: string): Promise<StackFolder> {
  const dir = lastValueOf(parsed, ADD_DIR);
  if (dir !== undefined) await requireFolder(resolve(cwd, dir), dir);
  const found = dir === undefined ? findStackFolder(cwd) : undefined;
  const target = found ?? resolve(cwd, dir ?? ".");
  // A stack found above is shown as the way up to it: `../..`.
  const shown = found && found !== resolve(cwd) ? relative(cwd, found) : displayPath(cwd, target);
  const state = manifestState(new VirtualTree(diskReader(target)));
  if (state.kind !== "ours") throw noManifest(shown, dir, state);
  return { target, shown, manifest: state.manifest, dir };
}

/** The nearest folder from `start` up holding dagger-stack.json, not above the git repository's root. */
function findStackFolder(start: string): string | undefined {
  for (let folder = resolve(start); ; folder = dirname(folder)) {
    if (existsSync(join(folder, MANIFEST_PATH))) return folder;
    if (existsSync(join(folder, ".git")) || dirname(folder) === folder) return undefined;
  }
}

async function requireFolder(target: string, dir: string): Promise<void> {
  const stats = statOrMissing(target);
  if (stats?.isDirectory()) return;
  throw new UsageError({
    path: `--dir ${dir}`,
    message: stats ? "is a file, not a folder" : "no such folder",
    hint: "give the folder create-dagger-stack generated the stack in (it holds dagger-stack.json)",
  });
}

function statOrMissing(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    throw error;
  }
}

/** The folder in a sentence: "the current folder" rather than ".". */
export function folderName({ shown }: Pick<StackFolder, "shown">): string {
  return shown === "." ? "the current folder" : shown;
}

function noManifest(
  shown: string,
  dir: string | undefined,
  state: Exclude<ManifestState, { kind: "ours" }>,
): UsageError {
  const path = dir === undefined ? MANIFEST_PATH : `${MANIFEST_PATH} (--dir ${dir})`;
  if (state.kind === "damaged") {
    return new UsageError({
      path,
      message: `${state.problem}: the stack's manifest is damaged`,
      hint: `restore it from version control (git checkout -- ${MANIFEST_PATH}) or fix the JSON, then run again`,
    });
  }
  return new UsageError({
    path,
    message:
      state.kind === "foreign"
        ? `${state.problem}, so ${folderName({ shown })} holds no stack to add to`
        : `not found in ${folderName({ shown })}${dir === undefined ? " or the folders above it (up to the git repository's root)" : ""}`,
    hint: `run create-dagger-stack first, then add services to the stack it generates${
      dir === undefined ? "; or point --dir at the stack's folder" : ""
    }`,
  });
}
