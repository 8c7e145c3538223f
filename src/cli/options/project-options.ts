import { findKind, SERVICE_KINDS } from "../../spec/catalog/services.js";
import { CI_PROVIDERS, LANGUAGES } from "../../spec/choices.js";
import type { Answer, Choice, Question } from "../prompts/question.js";
import { asObject, rawServices } from "./raw.js";
import { listens } from "./service-questions.js";
import type {
  Applied,
  OptionDef,
  RawService,
  RawSpec,
  StackTarget,
  SwitchOption,
  ValueOption,
} from "./types.js";
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

const LANGUAGE_TITLES: Readonly<Record<(typeof LANGUAGES)[number], string>> = {
  typescript: "TypeScript (tests with vitest)",
  python: "Python (tests with pytest)",
};

const setField = (field: string, parse: (text: string) => unknown = (text) => text) => ({
  specPath: field,
  apply(raw: RawSpec, text: string): Applied[] {
    raw[field] = parse(text);
    return [{ path: field }];
  },
});

/** `--module`, also taken by migrate (which carries it into the converted spec). */
export const MODULE_OPTION: SwitchOption & { target: StackTarget } = {
  name: "module",
  type: "boolean",
  description:
    "Also write a Dagger module: `dagger call <service> up` starts a service, `dagger call test` runs the stack's tests (--no-module removes it)",
  group: "project",
  target: { scope: "stack", ...setField("module", (text) => text === "true") },
};

export const PROJECT_OPTIONS: readonly OptionDef[] = [
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
    "lang",
    LANGUAGES.join("|"),
    "Language of the generated code (default: the project's; asked in a terminal when the folder does not tell, else typescript)",
    "--lang typescript",
    {
      scope: "stack",
      ...setField("language"),
      // Asked only when the folder does not tell: a language it shows is set before the prompts run.
      ask: {
        phase: "project",
        question: () => ({
          type: "select",
          message:
            "Language of the generated code (the folder has no package.json or pyproject.toml to tell)",
          choices: LANGUAGES.map(
            (language): Choice => ({ value: language, name: LANGUAGE_TITLES[language] }),
          ),
          default: "typescript",
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
  MODULE_OPTION,
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

/**
 * The matrix prompt offers the stack's services that listen and the catalog's data services it does not
 * have yet, each saying that picking it adds it. One pick is refused with a reason (a matrix compares),
 * never dropped in silence.
 */
function matrixQuestion({ raw }: { raw: RawSpec }): Question {
  const services = rawServices(raw);
  const names = services
    .filter((service) => listens(service, findKind(String(service.kind))))
    .map((service) => String(service.name));
  const kinds = new Set(services.map((service) => service.kind));
  const extra = SERVICE_KINDS.filter((kind) => kind.source === "image" && !kinds.has(kind.kind));
  const picks = (answer: Answer) => [answer].flat();
  return {
    type: "checkbox",
    message: `Testing matrix (optional): run the tests that use the "${MATRIX_FIXTURE}" fixture once against each service you pick, e.g. to compare two databases. Pick two or more, or none to skip`,
    choices: [
      ...names.map((name): Choice => ({ value: name, name })),
      ...extra.map(
        (kind): Choice => ({ value: kind.kind, name: `${kind.kind} (not in the stack: picking it adds it)` }),
      ),
    ],
    validate: (answer) =>
      picks(answer).length === 1
        ? "a matrix compares: pick a second service to run the same tests against, or none to skip"
        : true,
    toTexts: (answer) => (picks(answer).length >= 2 ? [`${MATRIX_FIXTURE}=${picks(answer).join(",")}`] : []),
  };
}
