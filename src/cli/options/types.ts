import type { ServiceKind } from "../../spec/catalog/services.js";
import type { Question } from "../prompts/question.js";

/**
 * The option table's types. One declaration per flag drives the parseArgs config, the --help text, the
 * prompt that asks for it, how its value lands in the raw spec and how a spec path maps back to it.
 */

/** The spec as read from a file and amended by flags and answers, before zod has seen it. */
export type RawSpec = Record<string, unknown>;
export type RawService = Record<string, unknown>;

/** The --help section a flag is listed under: create's project and per-service flags, add's new service, run. */
export type HelpGroup = "project" | "services" | "service" | "run";

/** When a prompt is asked: the project first, then each service, then links between them, then the rest. */
export type AskPhase = "project" | "service" | "links" | "finish";

export interface StackContext {
  raw: RawSpec;
  /** The project name used when nobody gives one: the target folder's name, made valid. */
  defaultName: string;
}

export interface ServiceContext {
  raw: RawSpec;
  service: RawService;
  index: number;
  kind: ServiceKind;
}

interface OptionBase {
  /** The long flag without dashes: `port` for `--port`. */
  name: string;
  /** Other long names for the same flag: `service-version` for add's `--version`. */
  aliases?: readonly string[];
  short?: string;
  description: string;
  group: HelpGroup;
}

export interface SwitchOption extends OptionBase {
  type: "boolean";
  /** For a switch that sets a spec field: `--module` applies "true", `--no-module` "false". */
  target?: StackTarget;
}

/** A spec path a flag value set; `shown` is the part of the value to name in messages, when not all of it. */
export interface Applied {
  path: string;
  shown?: string;
}

export interface StackTarget {
  scope: "stack";
  /** The spec path this flag sets, e.g. `name` or `matrix`. */
  specPath: string;
  /** Writes one flag value into the raw spec; returns the spec paths it set. */
  apply(raw: RawSpec, text: string): Applied[];
  ask?: { phase: AskPhase; question(context: StackContext): Question | undefined };
}

export interface ServiceTarget {
  scope: "service";
  /** The field under each service, e.g. `port` or `build.context`. */
  field: string;
  apply(raw: RawSpec, text: string): Applied[];
  ask?: { phase: AskPhase; question(context: ServiceContext): Question | undefined };
}

export interface ValueOption extends OptionBase {
  type: "string";
  /** The value's shape in --help: `<service>=<port>`. */
  value: string;
  /** Repeatable: every occurrence counts, in order. */
  multiple: boolean;
  /** One full example, shown in hints. */
  example: string;
  /** Where the value lands in the spec; absent for options about the run itself (--spec). */
  target?: StackTarget | ServiceTarget;
}

export type OptionDef = SwitchOption | ValueOption;
