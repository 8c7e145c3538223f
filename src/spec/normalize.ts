import { findExtension, type PostgresExtension } from "./catalog/extensions.js";
import { DEFAULT_NODE_VERSIONS, nodeVersionWarnings } from "./catalog/node-lines.js";
import { findKind, type ServiceKind } from "./catalog/services.js";
import { levels } from "./graph.js";
import type { MatrixAxis, NormalizedService, NormalizedStack } from "./model.js";
import { namesOf } from "./names.js";
import {
  normalizeBuild,
  normalizeDependencies,
  normalizeEnv,
  normalizeHealthcheck,
  normalizeMounts,
  normalizeSecrets,
  normalizeTestEnv,
} from "./normalize-features.js";
import type { ServiceSpec, StackSpec } from "./schema.js";

/** Applies defaults and resolves references. Only call on a spec that validateSpec() accepted. */
export function normalizeSpec(spec: StackSpec): NormalizedStack {
  const notes: string[] = [];
  const services = withMatrixServices(spec, notes);
  const usedPorts = new Set(services.flatMap(explicitHostPorts));
  const normalized = services.map((service) => normalizeService(service, services, usedPorts, notes));
  const started = normalized.filter((service) => service.containerPort !== undefined || service.job);
  const language = spec.language ?? "typescript";
  const ci = spec.ci ?? "github";
  const nodeVersions = spec.nodeVersions ?? [...DEFAULT_NODE_VERSIONS];
  return {
    name: spec.name,
    names: namesOf(spec.name),
    language,
    services: normalized,
    startLevels: levels(new Map(started.map((service) => [service.name, service.dependsOn]))),
    secrets: normalizeSecrets(spec.secrets),
    testEnv: normalizeTestEnv(spec.testEnv),
    matrix: normalizeMatrix(spec, services),
    ci,
    nodeVersions,
    pythonVersions: spec.pythonVersions ?? ["3.11", "3.12"],
    module: spec.module ?? false,
    notes,
    // The Node matrix matters only where CI runs the TypeScript stack.
    warnings: language === "typescript" && ci !== "none" ? nodeVersionWarnings(nodeVersions) : [],
  };
}

/** A matrix entry may name a catalog kind the stack lacks (the seed's `[chromadb, postgres]`): add it. */
function withMatrixServices(spec: StackSpec, notes: string[]): ServiceSpec[] {
  const services = [...spec.services];
  for (const [axis, targets] of Object.entries(spec.matrix ?? {})) {
    for (const target of targets) {
      if (resolveMatrixTarget(services, target)) continue;
      services.push({ name: target, kind: target });
      notes.push(`added service "${target}" (kind ${target}) because matrix.${axis} lists it`);
    }
  }
  return services;
}

function resolveMatrixTarget(services: ServiceSpec[], target: string): string | undefined {
  const byName = services.find((service) => service.name === target);
  if (byName) return byName.name;
  const byKind = services.filter((service) => service.kind === target);
  return byKind.length === 1 ? byKind[0]?.name : undefined;
}

function normalizeMatrix(spec: StackSpec, services: ServiceSpec[]): MatrixAxis[] {
  return Object.entries(spec.matrix ?? {}).map(([name, targets]) => ({
    name,
    names: namesOf(name),
    targets: targets.map((target) => resolveMatrixTarget(services, target) ?? target),
  }));
}

function normalizeService(
  service: ServiceSpec,
  all: readonly ServiceSpec[],
  usedPorts: Set<number>,
  notes: string[],
): NormalizedService {
  const kind = requireKind(service.kind);
  const version = service.version ?? kind.defaultVersion;
  const extensions = resolveExtensions(service.extensions ?? []);
  const job = service.run === "once";
  const [primary, ...extra] = service.ports ?? [];
  const containerPort = job
    ? undefined
    : (primary?.container ?? service.containerPort ?? kind.containerPort ?? service.port);
  const explicitHost = primary?.host ?? service.port;
  const dependencies = normalizeDependencies(service, all);
  return {
    name: service.name,
    names: namesOf(service.name),
    kind,
    version,
    image: resolveImage(service, kind, version, extensions),
    build: normalizeBuild(service, kind),
    containerPort,
    hostPort:
      containerPort === undefined
        ? undefined
        : hostPortFor(service.name, explicitHost, kind.defaultHostPort ?? containerPort, usedPorts, notes),
    extraPorts: job
      ? []
      : extra.map((port) => ({
          container: port.container,
          host: hostPortFor(service.name, port.host, port.container, usedPorts, notes),
          protocol: port.protocol ?? "tcp",
        })),
    database: kind.credentials?.databaseEnv ? (service.database ?? kind.defaultDatabase) : undefined,
    user: kind.credentials ? (service.user ?? kind.credentials.defaultUser) : undefined,
    extensions,
    packages: { apt: service.packages?.apt ?? [], pip: service.packages?.pip ?? [] },
    mounts: normalizeMounts(service.mounts ?? []),
    command: service.command ?? [...(kind.args ?? [])],
    ...(service.entrypoint ? { entrypoint: [...service.entrypoint] } : {}),
    ...(service.workdir !== undefined ? { workdir: service.workdir } : {}),
    ...(service.runAs !== undefined ? { runAs: service.runAs } : {}),
    healthPath:
      !job && (kind.protocol === "http" || service.healthPath)
        ? (service.healthPath ?? kind.healthPath)
        : undefined,
    ...(service.healthcheck !== undefined ? { healthcheck: normalizeHealthcheck(service.healthcheck) } : {}),
    dependsOn: dependencies.map((dependency) => dependency.service),
    dependencies,
    job,
    env: Object.entries(service.env ?? {}).map(([name, value]) =>
      normalizeEnv(service.name, name, value, notes),
    ),
  };
}

/** Host ports the spec names: they are kept, and defaults move around them. */
function explicitHostPorts(service: ServiceSpec): number[] {
  const [primary, ...extra] = service.ports ?? [];
  const ports = [primary?.host ?? service.port, ...extra.map((port) => port.host)];
  return ports.filter((port): port is number => port !== undefined);
}

function requireKind(kind: string): ServiceKind {
  const found = findKind(kind);
  if (!found) throw new Error(`unknown kind ${kind}: validateSpec() must run first`);
  return found;
}

/** The requested extensions plus what they require, requirements first, each once. */
function resolveExtensions(ids: string[]): PostgresExtension[] {
  const result: PostgresExtension[] = [];
  const add = (id: string) => {
    const extension = findExtension(id);
    if (!extension || result.includes(extension)) return;
    for (const required of extension.requires) add(required);
    result.push(extension);
  };
  for (const id of ids) add(id);
  return result;
}

function resolveImage(
  service: ServiceSpec,
  kind: ServiceKind,
  version: string | undefined,
  extensions: PostgresExtension[],
): string | undefined {
  if (service.image) return service.image;
  if (service.build) return undefined;
  for (const extension of extensions) {
    if (extension.install.via === "image") return extension.install.ready.image(Number(version));
  }
  return version === undefined ? undefined : kind.images?.[version];
}

/** Explicit ports are kept (validation rejected clashes); a default that is taken moves up to a free one. */
function hostPortFor(
  name: string,
  explicit: number | undefined,
  preferred: number,
  used: Set<number>,
  notes: string[],
): number {
  if (explicit !== undefined) return explicit;
  let port = preferred;
  while (used.has(port)) port++;
  used.add(port);
  if (port !== preferred) notes.push(`${name}: host port ${preferred} is taken, using ${port}`);
  return port;
}
