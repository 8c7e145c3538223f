import { isService, type NormalizedService, type NormalizedStack } from "../../../../src/spec/model.js";
import type { RecordedContainer, RecordedPipeline } from "../../engine/index.js";
import { realServerFor } from "../real-server-kinds.js";
import type { PipelineCheck, Selection } from "../types.js";
import { check } from "./check.js";
import {
  buildChecks,
  commandCheck,
  extraPortChecks,
  mountChecks,
  processChecks,
} from "./container-checks.js";
import { jobChecks, sharedSecretChecks } from "./feature-checks.js";
import { genericChecks } from "./generic-checks.js";
import { locateContainer, locateService, servicesBuiltFor } from "./match.js";
import { extensionImage, extensionSettings, packageChecks } from "./package-checks.js";
import { runtimeChecks } from "./runtime-checks.js";
import { serviceChecks } from "./service-checks.js";

export { failed } from "./check.js";
export { withProjectRelativePaths } from "./host-paths.js";

/**
 * The whole stack, started and every container built: images, secrets, start order, packages, extensions,
 * Dockerfile builds, bindings and mounts, each as the spec and the catalog say.
 */
export function checkStackPipeline(stack: NormalizedStack, pipeline: RecordedPipeline): PipelineCheck[] {
  return [
    ...genericChecks(pipeline, "stack"),
    ...stack.services.flatMap((service) => checksOf(stack, pipeline, service)),
    ...sharedSecretChecks(stack, pipeline),
  ];
}

function checksOf(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  service: NormalizedService,
): PipelineCheck[] {
  const found = isService(service) ? locateService(pipeline, service) : locateContainer(pipeline, service);
  const located = check(`${service.name}: ${originOf(service)}`, typeof found === "string" && found);
  if (typeof found === "string") return [located];
  const container: RecordedContainer = "container" in found ? found.container : found;
  return [
    located,
    ...serviceChecks(stack, pipeline, service, container),
    ...packageChecks(service, container),
    ...extensionImage(service, container),
    ...extensionSettings(service, container),
    ...mountChecks(stack.names.kebab, service, container),
    ...commandCheck(service, container),
    ...processChecks(service, container),
    ...buildChecks(service, container),
    ...extraPortChecks(service, container),
    ...jobChecks(stack, pipeline, service, container),
    ...runtimeChecks(service, container),
  ];
}

/**
 * What the generated tests did: one stack for every project, reached through tunnels answered by real
 * servers. Starts and endpoints are only checked after a passing run: a failed one stops anywhere.
 */
export function checkRunPipeline(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  selection: Selection,
  testsPassed: boolean,
): PipelineCheck[] {
  const ranSomething = selection.smoke.length + selection.matrix.length > 0;
  if (!ranSomething || !testsPassed) return genericChecks(pipeline, "test run");
  return [
    ...genericChecks(pipeline, "test run"),
    ...stack.services.filter(isService).map((service) => startedOnce(pipeline, service)),
    ...stack.services
      .filter((service) => service.extraPorts.length > 0)
      .map((service) => firstPortOnly(pipeline, service)),
    ...selection.smoke.map((name) => answeredByRealServer(stack, pipeline, name)),
  ];
}

/** Vitest runs global setup once per project; the generated setup must still start the stack only once. */
function startedOnce(pipeline: RecordedPipeline, service: NormalizedService): PipelineCheck {
  const refs = new Set(servicesBuiltFor(pipeline, service).map((entry) => entry.service.ref));
  const starts = pipeline.events.filter((event) => event.type === "start" && refs.has(event.service)).length;
  return check(`test run: ${service.name} started once`, starts !== 1 && `started ${starts} times`);
}

/** Tests reach a service on its first port: the others are for `up`, which publishes them on host ports. */
function firstPortOnly(pipeline: RecordedPipeline, service: NormalizedService): PipelineCheck {
  const refs = new Set(servicesBuiltFor(pipeline, service).map((entry) => entry.service.ref));
  const forwards = pipeline.services
    .filter((entry) => entry.kind === "tunnel" && refs.has(entry.target ?? ""))
    .map((entry) => (entry.ports ?? []).map((port) => port.backend));
  const wrong = forwards.filter((ports) => ports.length !== 1 || ports[0] !== service.containerPort);
  return check(
    `test run: ${service.name} tunnelled on its first port only`,
    (forwards.length === 0 || wrong.length > 0) && `tunnels forward ${JSON.stringify(forwards)}`,
  );
}

/** The tests reached the service through a tunnel the stand-in answered with the real server. */
function answeredByRealServer(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  name: string,
): PipelineCheck {
  const service = stack.services.find((candidate) => candidate.name === name);
  const server = (service && realServerFor(service)) ?? "none";
  const refs = new Set(service ? servicesBuiltFor(pipeline, service).map((entry) => entry.service.ref) : []);
  const tunnels = new Set(
    pipeline.services
      .filter((entry) => entry.kind === "tunnel" && refs.has(entry.target ?? ""))
      .map((entry) => entry.ref),
  );
  const answered = pipeline.events.some(
    (event) => event.type === "endpoint" && tunnels.has(event.service) && event.realServer === server,
  );
  return check(
    `test run: ${name} reached through a tunnel to the real ${server} server`,
    !answered && "no such endpoint",
  );
}

function originOf(service: NormalizedService): string {
  return service.build
    ? `built from ${service.build.context}/${service.build.dockerfile}`
    : `from ${service.image}`;
}
