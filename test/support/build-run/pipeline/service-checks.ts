import {
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
    ...specEnv(service, container),
    ...dependencies(stack, pipeline, service, container),
    ...(isService(service) && service.dependsOn.length > 0
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

/** The spec's own `env`: literals as plain variables, `env://VAR` as a secret read from the caller's environment. */
function specEnv(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  return service.env.map((entry) => {
    if (entry.fromHostEnv) {
      const source = container.secretEnv[entry.name];
      const problem =
        source !== `env://${entry.value}` &&
        `${entry.name} comes from ${source ?? "nowhere"}, not env://${entry.value}`;
      return check(`${service.name}: ${entry.name} from the host's $${entry.value} as a secret`, problem);
    }
    const value = container.env[entry.name];
    return check(
      `${service.name}: ${entry.name}=${entry.value}`,
      value !== entry.value && `${entry.name} is ${value ?? "unset"}`,
    );
  });
}

/** Each dependency is bound under its name, and its URL handed over as a secret when it carries a password. */
function dependencies(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
  container: RecordedContainer,
): PipelineCheck[] {
  return service.dependsOn.flatMap((name) => {
    const dependency = serviceByName(stack, name);
    const target = locateService(pipeline, dependency);
    const binding = container.serviceBindings.find((entry) => entry.alias === name);
    const bound =
      typeof target === "string"
        ? target
        : binding?.service !== target.service.ref &&
          `bound as ${name}: ${binding?.service ?? "nothing"}, not ${target.service.ref}`;
    const checks = [check(`${service.name}: ${name} bound under its name`, bound)];
    if (dependency.kind.credentials) checks.push(urlThroughSecret(service, dependency, container));
    return checks;
  });
}

function urlThroughSecret(
  service: NormalizedService,
  dependency: NormalizedService,
  container: RecordedContainer,
): PipelineCheck {
  const variable = `${dependency.names.constant}_URL`;
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
  const name = `${service.name}: starts after ${service.dependsOn.join(", ")}`;
  const own = locateService(pipeline, service);
  if (typeof own === "string") return check(name, own);
  const started = firstStart(pipeline, own.service.ref);
  if (started === undefined) return check(name, `${service.name} never started`);
  const early = service.dependsOn.filter((dependency) => {
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
