import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { MANIFEST_PATH, type Manifest, type ManifestState, manifestState } from "../../plan/manifest.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { lastValueOf, type ParsedArgs } from "../argv.js";
import { displayPath } from "../create/target.js";
import { ADD_DIR } from "../options/add-options.js";

/**
 * The stack `add` grows: the folder given with --dir, or the current one (add's positionals name what to
 * add, so the folder cannot be one). It must hold the manifest create-dagger-stack wrote.
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
  const target = resolve(cwd, dir ?? ".");
  const shown = displayPath(cwd, target);
  if (dir !== undefined) await requireFolder(target, dir);
  const state = manifestState(new VirtualTree(diskReader(target)));
  if (state.kind !== "ours") throw noManifest(shown, dir, state);
  return { target, shown, manifest: state.manifest, dir };
}

async function requireFolder(target: string, dir: string): Promise<void> {
  const stats = await stat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw error;
  });
  if (stats?.isDirectory()) return;
  throw new UsageError({
    path: `--dir ${dir}`,
    message: stats ? "is a file, not a folder" : "no such folder",
    hint: "give the folder create-dagger-stack generated the stack in (it holds dagger-stack.json)",
  });
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
        : `not found in ${folderName({ shown })}`,
    hint: `run create-dagger-stack first, then add services to the stack it generates${
      dir === undefined ? "; or point --dir at the stack's folder" : ""
    }`,
  });
}
