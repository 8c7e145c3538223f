import type { ProjectOutput } from "../plan/output.js";
import type { Language, NormalizedStack } from "../spec/model.js";
import { renderPythonProject } from "./python/index.js";
import { renderTypeScriptProject } from "./typescript/index.js";

const RENDERERS: Partial<Record<Language, (stack: NormalizedStack) => ProjectOutput>> = {
  typescript: renderTypeScriptProject,
  python: renderPythonProject,
};

export const RENDERED_LANGUAGES = Object.keys(RENDERERS) as Language[];

export function renderProject(stack: NormalizedStack): ProjectOutput {
  const render = RENDERERS[stack.language];
  if (!render) throw new Error(`no renderer for ${stack.language}: validateSpec() must reject it`);
  return render(stack);
}
