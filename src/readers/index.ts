import type { ComposeReadOptions } from "./compose/index.js";
import { readCompose } from "./compose/index.js";
import type { ComposeInventory } from "./compose/model.js";
import { readDependencies } from "./dependencies/index.js";
import { type BuildReference, readDockerfiles } from "./dockerfiles/index.js";
import { readGithubServices } from "./github-actions/index.js";
import type { ProjectInventory } from "./inventory.js";
import { diskProjectFiles, type ProjectFiles } from "./project-files.js";

export type { ComposeReadOptions } from "./compose/index.js";
export type * from "./inventory.js";
export type { ProjectFiles } from "./project-files.js";

/**
 * Step 1 of a migration: reads what a project already has (compose files, workflow services, dependency
 * manifests, Dockerfiles) into one inventory. Reading only: nothing is written, and nothing here decides
 * what the stack becomes. Invalid compose input is a UsageError naming the file, the service and the key.
 */
export function readProject(dir: string, options: ComposeReadOptions = {}): ProjectInventory {
  return readProjectFiles(diskProjectFiles(dir), options);
}

export function readProjectFiles(project: ProjectFiles, options: ComposeReadOptions = {}): ProjectInventory {
  const compose = readCompose(project, options);
  const github = readGithubServices(project);
  const dependencies = readDependencies(project);
  const dockerfiles = readDockerfiles(project, buildReferences(compose?.inventory));
  const inventory: ProjectInventory = {
    githubServices: github.services,
    dependencies: dependencies.findings,
    dockerfiles: dockerfiles.dockerfiles,
    warnings: [
      ...(compose?.warnings ?? []),
      ...github.warnings,
      ...dependencies.warnings,
      ...dockerfiles.warnings,
    ],
  };
  if (compose) inventory.compose = compose.inventory;
  return inventory;
}

function buildReferences(compose: ComposeInventory | undefined): BuildReference[] {
  return (compose?.services ?? []).flatMap((service) => {
    const build = service.config.build;
    if (!build || build.context.includes("://") || build.dockerfile_inline !== undefined) return [];
    const reference: BuildReference = { service: service.name, context: build.context };
    if (build.dockerfile) reference.dockerfile = build.dockerfile;
    return [reference];
  });
}
