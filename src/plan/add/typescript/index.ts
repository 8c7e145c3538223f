import type { MergeOptions } from "../../../edit/json/package-json.js";
import { inStyleOf } from "../../../edit/typescript/file.js";
import { TsEditSession } from "../../../edit/typescript/session.js";
import type { RenderContext } from "../../../render/context.js";
import { renderProject } from "../../../render/index.js";
import { PATHS, SCRIPTS, typeScriptNames } from "../../../render/typescript/names.js";
import { type ProjectEdits, type ProjectToGrow, renderedFiles } from "../edit-context.js";
import { growCode } from "../grow-code.js";
import type { TsContext } from "./context.js";
import { addExtensionCode } from "./extension.js";
import { addMatrixCode } from "./matrix.js";
import { growPackageJson } from "./package-json.js";
import { addServiceCode } from "./service.js";

/**
 * `add` on a TypeScript stack: ts-morph edits of the project's code, each new piece cut from what
 * create renders for the grown stack, then the package.json entries the new code needs.
 */
export function editTypeScriptProject(
  project: ProjectToGrow,
  renderContext?: RenderContext,
  options: MergeOptions = {},
): ProjectEdits {
  const { writes, before, after, manifest } = project;
  const output = renderProject(after, renderContext);
  const context: TsContext = {
    writes,
    notes: [],
    session: new TsEditSession((path) => writes.read(path)),
    names: typeScriptNames(after),
    before,
    after,
    rendered: renderedFiles(output),
    renderedBefore: renderedFiles(renderProject(before, renderContext)),
    newFileStyle: { modelPath: PATHS.fixtures, inStyleOf },
    layout: renderContext?.layout,
  };
  growCode(context, {
    addService: addServiceCode,
    addExtension: addExtensionCode,
    addMatrix: addMatrixCode,
    docPath: PATHS.doc,
  });
  const pkg = growPackageJson(writes, after, output, manifest.packageJson, options);
  return {
    notes: [...context.notes, ...(pkg?.notes ?? [])],
    warnings: pkg?.warnings ?? [],
    installNeeded: pkg?.installNeeded ?? false,
    nextScripts: [SCRIPTS.typecheck, SCRIPTS.test],
    packageJson: pkg?.history,
  };
}
