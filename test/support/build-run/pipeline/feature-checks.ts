import { isService, type NormalizedService, type NormalizedStack } from "../../../../src/spec/model.js";
import type { RecordedContainer, RecordedPipeline } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { locateContainer, locateService } from "./match.js";

/**
 * A one-shot job runs, through its entrypoint, once per stack, to completion before anything that waits for
 * it starts, and after what it waits for.
 */
export function jobChecks(
  stack: NormalizedStack,
  pipeline: RecordedPipeline,
  job: NormalizedService,
  container: RecordedContainer,
): PipelineCheck[] {
  if (!job.job) return [];
  const exec = container.steps.find((step) => step.op === "withExec");
  const throughEntrypoint =
    Array.isArray(exec?.args.args) && exec.args.args.length === 0 && exec.args.useEntrypoint === true;
  const ran = pipeline.events.find(
    (event) => event.type === "evaluate" && event.target === container.ref && event.field === "sync",
  );
  const dependents = stack.services.filter((service) =>
    service.dependencies.some((dependency) => dependency.service === job.name),
  );
  const before = dependents.map((dependent) => {
    const located = locateService(pipeline, dependent);
    const started =
      typeof located === "string"
        ? undefined
        : pipeline.events.find((event) => event.type === "start" && event.service === located.service.ref);
    const problem =
      ran === undefined
        ? `${job.name} never ran`
        : started === undefined
          ? `${dependent.name} never started`
          : started.seq < ran.seq && `${dependent.name} started before ${job.name} completed`;
    return check(`${job.name}: runs to completion before ${dependent.name} starts`, problem);
  });
  const after = job.dependencies
    .filter((dependency) => !serviceIsJob(stack, dependency.service))
    .map((dependency) => {
      const located = locateService(
        pipeline,
        stack.services.find((s) => s.name === dependency.service) as NormalizedService,
      );
      const started =
        typeof located === "string"
          ? undefined
          : pipeline.events.find(
              (event) =>
                event.type === "start" && event.service === located.service.ref && event.trigger === "start",
            );
      const problem =
        ran === undefined
          ? `${job.name} never ran`
          : (started === undefined || started.seq > ran.seq) &&
            `${dependency.service} was not started by the stack first`;
      return check(`${job.name}: runs after ${dependency.service} started`, problem);
    });
  return [
    check(
      `${job.name}: runs its command through its entrypoint`,
      !throughEntrypoint && `exec: ${JSON.stringify(exec?.args ?? "none")}`,
    ),
    check(
      `${job.name}: runs afresh for each stack`,
      container.env.DAGGER_STACK_RUN === undefined && "no per-stack input: Dagger could reuse an earlier run",
    ),
    ...before,
    ...after,
  ];
}

function serviceIsJob(stack: NormalizedStack, name: string): boolean {
  return stack.services.some((service) => service.name === name && service.job);
}

/**
 * A secret read by several containers (a stack secret, another service's URL or password) is one Dagger
 * secret: the same name everywhere, and one recorded secret of that name (a second value would be a second
 * secret).
 */
export function sharedSecretChecks(stack: NormalizedStack, pipeline: RecordedPipeline): PipelineCheck[] {
  const users = new Map<string, { service: string; name: string }[]>();
  const note = (key: string, service: string, name: string | undefined) => {
    if (name !== undefined) users.set(key, [...(users.get(key) ?? []), { service, name }]);
  };
  for (const service of stack.services) {
    const container = containerOf(pipeline, service);
    if (!container) continue;
    for (const entry of service.env) {
      const secret = container.secretEnv[entry.name];
      if (entry.type === "secret") note(`the stack secret ${entry.secret}`, service.name, secret);
      if (
        entry.type === "service" &&
        (entry.reference.value === "password" || entry.reference.value === "url")
      ) {
        const target = stack.services.find((candidate) => candidate.name === entry.reference.service);
        if (entry.reference.value === "password" || target?.kind.credentials) {
          note(`${entry.reference.service}'s ${entry.reference.value}`, service.name, secret);
        }
      }
    }
  }
  return [...users.entries()]
    .filter(([, readers]) => readers.length > 1)
    .map(([what, readers]) => {
      const names = [...new Set(readers.map((reader) => reader.name))];
      const recorded = pipeline.secrets.filter((secret) => secret.name === names[0]).length;
      const services = [...new Set(readers.map((reader) => reader.service))].join(", ");
      const problem =
        names.length > 1
          ? `different secrets: ${names.join(", ")}`
          : recorded > 1 &&
            `${recorded} secrets named ${names[0]}: the containers were given different values`;
      return check(`stack: ${what} is one Dagger secret in ${services}`, problem);
    });
}

function containerOf(pipeline: RecordedPipeline, service: NormalizedService): RecordedContainer | undefined {
  const located = isService(service) ? locateService(pipeline, service) : locateContainer(pipeline, service);
  if (typeof located === "string") return undefined;
  return "container" in located ? located.container : located;
}
