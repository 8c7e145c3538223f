import { wrapText } from "../render/escape.js";
import { POSTGRES_EXTENSIONS } from "../spec/catalog/extensions.js";
import { kindNames } from "../spec/catalog/services.js";
import type { Colors } from "./colors.js";
import { ADD_OPTIONS } from "./options/add-options.js";
import { MIGRATE_OPTIONS } from "./options/migrate-options.js";
import { type CommandName, OPTIONS } from "./options/table.js";
import type { HelpGroup, OptionDef } from "./options/types.js";

/** --help, generated from the option tables and the catalog so it cannot drift from either. */
type Section = readonly [group: HelpGroup, title: string];

const CREATE_SECTIONS: readonly Section[] = [
  ["project", "Project"],
  ["services", "Per service (name the service: --port redis=6380; repeat for each service)"],
  ["run", "Run"],
];

const ADD_SECTIONS: readonly Section[] = [
  ["service", "The new service (create's per-service flags, without the <service>= part)"],
  ["run", "Run"],
];

const MIGRATE_SECTIONS: readonly Section[] = [
  ["project", "What to read and carry over"],
  ["run", "Run"],
];

type Example = readonly [command: string, what: string];

const EXAMPLES: readonly Example[] = [
  ["npx create-dagger-stack my-app", "ask for everything (in a terminal)"],
  ["npx create-dagger-stack my-app --yes", "a single postgres, defaults for the rest"],
  [
    "npx create-dagger-stack --services postgres,redis --extensions postgres=pgvector,pg_search",
    "in the current folder, e.g. an existing TypeScript repo",
  ],
  [
    "npx create-dagger-stack my-app --services postgres,api:backend --context api=./api --depends-on api=postgres --ci gitlab",
    "your backend, built from ./api/Dockerfile, waits for postgres",
  ],
  [
    "npx create-dagger-stack --spec stack.yaml --port postgres=5433 --dry-run --diff",
    "preview a spec file's changes",
  ],
  [
    "npm create dagger-stack@latest -- my-app --services redis",
    "through npm create: put -- before the flags",
  ],
  [
    "npx create-dagger-stack add redis --port 6380",
    "grow the stack in the current folder, keeping your edits",
  ],
  ["npx create-dagger-stack add extension postgres postgis", "add PostGIS to the postgres service"],
  [
    "npx create-dagger-stack migrate",
    "move a docker compose project onto a Dagger stack (see migrate --help)",
  ],
  ["npx create-dagger-stack schema > stack.schema.json", "the JSON Schema for --spec files"],
];

const ADD_EXAMPLES: readonly Example[] = [
  ["npx create-dagger-stack add redis", "ask for its version and port (in a terminal), then add it"],
  [
    "npx create-dagger-stack add postgres --name db --version 17 --extension pgvector,postgis --yes",
    "a second Postgres named db, without questions",
  ],
  [
    "npx create-dagger-stack add backend --name api --context ./api --port 8080 --depends-on db --yes",
    "your API, built from ./api/Dockerfile, waits for db",
  ],
  [
    "npx create-dagger-stack add chromadb --matrix backend --dry-run --diff",
    "preview: tests using the backend fixture run against chromadb too",
  ],
  ["npx create-dagger-stack add extension postgres pg_search", "add an extension to an existing Postgres"],
  ["npx create-dagger-stack add redis --dir ./my-app", "the stack in another folder"],
];

const MIGRATE_EXAMPLES: readonly Example[] = [
  ["npx create-dagger-stack migrate", "in a terminal: shows each step and asks which services to carry over"],
  ["npx create-dagger-stack migrate --yes", "every service compose starts, without questions"],
  [
    "npx create-dagger-stack migrate -f compose.yaml -f compose.test.yaml --profile test --env-file .env.test",
    "the files, profile and variables you give docker compose",
  ],
  [
    "npx create-dagger-stack migrate ./api --services db,redis,api --lang python --yes",
    "three services of the project in ./api, as Python",
  ],
  [
    "npx create-dagger-stack migrate --dry-run --diff --report migration.json",
    "preview every change, and write nothing (not even the report)",
  ],
];

/** Descriptions start in this column and wrap at LINE_WIDTH. */
const COLUMN = 42;
const LINE_WIDTH = 110;

export function helpFor(command: CommandName, version: string, colors: Colors): string {
  if (command === "add") return addHelpText(version, colors);
  if (command === "migrate") return migrateHelpText(version, colors);
  return helpText(version, colors);
}

