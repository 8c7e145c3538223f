import type { Answer, Question } from "../prompts/question.js";
import { asObject, findServiceIndex, rawServices } from "./raw.js";
import {
  dependsOnQuestion,
  extensionsQuestion,
  has,
  healthPathQuestion,
  nameOf,
  packagesQuestion,
  portQuestion,
  versionQuestion,
} from "./service-questions.js";
import type { Applied, AskPhase, RawSpec, ServiceContext, ValueOption } from "./types.js";
import { parseMount, parsePort, splitKeyed, splitList } from "./values.js";

/** Options for one service, written `--flag <service>=<value>` and repeatable across services. */
interface ServiceOptionDef {
  name: string;
  value: string;
  description: string;
  example: string;
  /** The spec field the value lands in, e.g. `healthPath`. */
  field: string;
  /** The spec path reported for it when that is deeper than the field, e.g. `build.context`. */
  path?: string;
  parse(text: string, example: string): unknown;
  /** Combines the value with what the service already has; by default the flag replaces it. */
  merge?(current: unknown, value: unknown): unknown;
  ask?: { phase: AskPhase; question(context: ServiceContext): Question | undefined };
}

function serviceOption(def: ServiceOptionDef): ValueOption {
  return {
    name: def.name,
    type: "string",
    value: def.value,
    description: def.description,
    example: def.example,
    multiple: true,
    group: "services",
    target: {
      scope: "service",
      field: def.path ?? def.field,
      ask: def.ask,
      apply: (raw, text) => applyToService(raw, text, def),
    },
  };
}

function applyToService(raw: RawSpec, text: string, def: ServiceOptionDef): Applied[] {
  const [name, valueText] = splitKeyed(text, def.example);
  const index = findServiceIndex(raw, name, def.example);
  const service = rawServices(raw)[index] ?? {};
  // The hint's example names the service the value was for: `--port postgres=6380`, not redis.
  const value = def.parse(valueText, def.example.replace(/ [^\s=]+=/, ` ${name}=`));
  service[def.field] = def.merge ? def.merge(service[def.field], value) : value;
  (raw.services as unknown[])[index] = service;
  return [{ path: `services[${index}].${def.path ?? def.field}` }];
}

const text = (value: string) => value;

/** `build` may be the string shorthand for its context; flags set one part and keep the other. */
const buildPart = (part: "context" | "dockerfile") => (current: unknown, value: unknown) => ({
  ...(typeof current === "string" ? { context: current } : asObject(current)),
  [part]: value,
});

const packagesPart = (part: "apt" | "pip") => (current: unknown, value: unknown) => ({
  ...asObject(current),
  [part]: value,
});

/** A mount replaces one with the same target and keeps the others. */
function mergeMount(current: unknown, value: unknown): unknown[] {
  const targetOf = (mount: unknown) =>
    typeof mount === "string" ? mount.split(":")[1] : asObject(mount).target;
  const mounts = Array.isArray(current) ? current : [];
  return [...mounts.filter((mount) => targetOf(mount) !== targetOf(value)), value];
}

function mergeEnv(current: unknown, value: unknown): Record<string, unknown> {
  return { ...asObject(current), ...asObject(value) };
}

function parseEnv(value: string, example: string): Record<string, string> {
  const [key, envValue] = splitKeyed(value, example, "<KEY>");
  return { [key]: envValue };
}

const commaList = (answer: Answer) =>
  [answer]
    .flat()
    .join(",")
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);

