import type { GeneratedFile } from "../../plan/output.js";
import type { CiProvider } from "../../spec/model.js";
import { githubWorkflow, githubWorkflowPath } from "./github.js";
import { gitlabJobsPath, gitlabPipeline } from "./gitlab.js";
import { fromStack, type RepoLayout, ROOT_LAYOUT } from "./layout.js";
import type { CiModel } from "./model.js";

export { GITLAB_PIPELINE_PATH, gitlabJobsPath } from "./gitlab.js";
export { fromRoot, fromStack, type RepoLayout, ROOT_LAYOUT } from "./layout.js";

const PROVIDERS = {
  github: { path: githubWorkflowPath, render: githubWorkflow },
  gitlab: { path: gitlabJobsPath, render: gitlabPipeline },
} as const;

/** The stack's CI file, at a path from the stack's folder (it lives at the repository's root). */
export function ciFiles(
  provider: CiProvider,
  model: CiModel,
  layout: RepoLayout = ROOT_LAYOUT,
): GeneratedFile[] {
  if (provider === "none") return [];
  const { path, render } = PROVIDERS[provider];
  return [{ path: fromStack(layout, path(layout)), content: render(model, layout) }];
}

/** Where ciFiles() puts the CI file, from the stack's folder. */
export function ciPath(provider: CiProvider, layout: RepoLayout = ROOT_LAYOUT): string | undefined {
  return provider === "none" ? undefined : fromStack(layout, PROVIDERS[provider].path(layout));
}

/** The CI file from the repository's root, as docs name it. */
export function ciRootPath(provider: CiProvider, layout: RepoLayout = ROOT_LAYOUT): string | undefined {
  return provider === "none" ? undefined : PROVIDERS[provider].path(layout);
}
