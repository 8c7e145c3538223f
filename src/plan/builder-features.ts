import {
  type EnvValue,
  type Healthcheck,
  type Mount,
  type NormalizedService,
  type NormalizedStack,
  type ServiceReference,
  serviceByName,
} from "../spec/model.js";
import type { Step, Value } from "./builder-steps.js";

/**
 * The builder steps of the fields real compose files need: env values that refer to stack secrets or other
 * services, host files, cache volumes and temporary folders, working folder, user and entrypoint, the
 * service's own healthcheck, and ports beyond the first.
 */
const text = (value: string): Value => ({ type: "text", text: value });

/** The Dagger secret name of a stack secret: `stack` is a reserved word, so no service's secrets share it. */
export function stackSecretName(name: string): string {
  return `stack/${name}`;
}

export function envSteps(stack: NormalizedStack, service: NormalizedService): Step[] {
  return service.env.map((entry) => envStep(stack, entry));
}

function envStep(stack: NormalizedStack, entry: EnvValue): Step {
  switch (entry.type) {
    case "literal":
      return { op: "env", name: entry.name, value: text(entry.value) };
    case "hostEnv":
      return {
        op: "hostSecretEnv",
        name: entry.name,
        variable: entry.variable,
        comment: `Read from $${entry.variable} where the stack runs.`,
      };
    case "secret":
      return stackSecretStep(stack, entry.name, entry.secret);
    case "service":
      return referenceStep(stack, entry.name, entry.reference);
  }
}

function stackSecretStep(stack: NormalizedStack, variable: string, name: string): Step {
  const secret = stack.secrets.find((candidate) => candidate.name === name);
  if (secret && "fromEnv" in secret) {
    return {
      op: "hostSecretEnv",
      name: variable,
      variable: secret.fromEnv,
      comment: `The stack secret ${name}, read from $${secret.fromEnv} where the stack runs.`,
    };
  }
  return {
    op: "secretEnv",
    name: variable,
    secretName: stackSecretName(name),
    value: { type: "stackSecret", name },
    comment: `The stack secret ${name}: one Dagger secret, the same in every container that reads it.`,
  };
}

/** A value of another service, as containers of the stack see it: its alias, container port and config. */
function referenceStep(stack: NormalizedStack, variable: string, reference: ServiceReference): Step {
  const target = serviceByName(stack, reference.service);
  const field = (name: string): Value => ({ type: "serviceConfig", service: target.name, field: name });
  switch (reference.value) {
    case "url":
      return urlHoldsPassword(target)
        ? {
            op: "secretEnv",
            name: variable,
            secretName: `${target.name}/url`,
            value: { type: "internalUrl", service: target.name },
            comment: `${target.name}'s URL holds its password: a secret, the same one wherever it is read.`,
          }
        : { op: "env", name: variable, value: { type: "internalUrl", service: target.name } };
    case "host":
      return { op: "env", name: variable, value: text(target.name) };
    case "password":
      return {
        op: "secretEnv",
        name: variable,
        secretName: `${target.name}/password`,
        value: field("password"),
        comment: `${target.name}'s password: the very secret ${target.name} itself is given.`,
      };
    default:
      return { op: "env", name: variable, value: field(reference.value) };
  }
}

/** Host files, cache volumes and temporary folders, with the host folders of the spec, in its order. */
export function featureMountSteps(stack: NormalizedStack, service: NormalizedService): Step[] {
  const firstCache = service.mounts.findIndex((mount) => mount.type === "cache");
  return service.mounts.map((mount, index) => mountStep(stack, service, mount, index === firstCache));
}

/** `owner`: a container that runs as a user gets its mounts as that user's, as a bind mount of its files is. */
function mountStep(stack: NormalizedStack, service: NormalizedService, mount: Mount, noted: boolean): Step {
  const owner = service.runAs !== undefined ? { owner: service.runAs } : {};
  switch (mount.type) {
    case "directory":
      return { op: "mount", source: mount.source, target: mount.target, ...owner };
    case "file":
      return { op: "fileMount", source: mount.source, target: mount.target, ...owner };
    case "tmpfs":
      return { op: "tmpfs", target: mount.target };
    case "cache":
      return {
        op: "cacheMount",
        cache: `${stack.names.kebab}-${mount.cache}`,
        target: mount.target,
        ...owner,
        ...(noted ? { comment: CACHE_NOTE } : {}),
      };
  }
}

const CACHE_NOTE =
  "A cache volume, kept by the Dagger engine between runs and named after the project. Shared, the default sharing mode: a running service holds no lock on it.";

/** Working folder, user and entrypoint, after the package installs (which need root). */
export function processSteps(service: NormalizedService): Step[] {
  const steps: Step[] = [];
  if (service.workdir !== undefined) steps.push({ op: "workdir", path: service.workdir });
  if (service.runAs !== undefined) {
    steps.push({
      op: "user",
      name: service.runAs,
      comment: `Runs as ${service.runAs}, like compose's user.`,
    });
  }
  if (service.entrypoint !== undefined) {
    steps.push({
      op: "entrypoint",
      args: [...service.entrypoint],
      comment:
        "Replaces the image's ENTRYPOINT; like Docker, Dagger then drops the image's default command too.",
    });
  }
  return steps;
}

/**
 * The engine runs the healthcheck in place of dialing the ports (core/service.go), retrying every
 * startInterval, else interval, else 5 s, and fails the start after `retries` failures in a row (3 unless
 * set), not counting those within startPeriod (core/healthcheck.go).
 */
export function healthcheckStep(check: Healthcheck): Step {
  const every = check.startInterval ?? check.interval ?? "5s";
  const tries = check.retries ?? 3;
  const grace =
    check.startPeriod !== undefined ? `, not counting those in the first ${check.startPeriod}` : "";
  return {
    op: "healthcheck",
    check: { ...check, args: [...check.args] },
    comment: `Ready when this healthcheck passes (the spec's): Dagger runs it instead of dialing the port, every ${every}, and fails the start after ${tries} failures in a row${grace}.`,
  };
}

/** Ports beyond the first: exposed and published by `up`, but not dialed for readiness. */
export function extraPortSteps(service: NormalizedService): Step[] {
  return service.extraPorts.map(
    (port, index): Step => ({
      op: "expose",
      port: { type: "number", value: port.container },
      ...(port.protocol === "udp" ? { protocol: "udp" as const } : {}),
      skipHealthcheck: true,
      ...(index === 0 ? { comment: EXTRA_PORTS_NOTE } : {}),
    }),
  );
}

const EXTRA_PORTS_NOTE =
  "More ports, published by `up` on their host ports too. Only the first says when the service is ready: a port that opens later (a debugger's, say) would hold the start.";

/** Whether a service's URL carries its password (MinIO's `http://host:port` does not: it is plain). */
export function urlHoldsPassword(service: NormalizedService): boolean {
  return service.kind.credentials !== undefined && (service.kind.url ?? "").includes("{password}");
}
