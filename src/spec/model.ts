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

export interface EnvValue {
  name: string;
  /** A literal, or `fromHostEnv` for a credential read from the caller's environment as a Dagger secret. */
  value: string;
  fromHostEnv: boolean;
}

/** A host folder mounted into a container. Dagger snapshots it: writes inside never reach the host. */
export interface Mount {
  source: string;
  target: string;
}

export interface NormalizedService {
  name: string;
  names: Names;
  kind: ServiceKind;
  version?: string;
  /** The pinned image the container starts from (absent for Dockerfile builds). */
  image?: string;
  build?: { context: string; dockerfile: string };
  /** Set when the service listens: then it is a Dagger service with a host URL. */
  containerPort?: number;
  hostPort?: number;
  database?: string;
  user?: string;
  extensions: PostgresExtension[];
  packages: { apt: string[]; pip: string[] };
  mounts: Mount[];
  command: string[];
  healthPath?: string;
  dependsOn: string[];
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
  /** Services grouped by start order: each group's dependencies are in earlier groups. */
  startLevels: string[][];
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

export function serviceByName(stack: NormalizedStack, name: string): NormalizedService {
  const service = stack.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}

/** The protocol a host-side client speaks to this service: a custom image with a port is HTTP or TCP. */
export function protocolOf(
  service: NormalizedService,
): Exclude<NormalizedService["kind"]["protocol"], "none"> | "none" {
  if (service.kind.protocol !== "none" || !isService(service)) return service.kind.protocol;
  return service.healthPath ? "http" : "tcp";
}

/** The URL shape of a service, `{host}` and `{port}` filled in per side. */
export function urlTemplateOf(service: NormalizedService): string {
  return service.kind.url ?? `${protocolOf(service) === "http" ? "http" : "tcp"}://{host}:{port}`;
}
