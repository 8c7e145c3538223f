import type { ProjectOutput } from "../plan/output.js";
import type { Language, NormalizedStack } from "../spec/model.js";
import { DEFAULT_CONTEXT, type RenderContext } from "./context.js";
import { renderPythonProject } from "./python/index.js";
import { renderTypeScriptProject } from "./typescript/index.js";

const RENDERERS: Record<Language, (stack: NormalizedStack, context: RenderContext) => ProjectOutput> = {
  typescript: renderTypeScriptProject,
  // Python's one fact about the project, where dev dependencies go, is read by plan/python-project.ts.
  python: (stack) => renderPythonProject(stack),
};

export function renderProject(
  stack: NormalizedStack,
  context: RenderContext = DEFAULT_CONTEXT,
): ProjectOutput {
  return RENDERERS[stack.language](stack, context);
}
