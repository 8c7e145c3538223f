import type { NormalizedService, NormalizedStack } from "./model.js";
import type { ServiceSpec, StackSpec } from "./schema.js";

/**
 * The spec with every default written out, for the manifest: re-normalising it gives the same stack even
 * after the catalog's defaults move on, which is what `add` relies on.
 */
export function toSpec(stack: NormalizedStack): StackSpec {
  return {
    name: stack.name,
    language: stack.language,
    services: stack.services.map(serviceToSpec),
    ...(stack.matrix.length > 0 && {
      matrix: Object.fromEntries(stack.matrix.map((axis) => [axis.name, axis.targets])),
    }),
    ci: stack.ci,
    nodeVersions: stack.nodeVersions,
    pythonVersions: stack.pythonVersions,
    ...(stack.module && { module: true }),
  };
}

function extensionImage(service: NormalizedService): string | undefined {
  for (const extension of service.extensions) {
    if (extension.install.via === "image") return extension.install.ready.image(Number(service.version));
  }
  return undefined;
}

function serviceToSpec(service: NormalizedService): ServiceSpec {
  const kind = service.kind;
  const pinned = service.version !== undefined ? kind.images?.[service.version] : undefined;
  const spec: ServiceSpec = { name: service.name, kind: kind.kind };
  if (service.version !== undefined) spec.version = service.version;
  if (service.hostPort !== undefined) spec.port = service.hostPort;
  if (service.containerPort !== undefined && service.containerPort !== kind.containerPort) {
    spec.containerPort = service.containerPort;
  }
  if (service.extensions.length > 0) spec.extensions = service.extensions.map((extension) => extension.id);
  if (service.database !== undefined && kind.options.includes("database")) spec.database = service.database;
  if (service.user !== undefined && kind.options.includes("user")) spec.user = service.user;
  if (service.build) spec.build = { ...service.build };
  if (service.image !== undefined && service.image !== pinned && service.image !== extensionImage(service)) {
    spec.image = service.image;
  }
  if (service.packages.apt.length + service.packages.pip.length > 0) spec.packages = { ...service.packages };
  if (service.mounts.length > 0) spec.mounts = service.mounts.map((mount) => ({ ...mount }));
  if (service.command.length > 0 && service.command.join(" ") !== (kind.args ?? []).join(" ")) {
    spec.command = [...service.command];
  }
  if (service.healthPath !== undefined && service.healthPath !== kind.healthPath)
    spec.healthPath = service.healthPath;
  if (service.dependsOn.length > 0) spec.dependsOn = [...service.dependsOn];
  if (service.env.length > 0) {
    spec.env = Object.fromEntries(
      service.env.map((entry) => [entry.name, entry.fromHostEnv ? `env://${entry.value}` : entry.value]),
    );
  }
  return spec;
}
