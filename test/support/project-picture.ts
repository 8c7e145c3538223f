import { describeProject } from "../../src/project/describe.js";
import { FIRST_LINE_FILES, type FolderFiles, READ_FILES } from "../../src/project/files.js";
import { type ProjectPicture, renderContextOf } from "../../src/project/index.js";
import type { RenderContext } from "../../src/render/context.js";

const TARGET = "/project";

/**
 * The picture readProject() would take of a folder holding `files` (path → text), by the same pure
 * description: what in-memory plans get as their input, as the CLI hands it to them.
 */
export function pictureOf(files: Readonly<Record<string, string>>): ProjectPicture {
  const paths = Object.keys(files);
  const entries = [...new Set(paths.map((path) => path.split("/")[0] as string))];
  const read: Record<string, string> = {};
  for (const name of READ_FILES) if (files[name] !== undefined) read[name] = files[name];
  for (const name of FIRST_LINE_FILES)
    if (files[name] !== undefined) read[name] = files[name].split("\n", 1)[0] as string;
  const workflows = paths.flatMap((path) => /^\.github\/workflows\/([^/]+)$/.exec(path)?.[1] ?? []);
  const folder: FolderFiles = { dir: TARGET, exists: true, entries, files: read, workflows };
  const tests = paths.flatMap((path) => /^tests\/([^/]+\.py)$/.exec(path)?.[1] ?? []);
  const hasTests = paths.some((path) => path.startsWith("tests/"));
  return describeProject({ target: TARGET, folders: [folder], ...(hasTests && { testModules: tests }) });
}

/** The render context the CLI would give a plan in a folder holding `files`. */
export function contextOf(files: Readonly<Record<string, string>>): RenderContext {
  return renderContextOf(pictureOf(files));
}
