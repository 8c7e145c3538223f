import type { DockerOptions, ServiceConfig } from "../readers/inventory.js";
import type { KeyReport } from "../readers/report.js";
import type { DependencyCondition, MountSpec, PortSpec, ServiceSpecInput } from "../spec/schema.js";
import type { CatalogMatch } from "./images.js";

/**
 * The converter's own shapes: every place a project starts containers (compose, GitHub Actions job
 * services, its dependencies) seen the same way, and what the converter decides about each before it
 * writes the spec.
 */
export type SourceOrigin = "compose" | "github-actions" | "dependencies";

export interface SourceService {
  /** The name the project gives it. */
  name: string;
  origin: SourceOrigin;
  /** The file that declares it (for dependencies, where the first clue is). */
  file: string;
  /** Its top-level keys, in the order written; each gets a report entry. */
  keys: string[];
  /** In compose's long form; a workflow service's `env` is read as `environment`. */
  config: ServiceConfig;
  /** A workflow service's `options:` (docker create flags). */
  options?: DockerOptions;
  /** A workflow job's matrix values for each `matrix.X` the service uses. */
  matrix?: Record<string, unknown[]>;
  /** For a service only the dependencies suggest: the kind, extensions and clues. */
  proposal?: { kind: string; extensions: string[]; evidence: string[] };
}

/** What the converter knows of each carried-over service before converting its keys. */
export interface ServicePlan {
  source: SourceService;
  /** Its name in the stack (a valid hostname and method name). */
  name: string;
  kind: string;
  catalog?: CatalogMatch;
  /** A one-shot job: something waits for it to complete. */
  job: boolean;
  /** Its ports as the spec will list them; the first is the primary. */
  ports: PortSpec[];
  /** Host names other containers may reach it by: its project name, hostname, aliases. */
  hosts: string[];
  /** A catalog database's login as the project sets it up. */
  user?: string;
  database?: string;
  /** The password the project gave a catalog service (compared, never written). */
  password?: string;
}

export type EnvDraft =
  | { type: "literal"; value: string }
  | { type: "host"; variable: string }
  | { type: "service"; service: string; value: ServiceValueName }
  | { type: "secret"; group: number };

export type ServiceValueName = "url" | "host" | "port" | "user" | "password" | "database";

export interface EnvOutcome {
  name: string;
  /** Which key set it: environment, env_file, or a workflow's env. */
  key: string;
  /** Absent when the variable is not carried over (a catalog password the stack makes, a *_FILE). */
  value?: EnvDraft;
  status: KeyReport["status"];
  /** Why, in a few words, without the value. */
  note?: string;
  /** Services it names in a way the stack keeps literally: a dependency to add. */
  names?: string[];
}

export interface DependencyDraft {
  service: string;
  condition: DependencyCondition;
}

/** A report entry before it is given its key. */
export type Verdict =
  | { status: "converted"; note?: string }
  | { status: "approximated" | "dropped"; note: string };

/** The spec of one service while its keys are converted. */
export interface ServiceDraft {
  spec: ServiceSpecInput;
  mounts: MountSpec[];
  dependencies: DependencyDraft[];
}
