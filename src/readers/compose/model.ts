import type { KeyEntry, SourceLocation } from "../source.js";
import type { VolumeMount } from "./volumes.js";

/**
 * What the compose reader hands to the converter: the merged, interpolated and validated model, each
 * key in compose's long form (what `docker compose config` prints), with where every key came from and
 * every variable used. Keys the converter does not map keep their value as written (after merging and
 * interpolation), so it can still report them.
 */
export interface ComposeInventory {
  /** The project name the files set with `name:`, if any. */
  name?: string;
  /** Compose files read, in merge order, relative to the project folder. */
  files: string[];
  /** Files that gave variables their values (`.env` or each `--env-file`), in order. */
  envFiles: string[];
  profiles: { selected: string[]; declared: string[] };
  /** Every top-level key of the merged files (services, volumes, secrets, x-..., version, ...). */
  keys: KeyEntry[];
  services: ComposeService[];
  /** Top-level secrets and configs, with whether their files exist. */
  secrets: Record<string, ComposeResource>;
  configs: Record<string, ComposeResource>;
  /** Top-level named volumes and networks as written. */
  volumes: Record<string, Record<string, unknown>>;
  networks: Record<string, Record<string, unknown>>;
  variables: ComposeVariable[];
}

export interface ComposeService {
  name: string;
  declaredAt: SourceLocation;
  status: "active" | "skipped";
  /** Why a skipped service is skipped, e.g. "profile debug not selected". */
  reason?: string;
  /** Every top-level key of the merged service, in the order first declared. */
  keys: KeyEntry[];
  config: ServiceConfig;
}

export interface ServiceConfig {
  image?: string;
  build?: BuildConfig;
  /** Words of the command; a string in the file is split as compose splits it (no shell). */
  command?: string[] | null;
  entrypoint?: string[] | null;
  working_dir?: string;
  user?: string;
  /** Variables by name; null when the file names a variable without a value and none is known. */
  environment?: Record<string, string | null>;
  env_file?: EnvFile[];
  ports?: Port[];
  expose?: string[];
  volumes?: ServiceVolume[];
  tmpfs?: string[];
  healthcheck?: Healthcheck;
  depends_on?: Record<string, Dependency>;
  profiles?: string[];
  secrets?: ResourceMount[];
  configs?: ResourceMount[];
  labels?: Record<string, string>;
  networks?: Record<string, Record<string, unknown> | null>;
  extends?: { service: string; file?: string };
  [key: string]: unknown;
}

export interface BuildConfig {
  /** Relative to the project folder (`.` for the project itself), or a URL. */
  context: string;
  /** Relative to the context, as compose reads it. */
  dockerfile?: string;
  dockerfile_inline?: string;
  args?: Record<string, string | null>;
  target?: string;
  [key: string]: unknown;
}

export interface EnvFile {
  /** Relative to the project folder. */
  path: string;
  required: boolean;
  format?: string;
  /** Whether the file was there to read; a missing optional file is skipped, as compose does. */
  found: boolean;
  /** The variables the file sets, in file order. */
  values?: Record<string, string>;
}

export interface Port {
  target: number;
  /** A port or a range such as "8000-8010"; absent when compose picks a free host port. */
  published?: string;
  host_ip?: string;
  protocol?: string;
  app_protocol?: string;
  mode?: string;
  name?: string;
}

export interface ServiceVolume extends VolumeMount {
  /** For bind mounts inside the project: what the source is on disk. */
  host?: "file" | "folder" | "missing";
  bind?: Record<string, unknown>;
  volume?: Record<string, unknown>;
  tmpfs?: Record<string, unknown>;
  consistency?: string;
}

export interface Healthcheck {
  /** ["CMD", ...], ["CMD-SHELL", "..."] or ["NONE"]; a string in the file becomes CMD-SHELL. */
  test?: string[];
  /** Durations as written, e.g. "10s", "1m30s". */
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

export type DependencyCondition = "service_started" | "service_healthy" | "service_completed_successfully";

export interface Dependency {
  condition: DependencyCondition;
  required: boolean;
  restart?: boolean;
}

/** A service's `secrets:` or `configs:` entry in long form. */
export interface ResourceMount {
  source: string;
  target: string;
  uid?: string;
  gid?: string;
  mode?: number | string;
}

/** A top-level secret or config. */
export interface ComposeResource {
  /** Relative to the project folder. */
  file?: string;
  /** Whether `file` exists; its content is never read. */
  found?: boolean;
  environment?: string;
  content?: string;
  external?: boolean;
  name?: string;
  /** Services that mount it. */
  usedBy: string[];
}

export interface ComposeVariable {
  name: string;
  /**
   * set: it has a value; defaulted: it has none and every use supplies a default; unset: compose would
   * put "" where it is used; missing: a required variable (`${VAR:?message}`, `${VAR?message}`) with no
   * value. Missing and unset ones are also warnings.
   */
  status: "set" | "defaulted" | "unset" | "missing";
  /** Where its value comes from: "environment" (the caller's), or the env file's path. */
  definedIn?: string;
  /** The message of `${VAR:?message}`. */
  message?: string;
  usedBy: VariableUser[];
}

export interface VariableUser {
  /** Absent for uses outside services (top-level secrets, the project name, ...). */
  service?: string;
  key: string;
  at: SourceLocation;
}
