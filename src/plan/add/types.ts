import type { MergeOptions } from "../../edit/json/package-json.js";
import type { PythonParser } from "../../edit/python/parser.js";
import type { Problem } from "../../errors.js";
import type { RenderContext } from "../../render/context.js";
import type { StackSpecInput } from "../../spec/schema.js";
import type { LockStep } from "../python-project.js";

export type ServiceInput = StackSpecInput["services"][number];

export type AddRequest =
  /** `add <kind> [--name] [--version] [--port] [--extension ...] [--depends-on ...] [--matrix <axis>]`; name defaults to kind. */
  | { type: "service"; service: Omit<ServiceInput, "name"> & { name?: string }; matrix?: string }
  /** `add extension <service> <extension>`. */
  | { type: "extension"; service: string; extension: string };

export interface AddPlan {
  /** What this run added, e.g. "service redis (redis)"; empty when everything asked for was already there. */
  added: string[];
  notes: string[];
  warnings: string[];
  /** package.json gained dependencies: the package manager should install them. */
  installNeeded: boolean;
  nextScripts: string[];
  /** Python: the project's requirements that leave the new tests no version to run on (the CLI stops unless --force). */
  conflicts?: Problem[];
  /** Python: the lock file to bring up to date after the commit. */
  lock?: LockStep;
}

/** What planning needs besides the tree: Python's parser for a Python stack (loaded asynchronously, once),
 * the facts about the project create rendered with (its package manager), so add renders the same, and
 * `--upgrade-deps` (raise the user's typescript or vitest range when it allows versions too old). */
export interface AddParsers extends MergeOptions {
  python?: PythonParser;
  context?: RenderContext;
}
