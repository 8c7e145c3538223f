import type { ComposeInventory } from "./compose/model.js";
import type { DependencyFinding } from "./dependencies/evidence.js";
import type { DockerfileInfo } from "./dockerfiles/parse.js";
import type { GithubService } from "./github-actions/parse.js";
import type { ReaderWarning } from "./source.js";

/**
 * Everything step 1 of a migration ("identify") found in a project, for a pure converter to map onto
 * the stack spec and the migration report. Plain JSON: no classes, maps or functions.
 */
export interface ProjectInventory {
  /** Absent when the project has no compose file. */
  compose?: ComposeInventory;
  /** Containers that GitHub Actions workflows start as job `services:`. */
  githubServices: GithubService[];
  /** Services the project's dependencies suggest (used when there is no compose file). */
  dependencies: DependencyFinding[];
  dockerfiles: DockerfileInfo[];
  /** Every reader's warnings, compose first. */
  warnings: ReaderWarning[];
}

export type {
  BuildConfig,
  ComposeInventory,
  ComposeResource,
  ComposeService,
  ComposeVariable,
  Dependency,
  DependencyCondition,
  EnvFile,
  Healthcheck,
  Port,
  ResourceMount,
  ServiceConfig,
  ServiceVolume,
  VariableUser,
} from "./compose/model.js";
export type { DependencyFinding, Evidence } from "./dependencies/evidence.js";
export type { DockerArg, DockerfileInfo, DockerPort, DockerStage } from "./dockerfiles/parse.js";
export type { DockerOptions } from "./github-actions/options.js";
export type { GithubService, GithubServiceConfig } from "./github-actions/parse.js";
export type { KeyEntry, ReaderWarning, SourceLocation } from "./source.js";
