import type { ProjectOutput } from "../plan/output.js";
import type { Language, NormalizedStack } from "../spec/model.js";
import { DEFAULT_CONTEXT, type RenderContext } from "./context.js";
import { DEFAULT_SETUP, pluginConftest, renderPythonProject } from "./python/index.js";
import { renderTypeScriptProject } from "./typescript/index.js";

const RENDERERS: Record<Language, (stack: NormalizedStack, context: RenderContext) => ProjectOutput> = {
  typescript: renderTypeScriptProject,
  // Where Python's dev dependencies go is read from the project's files by plan/python-project.ts, which
  // renders the files that depend on it (CI, docs) again with it.
  python: (stack, context) =>
    renderPythonProject(
      stack,
      { ...DEFAULT_SETUP, conftest: pluginConftest(context.testModules) },
      context.layout,
    ),
};

export function renderProject(
  stack: NormalizedStack,
  context: RenderContext = DEFAULT_CONTEXT,
): ProjectOutput {
  return RENDERERS[stack.language](stack, context);
}
