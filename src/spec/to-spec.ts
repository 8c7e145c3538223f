import type { NormalizedService, NormalizedStack } from "./model.js";
import type { ServiceSpec, StackSpec } from "./schema.js";
import {
  buildToSpec,
  dependenciesToSpec,
  envToSpec,
  healthcheckToSpec,
  mountToSpec,
  portsToSpec,
  secretsToSpec,
  testEnvToSpec,
} from "./to-spec-features.js";

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
    ...(stack.secrets.length > 0 && { secrets: secretsToSpec(stack.secrets) }),
    ...(stack.testEnv.length > 0 && { testEnv: testEnvToSpec(stack.testEnv) }),
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
  if (service.extraPorts.length > 0) spec.ports = portsToSpec(service);
  else {
    if (service.hostPort !== undefined) spec.port = service.hostPort;
    if (service.containerPort !== undefined && service.containerPort !== kind.containerPort) {
      spec.containerPort = service.containerPort;
    }
  }
  if (service.extensions.length > 0) spec.extensions = service.extensions.map((extension) => extension.id);
  if (service.database !== undefined && kind.options.includes("database")) spec.database = service.database;
  if (service.user !== undefined && kind.options.includes("user")) spec.user = service.user;
  if (service.build) spec.build = buildToSpec(service.build);
  if (service.image !== undefined && service.image !== pinned && service.image !== extensionImage(service)) {
    spec.image = service.image;
  }
  if (service.packages.apt.length + service.packages.pip.length > 0) spec.packages = { ...service.packages };
  if (service.mounts.length > 0) spec.mounts = service.mounts.map(mountToSpec);
  if (service.command.length > 0 && service.command.join(" ") !== (kind.args ?? []).join(" ")) {
    spec.command = [...service.command];
  }
  if (service.entrypoint) spec.entrypoint = [...service.entrypoint];
  if (service.workdir !== undefined) spec.workdir = service.workdir;
  if (service.runAs !== undefined) spec.runAs = service.runAs;
  if (service.healthPath !== undefined && service.healthPath !== kind.healthPath)
    spec.healthPath = service.healthPath;
  if (service.healthcheck !== undefined) spec.healthcheck = healthcheckToSpec(service.healthcheck);
  const dependsOn = dependenciesToSpec(service);
  if (dependsOn.length > 0) spec.dependsOn = dependsOn;
  if (service.job) spec.run = "once";
  if (service.env.length > 0) spec.env = Object.fromEntries(service.env.map(envToSpec));
  return spec;
}
