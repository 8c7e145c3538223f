import { basename, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import { suggestName } from "../../spec/names.js";
import { readSpecFile } from "../../spec/read.js";
import type { StackSpec } from "../../spec/schema.js";
import { validateSpec } from "../../spec/validate.js";
import { type ParsedArgs, valuesOf } from "../argv.js";
import { findOption } from "../options/table.js";
import type { OptionDef, RawSpec } from "../options/types.js";
import type { Asker } from "../prompts/ask.js";
import { applyFlags } from "./apply.js";
import { failOnGivenValues } from "./check.js";
import { detectLanguage } from "./language.js";
import { Origins } from "./origins.js";

/**
 * Each answer resolves flag → spec file → prompt (only when asking) → default. The result is the raw spec
 * for loadStack() and where each value came from, for labelling problems.
 */
export interface ResolveInput {
  parsed: ParsedArgs;
  cwd: string;
  target: string;
  /** Set when prompts may run: interactive, no --yes and no --spec. */
  asker?: Asker;
  yes: boolean;
  /** The project's own name (package.json, pyproject.toml), the default before the folder's. */
  projectName?: string;
}

export interface Resolved {
  raw: RawSpec;
  origins: Origins;
  specFile?: string;
  /** What the prompts were answered with, as flags. */
  answered: string[];
}

const DEFAULT_SERVICES = "postgres";

export async function resolveAnswers(input: ResolveInput): Promise<Resolved> {
  const specFile = lastValue(input.parsed, "spec");
  const raw = specFile ? await readSpec(input.cwd, specFile) : {};
  const origins = new Origins(specFile);
  applyFlags(raw, input.parsed, origins);
  const defaultName = defaultProjectName(input.target, input.projectName);
  const standIns = { name: defaultName, services: [] };
  failOnGivenValues(raw, origins, standIns);
  const answered = input.asker ? await askMissing(raw, input.asker, defaultName, standIns) : [];
  applyDefaults(raw, defaultName, input.yes);
  raw.language ??= detectLanguage(input.target);
  return { raw, origins, specFile, answered };
}

async function askMissing(
  raw: RawSpec,
  asker: Asker,
  defaultName: string,
  standIns: RawSpec,
): Promise<string[]> {
  const { askMissing: ask } = await import("../prompts/flow.js");
  return ask({ raw, asker, defaultName, standIns });
}

async function readSpec(cwd: string, file: string): Promise<RawSpec> {
  return (await readSpecFile(resolve(cwd, file), file)) as RawSpec;
}

function applyDefaults(raw: RawSpec, defaultName: string, yes: boolean): void {
  raw.name ??= defaultName;
  if (raw.services !== undefined) return;
  if (!yes) throw missingServices();
  raw.services = [{ name: DEFAULT_SERVICES, kind: DEFAULT_SERVICES }];
}

function missingServices(): UsageError {
  return new UsageError({
    path: "--services",
    message: "no services given, and there is no terminal to ask",
    hint: "e.g. --services postgres,redis; or --spec stack.yaml; or --yes for a single postgres",
  });
}

/**
 * The project's own name (package.json without its scope, pyproject.toml) or else the target folder's,
 * when it is a valid project name; else the suggestion made from it.
 */
export function defaultProjectName(target: string, projectName?: string): string {
  const folder = projectName ?? basename(target);
  if (isValidProjectName(folder)) return folder;
  const suggestion = suggestName(folder);
  return isValidProjectName(suggestion) ? suggestion : "stack-app";
}

function isValidProjectName(name: string): boolean {
  const spec: StackSpec = { name, services: [] };
  return !validateSpec(spec).some((problem) => problem.path === "name");
}

export function lastValue(parsed: ParsedArgs, name: string): string | undefined {
  return valuesOf(parsed, findOption(name) as OptionDef).at(-1);
}
