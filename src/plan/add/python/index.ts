import { inStyleOf } from "../../../edit/python/file.js";
import type { PythonParser } from "../../../edit/python/parser.js";
import { PyEditSession } from "../../../edit/python/session.js";
import type { RenderContext } from "../../../render/context.js";
import { DEFAULT_SETUP, pythonCommands } from "../../../render/python/ci.js";
import { renderPythonProject } from "../../../render/python/index.js";
import { COMMANDS, PY_PATHS, pythonNames } from "../../../render/python/names.js";
import { lockStep, pythonSetup } from "../../python-project.js";
import { type ProjectEdits, type ProjectToGrow, renderedFiles } from "../edit-context.js";
import { growCode } from "../grow-code.js";
import type { PyContext } from "./context.js";
import { growDevDependencies } from "./dev-dependencies.js";
import { addExtensionCode } from "./extension.js";
import { addMatrixCode } from "./matrix.js";
import { addServiceCode } from "./service.js";

/**
 * `add` on a Python stack: the same growth as for TypeScript, applied by structured edits of the Python
 * source, parsed with tree-sitter. Every new piece is cut from what create renders for the grown stack,
 * so add and create cannot drift apart. Then the dev dependencies the new tests need.
 */
export function editPythonProject(
  project: ProjectToGrow,
  parser: PythonParser,
  renderContext?: RenderContext,
): ProjectEdits {
  const { tree, writes, before, after } = project;
  const tool = renderContext?.pythonTool ?? DEFAULT_SETUP.tool;
  const setup = pythonSetup(tree, tool, renderContext?.testModules);
  const layout = renderContext?.layout;
  const session = new PyEditSession(parser, (path) => writes.read(path));
  try {
    const context: PyContext = {
      writes,
      session,
      notes: [],
      names: pythonNames(after),
      before,
      after,
      rendered: renderedFiles(renderPythonProject(after, setup, layout)),
      renderedBefore: renderedFiles(renderPythonProject(before, setup, layout)),
      newFileStyle: { modelPath: PY_PATHS.fixtures, inStyleOf },
      layout,
    };
    growCode(context, {
      addService: addServiceCode,
      addExtension: addExtensionCode,
      addMatrix: addMatrixCode,
      docPath: PY_PATHS.doc,
    });
    const dependencies = growDevDependencies(writes, setup, before, after);
    const commands = pythonCommands(setup);
    const lock = dependencies.added ? lockStep(setup) : undefined;
    return {
      notes: context.notes,
      warnings: dependencies.warnings,
      conflicts: dependencies.conflicts,
      ...(lock && { lock }),
      installNeeded: dependencies.added,
      nextScripts: [
        ...(dependencies.added ? commands.update : []),
        `dagger run ${commands.run(COMMANDS.test)}`,
      ],
    };
  } finally {
    session.dispose();
  }
}
