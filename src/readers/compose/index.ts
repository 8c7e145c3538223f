import { posix } from "node:path";
import { UsageError } from "../../errors.js";
import type { ReaderWarning } from "../source.js";
import { DotenvError, parseDotenv } from "./dotenv.js";
import { type ComposeLoadResult, loadCompose, type ProjectFiles, type VariableValue } from "./load.js";

/**
 * Reads a project's compose setup as `docker compose` would for the same options: which files (the -f
 * list, else COMPOSE_FILE, else the default names in the project folder), which variables (the caller's
 * environment first, then `.env` or each --env-file, later files winning), which profiles (the given
 * ones, else COMPOSE_PROFILES). All file access goes through ProjectFiles; the rest is loadCompose().
 */
export interface ComposeReadOptions {
  /** Compose files, relative to the project folder, merged in this order (docker compose -f). */
  files?: readonly string[];
  profiles?: readonly string[];
  /** Env files, relative to the project folder, replacing the default `.env` (docker compose --env-file). */
  envFiles?: readonly string[];
  /** The environment compose would see. None by default: a migration should not depend on the shell. */
  environment?: Readonly<Record<string, string | undefined>>;
}

/** In compose-go's order of preference (cli/options.go DefaultFileNames): .yml before .yaml for docker-compose. */
export const COMPOSE_FILE_NAMES = [
  "compose.yaml",
  "compose.yml",
  "docker-compose.yml",
  "docker-compose.yaml",
];
export const OVERRIDE_FILE_NAMES = [
  "compose.override.yml",
  "compose.override.yaml",
  "docker-compose.override.yml",
  "docker-compose.override.yaml",
];

export function readCompose(
  project: ProjectFiles,
  options: ComposeReadOptions = {},
): ComposeLoadResult | undefined {
  const warnings: ReaderWarning[] = [];
  const environment = environmentValues(options.environment);
  // Like compose, the folder of the first -f file holds the default .env and anchors relative paths.
  const named = (options.files ?? []).map(normalize);
  const dotenv = posix.join(posix.dirname(named[0] ?? "compose.yaml"), ".env");
  const envFiles = (options.envFiles ?? (project.kind(dotenv) === "file" ? [dotenv] : [])).map(normalize);
  const variables = withEnvFiles(project, environment, envFiles, options.envFiles !== undefined);
  const files = composeFiles(project, named, variables, warnings);
  if (files.length === 0) return undefined;
  const profiles = options.profiles ?? profilesFrom(variables);
  const workingDir = posix.dirname(files[0] ?? ".");
  const result = loadCompose({ files, envFiles, variables, profiles, project, workingDir });
  return { inventory: result.inventory, warnings: [...warnings, ...result.warnings] };
}

function environmentValues(environment: ComposeReadOptions["environment"]): Map<string, VariableValue> {
  const values = new Map<string, VariableValue>();
  for (const [name, value] of Object.entries(environment ?? {})) {
    if (value !== undefined) values.set(name, { value, from: "environment" });
  }
  return values;
}

function withEnvFiles(
  project: ProjectFiles,
  environment: ReadonlyMap<string, VariableValue>,
  envFiles: readonly string[],
  explicit: boolean,
): Map<string, VariableValue> {
  const fromFiles = new Map<string, VariableValue>();
  for (const file of envFiles) {
    const text = project.read(file);
    if (text === undefined) {
      if (!explicit) continue;
      throw new UsageError(
        { path: file, message: "no such env file", hint: "name env files relative to the project folder" },
        file,
      );
    }
    for (const [name, entry] of parseEnvFile(text, file, environment, fromFiles)) {
      fromFiles.set(name, { value: entry.value, from: file });
    }
  }
  const variables = new Map(fromFiles);
  for (const [name, value] of environment) variables.set(name, value);
  return variables;
}

function parseEnvFile(
  text: string,
  file: string,
  environment: ReadonlyMap<string, VariableValue>,
  earlier: ReadonlyMap<string, VariableValue>,
) {
  try {
    return parseDotenv(
      text,
      (name) => environment.get(name)?.value,
      (name) => earlier.get(name)?.value,
    );
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error;
    throw new UsageError(
      { path: `${file}:${error.line}`, message: error.message, hint: "env files hold KEY=value lines" },
      file,
    );
  }
}

function composeFiles(
  project: ProjectFiles,
  named: readonly string[],
  variables: ReadonlyMap<string, VariableValue>,
  warnings: ReaderWarning[],
): string[] {
  if (named.length > 0) return [...named];
  const fromVariable = variables.get("COMPOSE_FILE")?.value;
  if (fromVariable) {
    const separator = variables.get("COMPOSE_PATH_SEPARATOR")?.value || ":";
    return fromVariable
      .split(separator)
      .filter((file) => file !== "")
      .map(normalize);
  }
  const base = firstFound(project, COMPOSE_FILE_NAMES, "compose-files", warnings);
  if (!base) return [];
  const override = firstFound(project, OVERRIDE_FILE_NAMES, "override-files", warnings);
  return override ? [base, override] : [base];
}

function firstFound(
  project: ProjectFiles,
  names: readonly string[],
  what: string,
  warnings: ReaderWarning[],
): string | undefined {
  const found = names.filter((name) => project.kind(name) === "file");
  if (found.length > 1) {
    warnings.push({
      reader: "compose",
      code: `multiple-${what}`,
      message: `found ${found.join(", ")}; docker compose uses ${found[0]}, and so does this migration`,
    });
  }
  return found[0];
}

function profilesFrom(variables: ReadonlyMap<string, VariableValue>): string[] {
  const value = variables.get("COMPOSE_PROFILES")?.value ?? "";
  return value
    .split(",")
    .map((profile) => profile.trim())
    .filter((profile) => profile !== "");
}

function normalize(file: string): string {
  return posix.normalize(file.replaceAll("\\", "/"));
}
