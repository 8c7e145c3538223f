import { LANGUAGES } from "../../spec/choices.js";
import { MODULE_OPTION } from "./project-options.js";
import { RUN_OPTIONS } from "./run-options.js";
import type { OptionDef, ValueOption } from "./types.js";

/**
 * `migrate`'s flags: which compose files, profiles and env files to read (as `docker compose` takes
 * them), which services to carry over, the language, where to write the JSON report, and --module. None
 * of them lands in a spec directly: the converter makes the spec from what the project has.
 */
function migrateOption(
  name: string,
  value: string,
  description: string,
  example: string,
  multiple: boolean,
  short?: string,
): ValueOption {
  return {
    name,
    type: "string",
    value,
    description,
    example,
    multiple,
    group: "project",
    ...(short && { short }),
  };
}

export const MIGRATE_FILE = migrateOption(
  "file",
  "<file>",
  "A compose file to read, like docker compose -f; repeat it to merge several in order (default: compose.yaml and its override, as docker compose finds them)",
  "-f compose.yaml -f compose.test.yaml",
  true,
  "f",
);

export const MIGRATE_PROFILE = migrateOption(
  "profile",
  "<name>",
  "A compose profile to select, like docker compose --profile; repeatable (services of other profiles are skipped and reported)",
  "--profile dev",
  true,
);

export const MIGRATE_ENV_FILE = migrateOption(
  "env-file",
  "<file>",
  "Read variables from this file instead of .env, like docker compose --env-file; repeatable",
  "--env-file .env.test",
  true,
);

export const MIGRATE_SERVICES = migrateOption(
  "services",
  "<list>",
  "The services to carry over, comma-separated, by the names the project gives them (default: all; asked in a terminal)",
  "--services db,api",
  false,
);

export const MIGRATE_LANG = migrateOption(
  "lang",
  LANGUAGES.join("|"),
  "Language of the generated code (default: the project's; asked in a terminal when the folder does not tell, else typescript)",
  "--lang python",
  false,
);

export const MIGRATE_REPORT = migrateOption(
  "report",
  "<file.json>",
  "Also write the migration report as JSON to this file (inside the project)",
  "--report migration.json",
  false,
);

const MIGRATE_SWITCHES = new Set(["yes", "dry-run", "diff", "force", "interactive", "help"]);

/** Every flag of `migrate`, in the order --help lists them. */
export const MIGRATE_OPTIONS: readonly OptionDef[] = [
  MIGRATE_FILE,
  MIGRATE_PROFILE,
  MIGRATE_ENV_FILE,
  MIGRATE_SERVICES,
  MIGRATE_LANG,
  MIGRATE_REPORT,
  MODULE_OPTION,
  ...RUN_OPTIONS.filter((option) => MIGRATE_SWITCHES.has(option.name)),
];
