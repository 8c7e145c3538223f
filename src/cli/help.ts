import { wrapText } from "../render/escape.js";
import { POSTGRES_EXTENSIONS } from "../spec/catalog/extensions.js";
import { kindNames } from "../spec/catalog/services.js";
import type { Colors } from "./colors.js";
import { OPTIONS } from "./options/table.js";
import type { HelpGroup, OptionDef } from "./options/types.js";

/** --help, generated from the option table and the catalog so it cannot drift from either. */
const GROUP_TITLES: Record<HelpGroup, string> = {
  project: "Project",
  services: "Per service (name the service: --port redis=6380; repeat for each service)",
  run: "Run",
};

const EXAMPLES: readonly [string, string][] = [
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
  ["npx create-dagger-stack schema > stack.schema.json", "the JSON Schema for --spec files"],
];

/** Descriptions start in this column and wrap at LINE_WIDTH. */
const COLUMN = 42;
const LINE_WIDTH = 110;

export function helpText(version: string, colors: Colors): string {
  const { bold } = colors;
  return [
    `${bold("create-dagger-stack")} ${version}: set up Dagger for a project: a typed config, one builder per`,
    "container, test fixtures, smoke tests and CI.",
    "",
    bold("Usage:"),
    "  create-dagger-stack [dir] [options]     create or update the stack in dir (default: the current folder)",
    "  create-dagger-stack schema              print the JSON Schema of --spec files",
    "",
    ...(Object.keys(GROUP_TITLES) as HelpGroup[]).flatMap((group) => groupLines(group, colors)),
    `${bold("Service kinds:")} ${kindNames().join(", ")}`,
    `${bold("Postgres extensions:")} ${POSTGRES_EXTENSIONS.map((extension) => extension.id).join(", ")}`,
    "",
    bold("Examples:"),
    ...EXAMPLES.flatMap(([command, what]) => [`  ${colors.cyan(command)}`, `      ${colors.dim(what)}`]),
    "",
    `${bold("Exit codes:")} 0 done, 1 failed (conflict, write error), 2 invalid input, 130 cancelled.`,
  ].join("\n");
}

function groupLines(group: HelpGroup, colors: Colors): string[] {
  const options = OPTIONS.filter((option) => option.group === group);
  return [colors.bold(`${GROUP_TITLES[group]}:`), ...options.map(optionLine), ""];
}

function optionLine(option: OptionDef): string {
  const short = option.short ? `-${option.short}, ` : "";
  const flag = `  ${short}--${option.name}${option.type === "string" ? ` ${option.value}` : ""}`;
  const [first = "", ...rest] = wrapText(option.description, LINE_WIDTH - COLUMN);
  const indent = " ".repeat(COLUMN);
  const head = flag.length < COLUMN ? [`${flag.padEnd(COLUMN)}${first}`] : [flag, `${indent}${first}`];
  return [...head, ...rest.map((line) => `${indent}${line}`)].join("\n");
}
