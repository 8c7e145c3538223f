import {
  boundDependencies,
  type EnvValue,
  isService,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../../../../src/spec/model.js";
import { firstStart, type RecordedContainer, type RecordedPipeline } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { locateService } from "./match.js";

/** How a service's container gets its credentials, its dependencies and its start, checked against the whole-stack recording. */
export function serviceChecks(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
  container: RecordedContainer,
): PipelineCheck[] {
  return [
    ...passwordThroughSecret(service, container),
    ...service.env.map((entry) => specEnv(stack, pipeline, service, container, entry)),
    ...dependencies(stack, pipeline, service, container),
    ...(isService(service) && boundDependencies(stack, service).length > 0
      ? [startsAfterDependencies(stack, pipeline, service)]
      : []),
  ];
}

function passwordThroughSecret(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const variable = service.kind.credentials?.passwordEnv;
  if (!variable) return [];
  const problem =
    container.secretEnv[variable] === undefined || variable in container.env
      ? `${variable} is not set from a secret (env: ${Object.keys(container.env).join(", ") || "none"})`
      : undefined;
  return [check(`${service.name}: ${variable} from a secret`, problem)];
}

/**
 * The spec's own `env`: literals as plain variables, `env://VAR` and host-read stack secrets as secrets
 * read from the caller's environment, generated stack secrets and other services' passwords as the one
 * secret of that name, other services' values as the stack sees them from inside.
 */
function specEnv(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
  container: RecordedContainer,
  entry: EnvValue,
): PipelineCheck {
  const variable = entry.name;
  const plain = container.env[variable];
  const secret = container.secretEnv[variable];
  const viaSecret = (name: string, expected: string, what: string) =>
    check(
      `${service.name}: ${variable} from ${what}`,
      (secret === undefined || !secret.endsWith(expected)) &&
        `${variable} comes from ${secret ?? (plain !== undefined ? "a plain variable" : "nowhere")}, not ${name}`,
    );
  switch (entry.type) {
    case "literal":
      return check(
        `${service.name}: ${variable}=${entry.value}`,
        plain !== entry.value && `${variable} is ${plain ?? "unset"}`,
      );
    case "hostEnv":
      return check(
        `${service.name}: ${variable} from the host's $${entry.variable} as a secret`,
        secret !== `env://${entry.variable}` &&
          `${variable} comes from ${secret ?? "nowhere"}, not env://${entry.variable}`,
      );
    case "secret": {
      const declared = stack.secrets.find((candidate) => candidate.name === entry.secret);
      if (declared && "fromEnv" in declared) {
        return viaSecret(
          `env://${declared.fromEnv}`,
          `env://${declared.fromEnv}`,
          `the host's $${declared.fromEnv}, the stack secret ${entry.secret}`,
        );
      }
      return viaSecret(
        `/stack/${entry.secret}`,
        `/stack/${entry.secret}`,
        `the stack secret ${entry.secret}`,
      );
    }
    case "service":
      return referenceCheck(stack, pipeline, service, container, variable, entry.reference);
  }
}

/** A value of another service, as containers see it; its password is the very secret that service gets. */
function referenceCheck(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
  container: RecordedContainer,
  variable: string,
  reference: { service: string; value: string },
): PipelineCheck {
  const target = serviceByName(stack, reference.service);
  const name = `${service.name}: ${variable} is ${target.name}'s ${reference.value}`;
  const plain = container.env[variable];
  const secret = container.secretEnv[variable];
  switch (reference.value) {
    case "password": {
      const located = locateService(pipeline, target);
      const own =
        typeof located === "string"
          ? undefined
          : located.container.secretEnv[target.kind.credentials?.passwordEnv ?? ""];
      return check(
        `${name}, the same Dagger secret ${target.name} is given`,
        (secret === undefined || secret !== own) &&
          `${variable} comes from ${secret ?? "nowhere"}; ${target.name}'s is ${own ?? "unknown"}`,
      );
    }
    case "url": {
      const expected = `${target.name}:${target.containerPort}`;
      if (target.kind.credentials) {
        return check(
          `${name} (a secret: it holds a password)`,
          (secret === undefined || plain !== undefined) && `${variable} is not set from a secret`,
        );
      }
      return check(
        name,
        !plain?.includes(`//${expected}`) && `${variable} is ${plain ?? "unset"}, not at ${expected}`,
      );
    }
    default: {
      const expected =
        reference.value === "host"
          ? target.name
          : reference.value === "port"
            ? String(target.containerPort)
            : reference.value === "user"
              ? target.user
              : target.database;
      return check(name, plain !== expected && `${variable} is ${plain ?? "unset"}, not ${expected}`);
    }
  }
}

/** Each dependency is bound under its name, and its URL handed over as a secret when it carries a password. */
function dependencies(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
  container: RecordedContainer,
): PipelineCheck[] {
  return boundDependencies(stack, service).flatMap(({ service: name, implicit }) => {
    const dependency = serviceByName(stack, name);
    const target = locateService(pipeline, dependency);
    const binding = container.serviceBindings.find((entry) => entry.alias === name);
    const bound =
      typeof target === "string"
        ? target
        : binding?.service !== target.service.ref &&
          `bound as ${name}: ${binding?.service ?? "nothing"}, not ${target.service.ref}`;
    const checks = [check(`${service.name}: ${name} bound under its name`, bound)];
    if (!implicit) checks.push(urlPassed(service, dependency, container));
    return checks;
  });
}

/** A URL that carries a password comes from a secret; one without (MinIO's `http://host:port`) is plain. */
function urlPassed(
  service: NormalizedService,
  dependency: NormalizedService,
  container: RecordedContainer,
): PipelineCheck {
  const variable = `${dependency.names.constant}_URL`;
  const holdsPassword = dependency.kind.url?.includes("{password}") === true;
  if (!holdsPassword) {
    const problem =
      (container.env[variable] === undefined || variable in container.secretEnv) &&
      `${variable} (no password in it) is not set as a plain variable`;
    return check(`${service.name}: ${variable} plain`, problem);
  }
  const problem =
    (container.secretEnv[variable] === undefined || variable in container.env) &&
    `${variable} (it holds ${dependency.name}'s password) is not set from a secret`;
  return check(`${service.name}: ${variable} from a secret`, problem);
}

function startsAfterDependencies(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
): PipelineCheck {
  const bound = boundDependencies(stack, service).map((dependency) => dependency.service);
  const name = `${service.name}: starts after ${bound.join(", ")}`;
  const own = locateService(pipeline, service);
  if (typeof own === "string") return check(name, own);
  const started = firstStart(pipeline, own.service.ref);
  if (started === undefined) return check(name, `${service.name} never started`);
  const early = bound.filter((dependency) => {
    const target = locateService(pipeline, serviceByName(stack, dependency));
    const start = typeof target === "string" ? undefined : firstStartEvent(pipeline, target.service.ref);
    return start === undefined || start.trigger !== "start" || start.seq > started;
  });
  return check(name, early.length > 0 && `not started by the stack before it: ${early.join(", ")}`);
}

/**
 * The engine starts a bound service on demand when a dependent starts, and records that start first; only
 * an explicit start ("start" trigger) shows that the stack itself started the dependency beforehand.
 */
function firstStartEvent(
  pipeline: RecordedPipeline,
  serviceRef: string,
): { seq: number; trigger: string } | undefined {
  for (const event of pipeline.events) {
    if (event.type === "start" && event.service === serviceRef)
      return { seq: event.seq, trigger: event.trigger };
  }
  return undefined;
}
