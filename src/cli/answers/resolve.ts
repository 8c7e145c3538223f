import { basename, resolve } from "node:path";
import { UsageError } from "../../errors.js";
import type { Language } from "../../spec/model.js";
import { suggestName } from "../../spec/names.js";
import { readSpecFile } from "../../spec/read.js";
import type { StackSpec } from "../../spec/schema.js";
import { validateSpec } from "../../spec/validate.js";
import { type ParsedArgs, valuesOf } from "../argv.js";
import { serviceNames } from "../options/raw.js";
import { findOption } from "../options/table.js";
import type { OptionDef, RawSpec } from "../options/types.js";
import type { Asker } from "../prompts/ask.js";
import type { FlowState } from "../prompts/flow.js";
import { applyFlags } from "./apply.js";
import { failOnGivenValues } from "./check.js";
import { FALLBACK_LANGUAGE } from "./language.js";
import { Origins } from "./origins.js";
import { forgetDropped, previousAnswers } from "./previous.js";

/**
 * Each answer resolves flag → spec file → prompt (only when asking) → default. In a stack create already
 * generated, dagger-stack.json's answers come before the prompts and defaults (a spec file replaces them).
 * The result is the raw spec for loadStack() and where each value came from, for labelling problems.
 */
export interface ResolveInput {
  parsed: ParsedArgs;
  cwd: string;
  target: string;
  /** Set when prompts may run: interactive, no --yes and no --spec. */
  asker?: Asker;
  yes: boolean;
  /** Set when npm kept a --yes for itself: the command that hands it to create-dagger-stack. */
  npmKeptYes?: string;
  /** The project's own name (package.json, pyproject.toml), the default before the folder's. */
  projectName?: string;
  /** The languages the project speaks, the one that decides first (the project picture's). */
  languages: readonly Language[];
}

export interface Resolved {
  raw: RawSpec;
  origins: Origins;
  specFile?: string;
  /** What the prompts were answered with, as flags. */
  answered: string[];
  /** What the run decided beyond the answers (references to a dropped service removed). */
  notes: string[];
  /** Whether the answers started from dagger-stack.json's. */
  rerun: boolean;
}

const DEFAULT_SERVICES = "postgres";

export async function resolveAnswers(input: ResolveInput): Promise<Resolved> {
  const specFile = lastValue(input.parsed, "spec");
  const previous = specFile ? undefined : previousAnswers(input.target);
  const raw = specFile ? await readSpec(input.cwd, specFile) : structuredClone(previous ?? {});
  const origins = new Origins(specFile);
  applyFlags(raw, input.parsed, origins);
  const notes = previous ? forgetDropped(raw, previous) : [];
  const defaultName = defaultProjectName(input.target, input.projectName);
  const standIns = { name: defaultName, services: [] };
  // Without prompts the one check is loadLabelled()'s, after the defaults: it names the same problems.
  if (input.asker) failOnGivenValues(raw, origins, standIns);
  // The project's own language; a stack already generated keeps its own (the picture puts it first).
  const detected = input.languages[0];
  if (raw.language === undefined && detected) raw.language = detected;
  const answered = input.asker
    ? await askMissing({ raw, asker: input.asker, defaultName, standIns, settled: settledBy(previous) })
    : [];
  applyDefaults(raw, defaultName, input);
  return { raw, origins, specFile, answered, notes, rerun: previous !== undefined };
}

/** The services dagger-stack.json already answered for: a re-run asks only about new ones. */
function settledBy(previous: RawSpec | undefined): Set<string> {
  return new Set(previous ? serviceNames(previous) : []);
}

async function askMissing(state: FlowState): Promise<string[]> {
  // The matrix was asked for (or left out) on the first run.
  if ((state.settled?.size ?? 0) > 0) state.raw.matrix ??= {};
  const { askMissing: ask } = await import("../prompts/flow.js");
  return ask(state);
}

async function readSpec(cwd: string, file: string): Promise<RawSpec> {
  return (await readSpecFile(resolve(cwd, file), file)) as RawSpec;
}

function applyDefaults(raw: RawSpec, defaultName: string, input: ResolveInput): void {
  raw.name ??= defaultName;
  raw.language ??= FALLBACK_LANGUAGE;
  if (raw.services !== undefined) return;
  if (!input.yes) throw missingServices(input.npmKeptYes);
  raw.services = [{ name: DEFAULT_SERVICES, kind: DEFAULT_SERVICES }];
}

function missingServices(npmKeptYes: string | undefined): UsageError {
  if (npmKeptYes) {
    return new UsageError({
      path: "--services",
      message:
        "no services given, and there is no terminal to ask; the --yes you gave went to npm, which uses it to skip its own install question, so create-dagger-stack never saw it",
      hint: `to take the defaults (a single postgres), put --yes after --: ${npmKeptYes}`,
    });
  }
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
