import { findExtension, type PostgresExtension } from "./catalog/extensions.js";
import { DEFAULT_NODE_VERSIONS, nodeVersionWarnings } from "./catalog/node-lines.js";
import { findKind, type ServiceKind } from "./catalog/services.js";
import { levels } from "./graph.js";
import type { EnvValue, MatrixAxis, NormalizedService, NormalizedStack } from "./model.js";
import { namesOf } from "./names.js";
import type { ServiceSpec, StackSpec } from "./schema.js";
import { credentialReason } from "./secrets.js";

/** Applies defaults and resolves references. Only call on a spec that validateSpec() accepted. */
export function normalizeSpec(spec: StackSpec): NormalizedStack {
  const notes: string[] = [];
  const services = withMatrixServices(spec, notes);
  const usedPorts = new Set(
    services.flatMap((service) => (service.port === undefined ? [] : [service.port])),
  );
  const normalized = services.map((service) => normalizeService(service, usedPorts, notes));
  const listening = normalized.filter((service) => service.containerPort !== undefined);
  const language = spec.language ?? "typescript";
  const ci = spec.ci ?? "github";
  const nodeVersions = spec.nodeVersions ?? [...DEFAULT_NODE_VERSIONS];
  return {
    name: spec.name,
    names: namesOf(spec.name),
    language,
    services: normalized,
    startLevels: levels(new Map(listening.map((service) => [service.name, service.dependsOn]))),
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

function normalizeService(service: ServiceSpec, usedPorts: Set<number>, notes: string[]): NormalizedService {
  const kind = requireKind(service.kind);
  const version = service.version ?? kind.defaultVersion;
  const extensions = resolveExtensions(service.extensions ?? []);
  const containerPort = service.containerPort ?? kind.containerPort ?? service.port;
  return {
    name: service.name,
    names: namesOf(service.name),
    kind,
    version,
    image: resolveImage(service, kind, version, extensions),
    build:
      kind.source === "dockerfile"
        ? {
            context: service.build?.context ?? `./${service.name}`,
            dockerfile: service.build?.dockerfile ?? "Dockerfile",
          }
        : undefined,
    containerPort,
    hostPort: containerPort === undefined ? undefined : hostPortFor(service, kind, usedPorts, notes),
    database: kind.credentials?.databaseEnv ? (service.database ?? kind.defaultDatabase) : undefined,
    user: kind.credentials ? (service.user ?? kind.credentials.defaultUser) : undefined,
    extensions,
    packages: { apt: service.packages?.apt ?? [], pip: service.packages?.pip ?? [] },
    mounts: (service.mounts ?? []).map((mount) => ({ source: mount.source, target: mount.target })),
    command: service.command ?? [...(kind.args ?? [])],
    healthPath:
      kind.protocol === "http" || service.healthPath ? (service.healthPath ?? kind.healthPath) : undefined,
    dependsOn: service.dependsOn ?? [],
    env: Object.entries(service.env ?? {}).map(([name, value]) =>
      normalizeEnv(service.name, name, value, notes),
    ),
  };
}

function requireKind(kind: string): ServiceKind {
  const found = findKind(kind);
  if (!found) throw new Error(`unknown kind ${kind}: validateSpec() must run first`);
  return found;
}

/**
 * `env://NAME` reads NAME where the stack runs. A literal credential is read that way too, from a host
 * variable of its own name, and the literal is dropped: it must not land in generated code or the manifest.
 */
function normalizeEnv(service: string, name: string, value: string, notes: string[]): EnvValue {
  if (value.startsWith("env://")) return { name, value: value.slice("env://".length), fromHostEnv: true };
  const reason = credentialReason(name, value);
  if (reason === undefined) return { name, value, fromHostEnv: false };
  notes.push(
    `${service}: ${name} looks like a credential (${reason}), so its value was not written anywhere; the stack reads $${name} where it runs, as a Dagger secret. Export ${name} (or keep it in an env file git ignores) before starting the stack.`,
  );
  return { name, value: name, fromHostEnv: true };
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
  for (const extension of extensions) {
    if (extension.install.via === "image") return extension.install.ready.image(Number(version));
  }
  return version === undefined ? undefined : kind.images?.[version];
}

/** Explicit ports are kept (validation rejected clashes); a default that is taken moves up to a free one. */
function hostPortFor(service: ServiceSpec, kind: ServiceKind, used: Set<number>, notes: string[]): number {
  if (service.port !== undefined) return service.port;
  const preferred = kind.defaultHostPort ?? service.containerPort ?? 8080;
  let port = preferred;
  while (used.has(port)) port++;
  used.add(port);
  if (port !== preferred) notes.push(`${service.name}: host port ${preferred} is taken, using ${port}`);
  return port;
}