export const SERVICE_OPTIONS: readonly ValueOption[] = [
  serviceOption({
    name: "service-version",
    value: "<service>=<version>",
    description: "Version from the catalog, e.g. postgres=17",
    example: "--service-version postgres=17",
    field: "version",
    parse: text,
    ask: { phase: "service", question: versionQuestion },
  }),
  serviceOption({
    name: "port",
    value: "<service>=<port>",
    description: "Host port `stack:up` publishes it on",
    example: "--port redis=6380",
    field: "port",
    parse: parsePort,
    ask: { phase: "service", question: portQuestion },
  }),
  serviceOption({
    name: "extensions",
    value: "<service>=<list>",
    description: "Postgres extensions, e.g. postgres=pgvector,postgis",
    example: "--extensions postgres=pgvector,pg_search",
    field: "extensions",
    parse: splitList,
    ask: { phase: "service", question: extensionsQuestion },
  }),
  serviceOption({
    name: "database",
    value: "<service>=<name>",
    description: "Database to create",
    example: "--database postgres=app_test",
    field: "database",
    parse: text,
    ask: {
      phase: "service",
      question: (context) =>
        has(context.kind, "database")
          ? {
              type: "input",
              message: `${nameOf(context)}: database name`,
              default: context.kind.defaultDatabase,
            }
          : undefined,
    },
  }),
  serviceOption({
    name: "user",
    value: "<service>=<name>",
    description: "Database user",
    example: "--user postgres=app",
    field: "user",
    parse: text,
  }),
  serviceOption({
    name: "context",
    value: "<service>=<path>",
    description: "Build context of a backend/frontend (default: ./<service>)",
    example: "--context api=./services/api",
    field: "build",
    path: "build.context",
    parse: text,
    merge: buildPart("context"),
    ask: {
      phase: "service",
      question: (context) =>
        has(context.kind, "build")
          ? { type: "input", message: `${nameOf(context)}: build context`, default: `./${nameOf(context)}` }
          : undefined,
    },
  }),
  serviceOption({
    name: "dockerfile",
    value: "<service>=<path>",
    description: "Dockerfile inside the build context (default: Dockerfile)",
    example: "--dockerfile api=docker/Dockerfile.dev",
    field: "build",
    path: "build.dockerfile",
    parse: text,
    merge: buildPart("dockerfile"),
    ask: {
      phase: "service",
      question: (context) =>
        has(context.kind, "build")
          ? {
              type: "input",
              message: `${nameOf(context)}: Dockerfile (in the build context)`,
              default: "Dockerfile",
            }
          : undefined,
    },
  }),
  serviceOption({
    name: "image",
    value: "<service>=<ref>",
    description: "Image of a custom container (or an override of a catalog image)",
    example: "--image worker=python:3.12.14-slim-bookworm",
    field: "image",
    parse: text,
    ask: {
      phase: "service",
      question: (context) =>
        context.kind.source === "custom"
          ? {
              type: "input",
              message: `${nameOf(context)}: image, e.g. python:3.12.14-slim-bookworm`,
              required: true,
            }
          : undefined,
    },
  }),
  serviceOption({
    name: "apt",
    value: "<service>=<list>",
    description: "System packages for a custom container",
    example: "--apt worker=ffmpeg,libsndfile1",
    field: "packages",
    path: "packages.apt",
    parse: splitList,
    merge: packagesPart("apt"),
    ask: { phase: "service", question: (context) => packagesQuestion(context, "system packages (apt)") },
  }),
  serviceOption({
    name: "pip",
    value: "<service>=<list>",
    description: "Python packages for a custom container",
    example: "--pip worker=librosa,numpy",
    field: "packages",
    path: "packages.pip",
    parse: splitList,
    merge: packagesPart("pip"),
    ask: { phase: "service", question: (context) => packagesQuestion(context, "Python packages (pip)") },
  }),
  serviceOption({
    name: "mount",
    value: "<service>=<src>:<target>",
    description: "Mount a project folder into a custom container (repeatable)",
    example: "--mount worker=./audio_files:/audio_files",
    field: "mounts",
    parse: parseMount,
    merge: mergeMount,
    ask: {
      phase: "service",
      question: (context) =>
        has(context.kind, "mounts")
          ? {
              type: "input",
              message: `${nameOf(context)}: folders to mount, as source:target, comma-separated (empty: none)`,
              toTexts: commaList,
            }
          : undefined,
    },
  }),
  serviceOption({
    name: "env",
    value: "<service>=<KEY>=<value>",
    description: "Environment variable (repeatable); env://NAME reads a host variable as a secret",
    example: "--env api=LOG_LEVEL=info",
    field: "env",
    parse: parseEnv,
    merge: mergeEnv,
  }),
  serviceOption({
    name: "health-path",
    value: "<service>=<path>",
    description: "HTTP path the smoke test requests",
    example: "--health-path api=/health",
    field: "healthPath",
    parse: text,
    ask: { phase: "service", question: healthPathQuestion },
  }),
  serviceOption({
    name: "depends-on",
    value: "<service>=<list>",
    description: "Services it waits for before starting",
    example: "--depends-on api=postgres,redis",
    field: "dependsOn",
    parse: splitList,
    ask: { phase: "links", question: dependsOnQuestion },
  }),
];
