import { UsageError } from "../../errors.js";
import { parseLocatedYaml } from "../located-yaml.js";
import type { ProjectFiles } from "../project-files.js";
import type { ReaderWarning } from "../source.js";
import { type GithubService, workflowServices } from "./parse.js";

export type { GithubService, GithubServiceConfig } from "./parse.js";

/**
 * Reads `.github/workflows/*.yml|yaml`. A workflow that does not parse is a warning, not an error: it is
 * not the input migrate converts first, and GitHub would have rejected it already.
 */
const WORKFLOWS = ".github/workflows";

export interface GithubActionsResult {
  services: GithubService[];
  warnings: ReaderWarning[];
}

export function readGithubServices(project: ProjectFiles): GithubActionsResult {
  const warnings: ReaderWarning[] = [];
  const services = project
    .list(WORKFLOWS)
    .filter((entry) => entry.kind === "file" && /\.ya?ml$/.test(entry.name))
    .flatMap((entry) => servicesIn(project, `${WORKFLOWS}/${entry.name}`, warnings));
  return { services, warnings };
}

function servicesIn(project: ProjectFiles, file: string, warnings: ReaderWarning[]): GithubService[] {
  const text = project.read(file) ?? "";
  try {
    return parseLocatedYaml(text, file, "").flatMap((document) => workflowServices(document, warnings));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const [problem] = error.problems;
    warnings.push({
      reader: "github-actions",
      code: "workflow-unreadable",
      message: `${problem?.path ?? file}: ${problem?.message ?? "not valid YAML"}; its services are not read`,
    });
    return [];
  }
}
