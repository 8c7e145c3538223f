import { numberArg, objectListArg, stringArg, stringListArg } from "./args.js";
import type { Args, ContainerFacts, FieldCall, MountFacts, ObjectState } from "./state.js";

const EMPTY_CONTAINER: ContainerFacts = {
  steps: [],
  env: {},
  secretEnv: {},
  execs: [],
  mounts: [],
  exposedPorts: [],
  bindings: [],
  files: [],
};

type Reducer = (facts: ContainerFacts, args: Args, stateId: string) => ContainerFacts;

/** Folds one call that returns a Container into the facts of the container it produces. */
export function containerFactsFor(receiver: ObjectState, call: FieldCall, stateId: string): ContainerFacts {
  const { field, args } = call;
  const start = startingFacts(receiver, field, args);
  const withStep = { ...start, steps: [...start.steps, { op: field, args: call.explicitArgs, stateId }] };
  const reduce = reducers[field];
  return reduce ? reduce(withStep, args, stateId) : withStep;
}

function startingFacts(receiver: ObjectState, field: string, args: Args): ContainerFacts {
  if (receiver.container) return receiver.container;
  if (receiver.typeName === "Directory" && field === "dockerBuild") {
    return {
      ...EMPTY_CONTAINER,
      dockerBuild: {
        contextId: receiver.id,
        dockerfile: stringArg(args, "dockerfile") ?? "Dockerfile",
        ...optional("target", stringArg(args, "target") || undefined),
        buildArgs: objectListArg(args, "buildArgs").map((arg) => ({
          name: stringArg(arg, "name") ?? "",
          value: stringArg(arg, "value") ?? "",
        })),
      },
    };
  }
  return EMPTY_CONTAINER;
}

const reducers: Record<string, Reducer> = {
  from: (facts, args) => ({ ...facts, from: stringArg(args, "address") ?? "" }),
  withExec: (facts, args, stateId) => ({
    ...facts,
    execs: [
      ...facts.execs,
      { args: execCommand(facts, args), expect: stringArg(args, "expect") ?? "SUCCESS", stateId },
    ],
  }),
  withEnvVariable: (facts, args) => {
    const name = stringArg(args, "name") ?? "";
    return {
      ...facts,
      env: { ...facts.env, [name]: stringArg(args, "value") ?? "" },
      secretEnv: without(facts.secretEnv, name),
    };
  },
  withoutEnvVariable: (facts, args) => ({ ...facts, env: without(facts.env, stringArg(args, "name") ?? "") }),
  withSecretVariable: (facts, args) => {
    const name = stringArg(args, "name") ?? "";
    return {
      ...facts,
      secretEnv: { ...facts.secretEnv, [name]: stringArg(args, "secret") ?? "" },
      env: without(facts.env, name),
    };
  },
  withoutSecretVariable: (facts, args) => ({
    ...facts,
    secretEnv: without(facts.secretEnv, stringArg(args, "name") ?? ""),
  }),
  withServiceBinding: (facts, args) => {
    const alias = stringArg(args, "alias") ?? "";
    const others = facts.bindings.filter((binding) => binding.alias !== alias);
    return { ...facts, bindings: [...others, { alias, serviceId: stringArg(args, "service") ?? "" }] };
  },
  withExposedPort: (facts, args) => {
    const port = numberArg(args, "port") ?? 0;
    const protocol = stringArg(args, "protocol") ?? "TCP";
    const others = facts.exposedPorts.filter((p) => p.port !== port || p.protocol !== protocol);
    const description = stringArg(args, "description");
    return {
      ...facts,
      exposedPorts: [...others, { port, protocol, ...optional("description", description) }],
    };
  },
  withoutExposedPort: (facts, args) => {
    const port = numberArg(args, "port");
    const protocol = stringArg(args, "protocol") ?? "TCP";
    return {
      ...facts,
      exposedPorts: facts.exposedPorts.filter((p) => p.port !== port || p.protocol !== protocol),
    };
  },
  withMountedDirectory: mountReducer("directory", "source"),
  withMountedCache: mountReducer("cache", "cache"),
  withMountedFile: mountReducer("file", "source"),
  withMountedSecret: mountReducer("secret", "source"),
  withMountedTemp: mountReducer("temp", undefined),
  withoutMount: (facts, args) => ({
    ...facts,
    mounts: facts.mounts.filter((m) => m.path !== stringArg(args, "path")),
  }),
  withNewFile: (facts, args) => ({
    ...facts,
    files: [
      ...facts.files,
      { path: stringArg(args, "path") ?? "", contents: stringArg(args, "contents") ?? "" },
    ],
  }),
  withUser: (facts, args) => ({ ...facts, user: stringArg(args, "name") ?? "" }),
  withoutUser: (facts) => without(facts, "user"),
  withWorkdir: (facts, args) => ({ ...facts, workdir: stringArg(args, "path") ?? "" }),
  withoutWorkdir: (facts) => without(facts, "workdir"),
  withEntrypoint: (facts, args) => ({ ...facts, entrypoint: stringListArg(args, "args") ?? [] }),
  withoutEntrypoint: (facts) => without(facts, "entrypoint"),
  withDefaultArgs: (facts, args) => ({ ...facts, defaultArgs: stringListArg(args, "args") ?? [] }),
  withoutDefaultArgs: (facts) => without(facts, "defaultArgs"),
  withDockerHealthcheck: (facts) => ({ ...facts, healthcheck: "custom" }),
  withoutDockerHealthcheck: (facts) => ({ ...facts, healthcheck: "none" }),
};

/**
 * The command an exec runs, as the engine makes it (core/container.go `command`): no arguments run the
 * default arguments, and `useEntrypoint` puts the entrypoint first. An image's own ENTRYPOINT and CMD are
 * unknown here: only what the chain set counts.
 */
function execCommand(facts: ContainerFacts, args: Args): string[] {
  const given = stringListArg(args, "args") ?? [];
  const command = given.length > 0 ? given : [...(facts.defaultArgs ?? [])];
  const useEntrypoint = args.useEntrypoint === true;
  return useEntrypoint && facts.entrypoint ? [...facts.entrypoint, ...command] : command;
}

function mountReducer(kind: MountFacts["kind"], sourceArg: string | undefined): Reducer {
  return (facts, args) => {
    const path = stringArg(args, "path") ?? "";
    const sourceId = sourceArg ? stringArg(args, sourceArg) : undefined;
    const others = facts.mounts.filter((mount) => mount.path !== path);
    return { ...facts, mounts: [...others, { path, kind, ...optional("sourceId", sourceId) }] };
  };
}

function without<T extends object, K extends keyof T>(record: T, key: K): Omit<T, K> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

/** `{ [key]: value }` when value is defined, `{}` otherwise, to keep absent facts absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
