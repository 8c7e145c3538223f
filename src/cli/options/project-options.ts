import { SERVICE_KINDS } from "../../spec/catalog/services.js";
import { CI_PROVIDERS, LANGUAGES } from "../../spec/choices.js";
import type { Answer, Choice } from "../prompts/question.js";
import { asObject, rawServices } from "./raw.js";
import type { Applied, RawService, RawSpec, StackTarget, ValueOption } from "./types.js";
import { splitKeyed, splitList } from "./values.js";

/** Options about the whole stack: they set top-level spec fields. */
function projectOption(
  name: string,
  value: string,
  description: string,
  example: string,
  target: StackTarget,
  multiple = false,
): ValueOption {
  return { name, type: "string", value, description, example, multiple, group: "project", target };
}

const setField = (field: string, parse: (text: string) => unknown = (text) => text) => ({
  specPath: field,
  apply(raw: RawSpec, text: string): Applied[] {
    raw[field] = parse(text);
    return [{ path: field }];
  },
});

export const PROJECT_OPTIONS: readonly ValueOption[] = [
  projectOption("name", "<name>", "Project name (default: the folder's name)", "--name knowledge-beast", {
    scope: "stack",
    ...setField("name"),
    ask: {
      phase: "project",
      question: ({ defaultName }) => ({
        type: "input",
        message: "Project name",
        default: defaultName,
        required: true,
      }),
    },
  }),
  projectOption(
    "lang",
    LANGUAGES.join("|"),
    "Language of the generated code (default: python for a Python project without package.json)",
    "--lang typescript",
    {
      scope: "stack",
      ...setField("language"),
    },
  ),
  projectOption(
    "services",
    "<list>",
    "Services, comma-separated: a kind, or name:kind to name it",
    "--services postgres,redis,api:backend",
    {
      scope: "stack",
      specPath: "services",
      apply: applyServices,
      ask: {
        phase: "project",
        question: () => ({
          type: "checkbox",
          message: "Services to include",
          choices: SERVICE_KINDS.map(
            (kind): Choice => ({ value: kind.kind, name: `${kind.kind} — ${kind.title}` }),
          ),
          required: true,
        }),
      },
    },
  ),
  projectOption(
    "matrix",
    "<fixture>=<list>",
    "Testing matrix: tests using the fixture run once per listed service (repeatable)",
    "--matrix backend=chromadb,postgres",
    {
      scope: "stack",
      specPath: "matrix",
      apply: applyMatrix,
      ask: { phase: "finish", question: matrixQuestion },
    },
    true,
  ),
  projectOption(
    "ci",
    CI_PROVIDERS.join("|"),
    "CI provider to generate a workflow for (default: github)",
    "--ci gitlab",
    {
      scope: "stack",
      ...setField("ci"),
      ask: {
        phase: "finish",
        question: () => ({
          type: "select",
          message: "CI provider",
          choices: CI_PROVIDERS.map((provider) => ({ value: provider, name: provider })),
          default: "github",
        }),
      },
    },
  ),
  projectOption(
    "node-versions",
    "<list>",
    "Node versions for the CI matrix (default: 20,22)",
    "--node-versions 20,22",
    {
      scope: "stack",
      ...setField("nodeVersions", splitList),
    },
  ),
];

interface ServiceEntry {
  text: string;
  name: string;
  kind?: string;
}

/** `--services` defines the list; a spec file's service with the same name keeps its settings. */
function applyServices(raw: RawSpec, text: string): Applied[] {
  const previous = rawServices(raw);
  const entries = splitList(text).map(parseServiceEntry);
  raw.services = entries.map((entry) => serviceFromEntry(entry, previous));
  return entries.flatMap((entry, index) => [
    { path: `services[${index}].name`, shown: entry.text },
    { path: `services[${index}].kind`, shown: entry.text },
  ]);
}

function parseServiceEntry(text: string): ServiceEntry {
  const at = text.indexOf(":");
  return at < 0
    ? { text, name: text }
    : { text, name: text.slice(0, at).trim(), kind: text.slice(at + 1).trim() };
}

function serviceFromEntry(entry: ServiceEntry, previous: RawService[]): RawService {
  const existing = previous.find((service) => service.name === entry.name);
  if (existing) return entry.kind === undefined ? existing : { ...existing, kind: entry.kind };
  return { name: entry.name, kind: entry.kind ?? entry.name };
}

function applyMatrix(raw: RawSpec, text: string): Applied[] {
  const [axis, targets] = splitKeyed(text, "--matrix backend=chromadb,postgres", "<fixture>");
  raw.matrix = { ...asObject(raw.matrix), [axis]: splitList(targets) };
  return [{ path: `matrix.${axis}` }];
}

const MATRIX_FIXTURE = "backend";

function matrixQuestion({ raw }: { raw: RawSpec }) {
  const names = rawServices(raw).map((service) => String(service.name));
  const kinds = new Set(rawServices(raw).map((service) => service.kind));
  const extra = SERVICE_KINDS.filter((kind) => kind.source === "image" && !kinds.has(kind.kind)).map(
    (kind) => kind.kind,
  );
  return {
    type: "checkbox" as const,
    message: `Testing matrix: run the "${MATRIX_FIXTURE}" tests against each of (pick two or more, or none)`,
    choices: [...names, ...extra].map(
      (value): Choice => ({ value, name: names.includes(value) ? value : `${value} (added)` }),
    ),
    toTexts: (answer: Answer) =>
      answer.length >= 2 ? [`${MATRIX_FIXTURE}=${[answer].flat().join(",")}`] : [],
  };
}
