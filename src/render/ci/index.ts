import type { GeneratedFile } from "../../plan/output.js";
import type { CiProvider } from "../../spec/model.js";
import { GITHUB_WORKFLOW_PATH, githubWorkflow } from "./github.js";
import { GITLAB_CI_PATH, gitlabPipeline } from "./gitlab.js";
import type { CiModel } from "./model.js";

const PROVIDERS = {
  github: { path: GITHUB_WORKFLOW_PATH, render: githubWorkflow },
  gitlab: { path: GITLAB_CI_PATH, render: gitlabPipeline },
} as const;

export function ciFiles(provider: CiProvider, model: CiModel): GeneratedFile[] {
  if (provider === "none") return [];
  const { path, render } = PROVIDERS[provider];
  return [{ path, content: render(model) }];
}

export function ciPath(provider: CiProvider): string | undefined {
  return provider === "none" ? undefined : PROVIDERS[provider].path;
}
