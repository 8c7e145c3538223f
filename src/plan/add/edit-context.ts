import type { PackageJsonHistory } from "../../edit/json/package-json.js";
import type { EditSession } from "../../edit/shared/session.js";
import type { Problem } from "../../errors.js";
import type { RepoLayout } from "../../render/ci/layout.js";
import type { NormalizedStack } from "../../spec/model.js";
import type { VirtualTree } from "../../tree/tree.js";
import type { Manifest } from "../manifest.js";
import type { GeneratedFile } from "../output.js";
import type { LockStep } from "../python-project.js";
import type { Writes } from "./writes.js";

/** A project about to grow: its manifest, the stack before and after, and the writes held back for it. */
export interface ProjectToGrow {
  tree: VirtualTree;
  manifest: Manifest;
  before: NormalizedStack;
  after: NormalizedStack;
  writes: Writes;
}

/** What a language's edits report back for the plan and the manifest. */
export interface ProjectEdits {
  /** What the edits left to the user. */
  notes: string[];
  warnings: string[];
  installNeeded: boolean;
  nextScripts: string[];
  /** package.json entries the tool has added, when this run added to package.json. */
  packageJson?: PackageJsonHistory;
  /** Python: the project's requirements that leave the new tests no version to run on (the CLI stops unless --force). */
  conflicts?: Problem[];
  /** Python: the lock file to bring up to date after the commit. */
  lock?: LockStep;
}

/** What create renders for a stack, by path. */
export type Rendered = ReadonlyMap<string, string>;

export type When = "before" | "after";

/** What every editor of one run shares, whatever the language. */
export interface EditContext<File> {
  writes: Writes;
  /** The parsed files one run edits (TypeScript or Python), and create's rendering of the stack, parsed. */
  session: EditSession<File>;
  /** Where edits say what they left to the user. */
  notes: string[];
  before: NormalizedStack;
  after: NormalizedStack;
  rendered: Rendered;
  renderedBefore: Rendered;
  /** New files are written like this existing one (the fixtures module), when it is there. */
  newFileStyle: { modelPath: string; inStyleOf(model: File, text: string): string };
  /** Where the stack sits in its repository (its CI file is at the root); the root when not given. */
  layout?: RepoLayout;
}

export function renderedFiles(output: { files: readonly GeneratedFile[] }): Rendered {
  return new Map(output.files.map((file) => [file.path, file.content]));
}

export function renderedText(rendered: Rendered, path: string): string {
  const text = rendered.get(path);
  if (text === undefined) throw new Error(`create renders no ${path} for this stack`);
  return text;
}

/** A file create renders for the stack before or after the growth, parsed to cut pieces from. */
export function renderedSource<File>(context: EditContext<File>, when: When, path: string): File {
  const rendered = when === "after" ? context.rendered : context.renderedBefore;
  return context.session.rendered(`${when}/${path}`, renderedText(rendered, path));
}
