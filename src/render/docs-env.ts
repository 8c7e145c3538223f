import { builderModel, type Step, type Value } from "../plan/builder-steps.js";
import type { NormalizedService, NormalizedStack } from "../spec/model.js";
import { serviceByName } from "../spec/model.js";

/**
 * The doc's "What your containers receive" section: for each container built from your code or image
 * (backend, frontend, custom), the environment variables the stack sets, read from the same builder model
 * the generated code is rendered from, so the doc cannot list a variable the code does not set.
 */
export interface EnvRow {
  variable: string;
  value: string;
  passed: string;
}

export interface EnvSection {
  service: string;
  rows: EnvRow[];
}

const PASSED = {
  plain: "plain variable",
  secret: "secret (it holds a password)",
  stackSecret: "secret, shared by the stack's containers",
  host: "secret, from the host's environment",
};

export function envSections(stack: NormalizedStack): EnvSection[] {
  return stack.services
    .filter((service) => service.kind.source !== "image")
    .map((service) => ({
      service: service.name,
      rows: builderModel(stack, service).steps.flatMap((step) => envRow(stack, step)),
    }));
}

function envRow(stack: NormalizedStack, step: Step): EnvRow[] {
  switch (step.op) {
    case "env":
      return [
        {
          variable: step.name,
          value: describeValue(stack, step.value),
          passed: PASSED.plain,
        },
      ];
    case "secretEnv":
      return [
        {
          variable: step.name,
          value: describeValue(stack, step.value),
          passed: step.value.type === "stackSecret" ? PASSED.stackSecret : PASSED.secret,
        },
      ];
    case "hostSecretEnv":
      return [
        { variable: step.name, value: `\`$${step.variable}\` where the stack runs`, passed: PASSED.host },
      ];
    default:
      return [];
  }
}

function describeValue(stack: NormalizedStack, value: Value): string {
  switch (value.type) {
    case "internalUrl": {
      const dependency = serviceByName(stack, value.service);
      return `${dependency.name}'s URL inside the stack: \`${internalUrl(dependency)}\``;
    }
    case "text":
      return `\`${value.text}\``;
    case "number":
      return `\`${value.value}\``;
    case "config":
      return `this service's ${value.field}`;
    case "serviceConfig":
      return `${value.service}'s ${value.field}`;
    case "stackSecret":
      return `the stack secret ${value.name}, made at run time`;
  }
}

/** The URL shape the stack hands out, with the password left out: it is made at run time. */
function internalUrl(service: NormalizedService): string {
  const shape = service.kind.url ?? "tcp://{host}:{port}";
  return shape
    .replace("{host}", service.name)
    .replace("{port}", String(service.containerPort ?? ""))
    .replace("{user}", service.user ?? "")
    .replace("{password}", "<password>")
    .replace("{database}", service.database ?? "");
}
