import type { PostgresExtension } from "./catalog/extensions.js";
import type { ServiceKind } from "./catalog/services.js";
import type { CI_PROVIDERS, LANGUAGES } from "./choices.js";
import type { Names } from "./names.js";

/**
 * The normalised stack: defaults applied, names derived, references resolved. Everything after spec/
 * accepts only this type, never the raw spec.
 */
export type Language = (typeof LANGUAGES)[number];
export type CiProvider = (typeof CI_PROVIDERS)[number];

export type ServiceValue = "url" | "host" | "port" | "user" | "password" | "database";

/** A value another service offers: inside containers, its alias and container port. */
export interface ServiceReference {
  service: string;
  value: ServiceValue;
}

export type EnvValue =
  | { name: string; type: "literal"; value: string }
  /** `env://VAR`: a credential read from the caller's environment as a Dagger secret. */
  | { name: string; type: "hostEnv"; variable: string }
  /** A stack-level secret (`stack.secrets`): the same Dagger secret in every container that names it. */
  | { name: string; type: "secret"; secret: string }
  /** A value rebuilt from another service of the stack. */
  | { name: string; type: "service"; reference: ServiceReference };

export type Mount =
  /** A host folder or file. Dagger snapshots it: writes inside never reach the host. */
  | { type: "directory" | "file"; source: string; target: string }
  /** A Dagger cache volume, named per project: package caches that survive between runs. */
  | { type: "cache"; cache: string; target: string }
  /** An empty temporary folder. */
  | { type: "tmpfs"; target: string };

export interface Port {
  container: number;
  host: number;
  protocol: "tcp" | "udp";
}

export interface Healthcheck {
  args: string[];
  /** The single argument is a shell command (compose's CMD-SHELL or a string). */
  shell: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  startInterval?: string;
}

export type DependencyCondition = "started" | "healthy" | "completed";

export interface Dependency {
  service: string;
  condition: DependencyCondition;
  /** Added because the service's env refers to it, not listed in dependsOn: bound, with no URL variable. */
  implicit: boolean;
}

export interface Build {
  context: string;
  dockerfile: string;
  args: { name: string; value: string }[];
  target?: string;
}

export type StackSecret = { name: string; generate: true } | { name: string; fromEnv: string };

export type TestEnvValue =
  | { name: string; type: "service"; reference: ServiceReference }
  | { name: string; type: "secret"; secret: string };

export interface NormalizedService {
  name: string;
  names: Names;
  kind: ServiceKind;
  version?: string;
  /** The pinned image the container starts from (absent for Dockerfile builds). */
  image?: string;
  build?: Build;
  /** Set when the service listens: then it is a Dagger service with a host URL (its primary port). */
  containerPort?: number;
  hostPort?: number;
  /** Ports beyond the primary one: exposed, and tunnelled by `up` on their host ports. */
  extraPorts: Port[];
  database?: string;
  user?: string;
  extensions: PostgresExtension[];
  packages: { apt: string[]; pip: string[] };
  mounts: Mount[];
  command: string[];
  /** Replaces the image's ENTRYPOINT; undefined keeps it. */
  entrypoint?: string[];
  workdir?: string;
  /** The user the container runs as (compose `user`). */
  runAs?: string;
  healthPath?: string;
  /** The service's own readiness check; "none" drops the image's; undefined decides per kind. */
  healthcheck?: Healthcheck | "none";
  /** Everything this one waits for, in the order given: services started, jobs completed. */
  dependsOn: string[];
  dependencies: Dependency[];
  /** A one-shot job: start() runs it to completion after its dependencies and before its dependents. */
  job: boolean;
  env: EnvValue[];
}

export interface MatrixAxis {
  /** Fixture name, e.g. `backend`. */
  name: string;
  names: Names;
  /** Service names the tests run against, once each. */
  targets: string[];
}

export interface NormalizedStack {
  name: string;
  names: Names;
  language: Language;
  services: NormalizedService[];
  /** Services and jobs grouped by start order: each group's dependencies are in earlier groups. */
  startLevels: string[][];
  secrets: StackSecret[];
  /** Environment the stack test run gives the project's own tests. */
  testEnv: TestEnvValue[];
  matrix: MatrixAxis[];
  ci: CiProvider;
  nodeVersions: string[];
  pythonVersions: string[];
  /** Also a Dagger module whose functions return the stack's services (`--module`). */
  module: boolean;
  /** Things normalisation decided for the user, shown in the report. */
  notes: string[];
  /** Choices that work but deserve a second look (a Node line past its end of life), shown as warnings. */
  warnings: string[];
}

export function isService(service: NormalizedService): boolean {
  return service.containerPort !== undefined;
}

export function isJob(service: NormalizedService): boolean {
  return service.job;
}

/** The services this one is bound to (Dagger service bindings): every dependency that is not a job. */
export function boundDependencies(stack: NormalizedStack, service: NormalizedService): Dependency[] {
  return service.dependencies.filter((dependency) => !serviceByName(stack, dependency.service).job);
}

export function serviceByName(stack: NormalizedStack, name: string): NormalizedService {
  const service = stack.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}

/** The protocol a host-side client speaks to this service: a custom image with a port is HTTP or TCP. */
export function protocolOf(
  service: NormalizedService,
): Exclude<NormalizedService["kind"]["protocol"], "none"> | "none" {
  if (service.job) return "none";
  if (service.kind.protocol !== "none" || !isService(service)) return service.kind.protocol;
  return service.healthPath ? "http" : "tcp";
}

/** The URL shape of a service, `{host}` and `{port}` filled in per side. */
export function urlTemplateOf(service: NormalizedService): string {
  return service.kind.url ?? `${protocolOf(service) === "http" ? "http" : "tcp"}://{host}:{port}`;
}
