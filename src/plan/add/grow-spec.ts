import { UsageError } from "../../errors.js";
import { findExtension } from "../../spec/catalog/extensions.js";
import { loadStack } from "../../spec/load.js";
import type { StackSpec, StackSpecInput } from "../../spec/schema.js";
import { toSpec } from "../../spec/to-spec.js";
import { choicesHint } from "../../util/did-you-mean.js";
import type { AddRequest, ServiceInput } from "./types.js";

/** The manifest's spec grown by a request, and what the request asked for that is new or already there. */
export interface SpecGrowth {
  spec: StackSpecInput;
  added: string[];
  /** What the request asked for that the stack already has. */
  present: string[];
}

export function growSpec(spec: StackSpec, request: AddRequest): SpecGrowth {
  return request.type === "service" ? growWithService(spec, request) : growWithExtension(spec, request);
}

function growWithService(spec: StackSpec, request: Extract<AddRequest, { type: "service" }>): SpecGrowth {
  const service: ServiceInput = { ...request.service, name: request.service.name ?? request.service.kind };
  const present = describesExistingService(spec, service);
  const growth: SpecGrowth = {
    spec: present ? { ...spec } : { ...spec, services: [...spec.services, service] },
    added: present ? [] : [`service ${service.name} (${service.kind})`],
    present: present ? [`service ${service.name}`] : [],
  };
  return request.matrix ? withMatrixTarget(growth, request.matrix, service.name) : growth;
}

/**
 * Whether the stack already has the service the request describes: put in place of the service of that
 * name, it normalises to the same thing (so `build: ./worker` matches the `{ context, dockerfile }`
 * the manifest recorded). Anything else under that name is a name clash for loadStack() to report.
 */
function describesExistingService(spec: StackSpec, input: ServiceInput): boolean {
  const index = spec.services.findIndex((service) => service.name === input.name);
  if (index === -1) return false;
  const replaced = {
    ...spec,
    services: spec.services.map((service, at) => (at === index ? input : service)),
  };
  try {
    const [existing, requested] = [spec, replaced].map(
      (candidate) => toSpec(loadStack(candidate)).services[index],
    );
    return JSON.stringify(existing) === JSON.stringify(requested);
  } catch (error) {
    if (error instanceof UsageError) return false;
    throw error;
  }
}

function withMatrixTarget(growth: SpecGrowth, axis: string, target: string): SpecGrowth {
  const matrix = growth.spec.matrix ?? {};
  const targets = matrix[axis] ?? [];
  if (targets.includes(target)) {
    return { ...growth, present: [...growth.present, `${target} in matrix.${axis}`] };
  }
  return {
    spec: { ...growth.spec, matrix: { ...matrix, [axis]: [...targets, target] } },
    added: [...growth.added, `${target} in the testing matrix ${axis}`],
    present: growth.present,
  };
}

function growWithExtension(spec: StackSpec, request: Extract<AddRequest, { type: "extension" }>): SpecGrowth {
  const index = spec.services.findIndex((service) => service.name === request.service);
  const target = spec.services[index];
  if (!target) {
    const names = spec.services.map((service) => service.name);
    throw new UsageError({
      path: "<service>",
      message: `no service named "${request.service}"`,
      hint: choicesHint(request.service, names),
    });
  }
  const id = findExtension(request.extension)?.id ?? request.extension;
  if (target.extensions?.includes(id)) {
    return { spec: { ...spec }, added: [], present: [`${id} on ${target.name}`] };
  }
  const services = spec.services.map((service, at) =>
    at === index ? { ...service, extensions: [...(service.extensions ?? []), id] } : service,
  );
  return { spec: { ...spec, services }, added: [`extension ${id} on ${target.name}`], present: [] };
}
