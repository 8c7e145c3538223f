import { optional } from "./container-facts.js";
import type {
  RecordedCacheVolume,
  RecordedContainer,
  RecordedDockerBuild,
  RecordedEvent,
  RecordedExec,
  RecordedPipeline,
  RecordedSecret,
  RecordedService,
} from "./pipeline-types.js";
import { Renderer } from "./render.js";
import { ENGINE_VERSION } from "./schema.js";
import type {
  ContainerFacts,
  DockerBuildFacts,
  MountFacts,
  ObjectState,
  ObjectStore,
  ServiceFacts,
} from "./state.js";

type ServiceStatus = RecordedService["state"];
type EventBody = RecordedEvent extends infer E ? (E extends RecordedEvent ? Omit<E, "seq"> : never) : never;

interface Entry {
  readonly state: ObjectState;
  readonly ref: string;
  readonly seq: number;
}

/** Records what clients built and did, and renders it as a `RecordedPipeline`. */
export class Recorder {
  private seq = 0;
  private readonly entries = new Map<string, Entry>();
  private readonly counts = new Map<string, number>();
  private readonly statuses = new Map<string, ServiceStatus>();
  private readonly events: RecordedEvent[] = [];
  readonly render: Renderer;

  constructor(store: ObjectStore) {
    this.render = new Renderer(store, (id) => this.entries.get(id)?.ref);
  }

  /** Services, secrets and cache volumes are recorded when created. */
  noteCreated(state: ObjectState): void {
    if (state.service || state.secret || state.cache) this.record(state);
  }

  /** Containers are recorded when used, so intermediate chain links stay out of the recording. */
  noteUsed(state: ObjectState): void {
    if (state.container) this.record(state);
  }

  event(body: EventBody): void {
    this.events.push({ seq: this.nextSeq(), ...body } as RecordedEvent);
  }

  statusOf(serviceId: string): ServiceStatus {
    return this.statuses.get(serviceId) ?? "created";
  }

  setStatus(serviceId: string, status: ServiceStatus): void {
    this.statuses.set(serviceId, status);
  }

  snapshot(): RecordedPipeline {
    const entries = [...this.entries.values()];
    const containers = entries.filter((entry) => entry.state.container);
    const pipeline: RecordedPipeline = {
      engineVersion: ENGINE_VERSION,
      containers: containers.map((entry) => this.renderContainer(entry)),
      services: entries.filter((entry) => entry.state.service).map((entry) => this.renderService(entry)),
      secrets: entries.filter((entry) => entry.state.secret).map((entry) => renderSecret(entry)),
      cacheVolumes: entries.filter((entry) => entry.state.cache).map((entry) => renderCache(entry)),
      execs: flatExecs(containers),
      events: this.events,
    };
    return JSON.parse(JSON.stringify(pipeline)) as RecordedPipeline;
  }

  private record(state: ObjectState): void {
    if (this.entries.has(state.id)) return;
    const kind = kindOf(state);
    const count = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, count);
    this.entries.set(state.id, { state, ref: `${kind}#${count}`, seq: this.nextSeq() });
  }

  private nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  private renderContainer({ state, ref, seq }: Entry): RecordedContainer {
    const facts = state.container as ContainerFacts;
    const render = this.render;
    return {
      ref,
      seq,
      id: state.id,
      ...optional("from", facts.from),
      ...optional("dockerBuild", facts.dockerBuild && this.renderDockerBuild(facts.dockerBuild)),
      steps: facts.steps.map((step) => ({ op: step.op, args: render.args(step.args) })),
      env: { ...facts.env },
      secretEnv: Object.fromEntries(
        Object.entries(facts.secretEnv).map(([name, id]) => [name, render.secretName(id)]),
      ),
      execs: facts.execs.map((exec) => [...exec.args]),
      mounts: facts.mounts.map((mount) => ({
        path: mount.path,
        kind: mount.kind,
        ...this.mountSource(mount),
      })),
      exposedPorts: facts.exposedPorts.map((port) => ({ ...port })),
      serviceBindings: facts.bindings.map((binding) => ({
        alias: binding.alias,
        service: render.ref(binding.serviceId),
      })),
      files: facts.files.map((file) => ({ ...file })),
      ...optional("user", facts.user),
      ...optional("workdir", facts.workdir),
      ...optional("entrypoint", facts.entrypoint && [...facts.entrypoint]),
      ...optional("defaultArgs", facts.defaultArgs && [...facts.defaultArgs]),
      ...optional("healthcheck", facts.healthcheck),
    };
  }

  private renderDockerBuild(build: DockerBuildFacts): RecordedDockerBuild {
    return {
      context: this.render.ref(build.contextId),
      dockerfile: build.dockerfile,
      ...optional("target", build.target),
      buildArgs: build.buildArgs.map((arg) => ({ ...arg })),
    };
  }

  private mountSource(mount: MountFacts): { source?: string } {
    if (!mount.sourceId) return {};
    if (mount.kind === "cache") return { source: this.render.cacheKey(mount.sourceId) };
    if (mount.kind === "secret") return { source: this.render.secretName(mount.sourceId) };
    return { source: this.render.ref(mount.sourceId) };
  }

  private renderService({ state, ref, seq }: Entry): RecordedService {
    const facts = state.service as ServiceFacts;
    const base = {
      ref,
      seq,
      id: state.id,
      state: this.statusOf(state.id),
      ...optional("hostname", facts.hostname),
    };
    switch (facts.kind) {
      case "container":
        return {
          ...base,
          kind: "container",
          container: this.render.ref(facts.containerId),
          ...optional("image", this.imageOf(facts.containerId)),
          ...optional("args", facts.args?.length ? [...facts.args] : undefined),
          useEntrypoint: facts.useEntrypoint,
        };
      case "tunnel":
        return {
          ...base,
          kind: "tunnel",
          target: this.render.ref(facts.targetId),
          ports: [...facts.ports],
          native: facts.native,
        };
      case "host":
        return { ...base, kind: "host", ports: [...facts.ports] };
      case "other":
        return { ...base, kind: "other", via: facts.via };
    }
  }

  private imageOf(containerId: string): string | undefined {
    const facts = this.entries.get(containerId)?.state.container;
    if (facts?.from) return facts.from;
    return facts?.dockerBuild ? `dockerBuild:${this.render.ref(facts.dockerBuild.contextId)}` : undefined;
  }
}

function kindOf(state: ObjectState): string {
  if (state.container) return "container";
  if (state.service) return "service";
  if (state.secret) return "secret";
  return "cache";
}

function renderSecret({ state, ref, seq }: Entry): RecordedSecret {
  const secret = state.secret as NonNullable<ObjectState["secret"]>;
  return { ref, seq, name: secret.name, source: secret.source };
}

function renderCache({ state, ref, seq }: Entry): RecordedCacheVolume {
  return { ref, seq, key: state.cache?.key ?? "" };
}

function flatExecs(containers: Entry[]): RecordedExec[] {
  const seen = new Set<string>();
  const execs: RecordedExec[] = [];
  for (const { state, ref, seq } of containers) {
    for (const exec of state.container?.execs ?? []) {
      if (seen.has(exec.stateId)) continue;
      seen.add(exec.stateId);
      execs.push({ seq, container: ref, args: [...exec.args] });
    }
  }
  return execs;
}
