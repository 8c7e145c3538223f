import type {
  Build,
  EnvValue,
  Healthcheck,
  Mount,
  NormalizedService,
  StackSecret,
  TestEnvValue,
} from "./model.js";
import type { ServiceSpec, StackSpec } from "./schema.js";

/** The fields real compose files need, written back as a spec that normalises to the same stack. */

export function portsToSpec(service: NormalizedService): NonNullable<ServiceSpec["ports"]> {
  const primary = { container: service.containerPort ?? 0, host: service.hostPort ?? 0 };
  return [
    primary,
    ...service.extraPorts.map((port) => ({
      container: port.container,
      host: port.host,
      ...(port.protocol === "udp" ? { protocol: port.protocol } : {}),
    })),
  ];
}

export function buildToSpec(build: Build): NonNullable<ServiceSpec["build"]> {
  return {
    context: build.context,
    dockerfile: build.dockerfile,
    ...(build.args.length > 0 && {
      args: Object.fromEntries(build.args.map((arg) => [arg.name, arg.value])),
    }),
    ...(build.target !== undefined && { target: build.target }),
  };
}

export function mountToSpec(mount: Mount): NonNullable<ServiceSpec["mounts"]>[number] {
  switch (mount.type) {
    case "directory":
      return { source: mount.source, target: mount.target };
    case "file":
      return { source: mount.source, target: mount.target, type: "file" };
    case "cache":
      return { cache: mount.cache, target: mount.target };
    case "tmpfs":
      return { tmpfs: mount.target };
  }
}

export function healthcheckToSpec(
  healthcheck: Healthcheck | "none",
): NonNullable<ServiceSpec["healthcheck"]> {
  if (healthcheck === "none") return "none";
  const { args, shell, ...timing } = healthcheck;
  return { test: [shell ? "CMD-SHELL" : "CMD", ...args], ...timing };
}

/** Explicit dependencies only (env references add theirs again); a plain name when the condition is the default. */
export function dependenciesToSpec(service: NormalizedService): NonNullable<ServiceSpec["dependsOn"]> {
  return service.dependencies
    .filter((dependency) => !dependency.implicit)
    .map((dependency) =>
      dependency.condition === "healthy"
        ? { service: dependency.service, condition: dependency.condition }
        : dependency.service,
    );
}

export function envToSpec(entry: EnvValue): [string, NonNullable<ServiceSpec["env"]>[string]] {
  switch (entry.type) {
    case "literal":
      return [entry.name, entry.value];
    case "hostEnv":
      return [entry.name, `env://${entry.variable}`];
    case "secret":
      return [entry.name, { secret: entry.secret }];
    case "service":
      return [entry.name, { ...entry.reference }];
  }
}

export function secretsToSpec(secrets: readonly StackSecret[]): NonNullable<StackSpec["secrets"]> {
  return Object.fromEntries(
    secrets.map((secret) => [
      secret.name,
      "fromEnv" in secret ? { fromEnv: secret.fromEnv } : { generate: true as const },
    ]),
  );
}

export function testEnvToSpec(testEnv: readonly TestEnvValue[]): NonNullable<StackSpec["testEnv"]> {
  return Object.fromEntries(
    testEnv.map((entry) => [
      entry.name,
      entry.type === "secret" ? { secret: entry.secret } : { ...entry.reference },
    ]),
  );
}