export function helpText(version: string, colors: Colors): string {
  const { bold } = colors;
  return [
    `${bold("create-dagger-stack")} ${version}: set up Dagger for a project: a typed config, one builder per`,
    "container, test fixtures, smoke tests and CI.",
    "",
    bold("Usage:"),
    columns(
      "  create-dagger-stack [dir] [options]",
      "create or update the stack in dir (default: the current folder); run again, it keeps dagger-stack.json's answers for what the flags leave out",
    ),
    columns("  create-dagger-stack add <kind> [options]", "add a service to the stack, keeping your edits"),
    columns(
      "  create-dagger-stack add extension <service> <extension>",
      "add a Postgres extension to a service",
    ),
    columns(
      "  create-dagger-stack migrate [dir] [options]",
      "move a project that runs its services with docker compose (or GitHub Actions job services) onto a stack",
    ),
    columns("  create-dagger-stack schema", "print the JSON Schema of --spec files"),
    columns("", "`create-dagger-stack add --help` lists add's options"),
    columns("", "`create-dagger-stack migrate --help` lists migrate's options"),
    "",
    ...sections(CREATE_SECTIONS, OPTIONS, colors),
    ...catalogLines(colors),
    ...exampleLines(EXAMPLES, colors),
    `${bold("Exit codes:")} 0 done, 1 failed (conflict, write error), 2 invalid input, 130 cancelled.`,
  ].join("\n");
}

export function addHelpText(version: string, colors: Colors): string {
  const { bold } = colors;
  return [
    `${bold("create-dagger-stack add")} ${version}: grow a stack create-dagger-stack generated, editing its code in`,
    "place: your comments, methods and changed defaults stay.",
    "",
    bold("Usage:"),
    columns("  create-dagger-stack add <kind> [options]", "add a service of a catalog kind"),
    columns(
      "  create-dagger-stack add extension <service> <extension>",
      "add a Postgres extension to a service",
    ),
    "",
    "The stack is the nearest folder from the current one up (to the git repository's root) holding",
    "dagger-stack.json, or --dir <path>. In a terminal, add asks for what the flags leave open; --yes takes the",
    "defaults instead.",
    "",
    ...sections(ADD_SECTIONS, ADD_OPTIONS, colors),
    ...catalogLines(colors),
    ...exampleLines(ADD_EXAMPLES, colors),
    "Running the same add again changes nothing and says so.",
    `${bold("Exit codes:")} 0 done or nothing to change, 1 failed (your code moved too far for an edit, a conflict,`,
    "a write error), 2 invalid input, 130 cancelled.",
  ].join("\n");
}

export function migrateHelpText(version: string, colors: Colors): string {
  const { bold } = colors;
  return [
    `${bold("create-dagger-stack migrate")} ${version}: move a project onto a Dagger stack, following four steps:`,
    "find what it runs its services with (compose files, GitHub Actions job services, or its dependencies),",
    "make the stack from it, wire the stack into the project's tests, and give CI a Dagger counterpart.",
    "",
    bold("Usage:"),
    columns(
      "  create-dagger-stack migrate [dir] [options]",
      "migrate the project in dir (default: the current folder)",
    ),
    "",
    "Every compose service becomes a builder: a catalog service when its image is one (postgres, pgvector, postgis,",
    "paradedb, redis, valkey, mysql, mariadb, mongo, chroma, minio), otherwise a container of its own image or build.",
    "Credentials become Dagger secrets shared by the containers that use them, never written anywhere; values",
    "that point at another service are rebuilt from the stack. Every key of every service is reported:",
    "printed at the end, in docs/dagger-migration.md, and as JSON with --report. In a terminal, migrate shows",
    "each step and asks which services to carry over; --yes takes them all.",
    "",
    ...sections(MIGRATE_SECTIONS, MIGRATE_OPTIONS, colors),
    ...exampleLines(MIGRATE_EXAMPLES, colors),
    "Running the same migrate again changes nothing. `add` grows a migrated stack like any other.",
    `${bold("Exit codes:")} 0 done or nothing to change, 1 failed (conflict, write error), 2 invalid input (an invalid`,
    "compose file, a flag), 130 cancelled.",
  ].join("\n");
}

function sections(list: readonly Section[], options: readonly OptionDef[], colors: Colors): string[] {
  return list.flatMap(([group, title]) => [
    colors.bold(`${title}:`),
    ...options.filter((option) => option.group === group).map(optionLine),
    "",
  ]);
}

function catalogLines({ bold }: Colors): string[] {
  return [
    `${bold("Service kinds:")} ${kindNames().join(", ")}`,
    `${bold("Postgres extensions:")} ${POSTGRES_EXTENSIONS.map((extension) => extension.id).join(", ")}`,
    "",
  ];
}

function exampleLines(examples: readonly Example[], colors: Colors): string[] {
  return [
    colors.bold("Examples:"),
    ...examples.flatMap(([command, what]) => [`  ${colors.cyan(command)}`, `      ${colors.dim(what)}`]),
    "",
  ];
}

function optionLine(option: OptionDef): string {
  const short = option.short ? `-${option.short}, ` : "";
  const names = [option.name, ...(option.aliases ?? [])].map((name) => `--${name}`).join(", ");
  return columns(
    `  ${short}${names}${option.type === "string" ? ` ${option.value}` : ""}`,
    option.description,
  );
}

/** A left part, then a description starting at COLUMN (on the next line when the left part reaches it). */
function columns(left: string, description: string): string {
  const [first = "", ...rest] = wrapText(description, LINE_WIDTH - COLUMN);
  const indent = " ".repeat(COLUMN);
  const head = left.length < COLUMN ? [`${left.padEnd(COLUMN)}${first}`] : [left, `${indent}${first}`];
  return [...head, ...rest.map((line) => `${indent}${line}`)].join("\n");
}
