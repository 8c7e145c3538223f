import type { PythonParser } from "../../edit/python/parser.js";
import { UsageError } from "../../errors.js";
import { loadStack } from "../../spec/load.js";
import { toSpec } from "../../spec/to-spec.js";
import type { VirtualTree } from "../../tree/tree.js";
import { MANIFEST_PATH, type Manifest, readManifest, TOOL_NAME } from "../manifest.js";
import type { ProjectEdits, ProjectToGrow } from "./edit-context.js";
import { growSpec } from "./grow-spec.js";
import { editPythonProject } from "./python/index.js";
import type { AddParsers, AddPlan, AddRequest } from "./types.js";
import { editTypeScriptProject } from "./typescript/index.js";
import { Writes } from "./writes.js";

export type { AddParsers, AddPlan, AddRequest } from "./types.js";

/**
 * `add`: grows a generated stack by editing its code in place, keeping what its owners wrote. The grown
 * spec (the manifest's spec plus the request) goes through loadStack(), so bad input fails exactly as
 * in `create`. Every new piece of code is cut from what create renders for the grown stack. Pure: all
 * reads go through the tree, and the tree is written only once every edit has succeeded.
 */
export function planAdd(
  request: AddRequest,
  tree: VirtualTree,
  toolVersion: string,
  parsers: AddParsers = {},
): AddPlan {
  const manifest = requireManifest(tree);
  const before = loadStack(manifest.spec, MANIFEST_PATH);
  const growth = growSpec(manifest.spec, request);
  if (growth.added.length === 0) return nothingToAdd(growth.present);
  const after = loadStack(growth.spec, "add");
  const writes = new Writes(tree, manifest);
  const edits = editProject({ tree, manifest, before, after, writes }, parsers);
  writes.flush(
    {
      tool: { name: TOOL_NAME, version: toolVersion },
      spec: toSpec(after),
      packageJson: edits.packageJson ?? manifest.packageJson,
    },
    manifest,
  );
  return {
    added: growth.added,
    notes: [...after.notes, ...edits.notes],
    warnings: edits.warnings,
    installNeeded: edits.installNeeded,
    nextScripts: edits.nextScripts,
    ...(edits.conflicts && { conflicts: edits.conflicts }),
    ...(edits.lock && { lock: edits.lock }),
  };
}

function requireManifest(tree: VirtualTree): Manifest {
  const manifest = readManifest(tree);
  if (manifest) return manifest;
  throw new UsageError({
    path: MANIFEST_PATH,
    message: "not found (or not a create-dagger-stack manifest) in this folder",
    hint: "run create-dagger-stack first, then add services to the stack it generates",
  });
}

function nothingToAdd(present: readonly string[]): AddPlan {
  return {
    added: [],
    notes: [`already there: ${present.join(", ")}; nothing to change`],
    warnings: [],
    installNeeded: false,
    nextScripts: [],
  };
}

function editProject(project: ProjectToGrow, { python, context, upgradeDeps }: AddParsers): ProjectEdits {
  if (project.after.language !== "python") return editTypeScriptProject(project, context, { upgradeDeps });
  return editPythonProject(project, requirePythonParser(python), context);
}

function requirePythonParser(python: PythonParser | undefined): PythonParser {
  if (python) return python;
  throw new Error("planAdd needs the Python parser for a Python stack: pass loadPythonParser()'s");
}
