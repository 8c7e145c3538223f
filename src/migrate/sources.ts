import type { ComposeService, GithubService, ProjectInventory } from "../readers/inventory.js";
import { type ServiceReport, skippedServices } from "../readers/report.js";
import type { SourceService } from "./model.js";

/**
 * Where the stack's services come from, in order of what tells most: the compose files; else the
 * services GitHub Actions jobs start; else the project's dependencies. The sources not used are named in
 * warnings, so nothing found is passed over silently.
 */
export interface Sources {
  services: SourceService[];
  /** Services compose skips (profiles not selected). */
  skipped: ServiceReport[];
  warnings: string[];
}

export function sourcesOf(inventory: ProjectInventory): Sources {
  const compose = inventory.compose;
  if (compose) {
    return {
      services: compose.services.filter((service) => service.status === "active").map(fromCompose),
      skipped: skippedServices(compose),
      warnings: [...unusedWorkflowServices(inventory, compose.files[0] ?? "compose.yaml")],
    };
  }
  if (inventory.githubServices.length > 0) {
    return { services: fromWorkflows(inventory.githubServices), skipped: [], warnings: [] };
  }
  return { services: inventory.dependencies.map(fromDependency), skipped: [], warnings: [] };
}

function fromCompose(service: ComposeService): SourceService {
  return {
    name: service.name,
    origin: "compose",
    file: service.declaredAt.file,
    keys: service.keys.map((key) => key.key),
    config: service.config,
  };
}

/**
 * One service per name across jobs: the same name and image in two jobs is one container; the same
 * name with another image is a second service, named after its job.
 */
function fromWorkflows(services: readonly GithubService[]): SourceService[] {
  const byName = new Map<string, GithubService>();
  const result: SourceService[] = [];
  for (const service of services) {
    const first = byName.get(service.name);
    if (first && first.config.image === service.config.image) continue;
    const name = first ? `${service.name}-${service.job}` : service.name;
    byName.set(name, service);
    result.push(fromWorkflow(service, name));
  }
  return result;
}

function fromWorkflow(service: GithubService, name: string): SourceService {
  const { env, options, credentials: _, ...rest } = service.config;
  const source: SourceService = {
    name,
    origin: "github-actions",
    file: service.workflow,
    keys: service.keys.map((key) => key.key),
    config: { ...rest, ...(env && { environment: env }) },
  };
  if (options) source.options = options;
  if (service.matrix) source.matrix = service.matrix;
  return source;
}

function fromDependency(finding: ProjectInventory["dependencies"][number]): SourceService {
  const first = finding.evidence[0]?.at.file ?? "package.json";
  return {
    name: finding.kind,
    origin: "dependencies",
    file: first,
    keys: [],
    config: {},
    proposal: {
      kind: finding.kind,
      extensions: finding.extensions ?? [],
      evidence: finding.evidence.map(
        (evidence) => `${evidence.at.file}:${evidence.at.line}: ${evidence.detail}`,
      ),
    },
  };
}

function unusedWorkflowServices(inventory: ProjectInventory, composeFile: string): string[] {
  const jobs = new Map<string, string[]>();
  for (const service of inventory.githubServices) {
    const job = `${service.workflow}: job ${service.job}`;
    jobs.set(job, [...(jobs.get(job) ?? []), service.name]);
  }
  return [...jobs].map(
    ([job, names]) =>
      `${job} starts ${names.join(", ")} as job services; the stack comes from ${composeFile}, and CI moves onto it in step 4`,
  );
}
