/**
 * The JSON shape returned by `EngineStandIn.pipeline()`.
 *
 * Objects refer to each other by `ref` ("container#1", "service#2"). Every record and event carries a
 * `seq` from one counter, so ordering across kinds can be compared. Secrets appear by name (or URI),
 * never by value.
 */
export interface RecordedPipeline {
  engineVersion: string;
  containers: RecordedContainer[];
  services: RecordedService[];
  secrets: RecordedSecret[];
  cacheVolumes: RecordedCacheVolume[];
  /** Every exec of every recorded container, once each, in recording order. */
  execs: RecordedExec[];
  /** Starts, stops, endpoints, evaluations and exec failures, in the order they happened. */
  events: RecordedEvent[];
}

/**
 * A container is recorded when it is used: when a field that does not continue the container chain
 * (`sync`, `stdout`, `asService`, `directory`, `id`, ...) is selected on it.
 */
export interface RecordedContainer {
  ref: string;
  seq: number;
  id: string;
  /** Image address given to `from`. */
  from?: string;
  dockerBuild?: RecordedDockerBuild;
  /**
   * Every call of the chain in order, with the arguments the client wrote. Object arguments appear as
   * `secret:<name>`, `cache:<key>`, a ref (`service#1`), or a call chain (`host.directory(path: ".")`).
   */
  steps: RecordedStep[];
  env: Record<string, string>;
  /** Environment variable name → secret name (or URI for `secret(uri)`). */
  secretEnv: Record<string, string>;
  execs: string[][];
  mounts: RecordedMount[];
  exposedPorts: RecordedPort[];
  serviceBindings: { alias: string; service: string }[];
  files: { path: string; contents: string }[];
  user?: string;
  workdir?: string;
  entrypoint?: string[];
  defaultArgs?: string[];
  /**
   * How the engine decides the service is ready: absent, by the image's Docker HEALTHCHECK if it has one
   * (else by dialing the exposed ports); "none" after withoutDockerHealthcheck (ports only); "custom" after
   * withDockerHealthcheck.
   */
  healthcheck?: "none" | "custom";
}

export interface RecordedDockerBuild {
  /** Description of the build context directory, e.g. `host.directory(path: ".")`. */
  context: string;
  dockerfile: string;
  target?: string;
  buildArgs: { name: string; value: string }[];
}

export interface RecordedStep {
  op: string;
  args: Record<string, unknown>;
}

export interface RecordedMount {
  path: string;
  kind: "directory" | "cache" | "file" | "secret" | "temp";
  /** Cache key, secret name, or a description of the mounted directory/file. */
  source?: string;
}

export interface RecordedPort {
  port: number;
  protocol: string;
  description?: string;
}

export interface RecordedService {
  ref: string;
  seq: number;
  id: string;
  kind: "container" | "tunnel" | "host" | "other";
  /** For `asService`: the container and its image. */
  container?: string;
  image?: string;
  args?: string[];
  useEntrypoint?: boolean;
  /** For tunnels: the tunnelled service and the requested port mappings. */
  target?: string;
  ports?: RecordedPortForward[];
  native?: boolean;
  hostname?: string;
  /** How the service was created when it is not a container, tunnel or host service. */
  via?: string;
  state: "created" | "running" | "stopped";
}

export interface RecordedPortForward {
  backend: number;
  frontend?: number;
  protocol: string;
}

export interface RecordedSecret {
  ref: string;
  seq: number;
  name: string;
  source: "setSecret" | "uri";
}

export interface RecordedCacheVolume {
  ref: string;
  seq: number;
  key: string;
}

export interface RecordedExec {
  seq: number;
  container: string;
  args: string[];
}

/** The real server a tunnel led to: the kinds' own servers, or stand-ins that speak their protocol. */
export type RealServerKind = "postgres" | "redis" | "mariadb" | "ferretdb" | "chromadb" | "minio" | "none";

export type RecordedEvent =
  | { seq: number; type: "start"; service: string; trigger: StartTrigger }
  | { seq: number; type: "stop"; service: string; kill: boolean; wasRunning: boolean }
  | { seq: number; type: "endpoint"; service: string; endpoint: string; realServer?: RealServerKind }
  | { seq: number; type: "evaluate"; target: string; field: string }
  | { seq: number; type: "execFailed"; container: string; args: string[]; exitCode: number };

/** Why a service was started: explicitly, as a tunnel's target, or as a binding of an evaluated container. */
export type StartTrigger = "start" | "tunnel" | "binding" | "endpoint" | "up";
