import type { ComposeService, Evidence, GithubService, ProjectInventory } from "../readers/inventory.js";
import { type ServiceReport, skippedServices } from "../readers/report.js";
import { SERVICE_KINDS } from "../spec/catalog/services.js";
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

export interface SourceOptions {
  /**
   * The project already has a stack: the files it generated, and its smoke tests' clients (pg, redis,
   * asyncpg, ... at the catalog's pins, now in the project's manifests), are not evidence of what the
   * project uses.
   */
  existingStack?: { files: readonly string[] };
}

export function sourcesOf(inventory: ProjectInventory, options: SourceOptions = {}): Sources {
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
  return { services: proposals(inventory.dependencies, options), skipped: [], warnings: [] };
}

/**
 * One service per kind the dependencies suggest, in the catalog's order (not the order files were
 * read, which the stack's own additions would change on a second run).
 */
function proposals(findings: ProjectInventory["dependencies"], options: SourceOptions): SourceService[] {
  const order = SERVICE_KINDS.map((kind) => kind.kind);
  return findings
    .map((finding) => ({
      ...finding,
      evidence: finding.evidence.filter((evidence) => !isStackOwn(evidence, options.existingStack)),
    }))
    .filter((finding) => finding.evidence.length > 0)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map(fromDependency);
}

function isStackOwn(evidence: Evidence, stack: SourceOptions["existingStack"]): boolean {
  return stack !== undefined && (stack.files.includes(evidence.at.file) || isStackClient(evidence));
}

/** A client the generated smoke tests install, at the catalog's pin: `redis 6.3.1`, `asyncpg==0.32.0`. */
function isStackClient(evidence: Evidence): boolean {
  return SERVICE_KINDS.some((kind) =>
    [
      ...Object.entries(kind.npmClient ?? {}).map(([name, version]) => `${name} ${version}`),
      ...Object.entries(kind.pipClient ?? {}).map(([name, version]) => `${name}==${version}`),
    ].includes(evidence.detail),
  );
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
      // Without line numbers: the stack's own additions to package.json or pyproject.toml move lines.
      evidence: finding.evidence.map((evidence) => `${evidence.at.file}: ${evidence.detail}`),
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
