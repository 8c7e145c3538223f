import { type Problem, UsageError } from "../../errors.js";
import type { AddRequest } from "../../plan/add/index.js";
import { POSTGRES_EXTENSIONS } from "../../spec/catalog/extensions.js";
import { findKind, kindNames } from "../../spec/catalog/services.js";
import type { StackSpec } from "../../spec/schema.js";
import { flagText } from "../answers/apply.js";
import { lastValueOf, type ParsedArgs, valuesOf } from "../argv.js";
import { ADD_MATRIX, ADD_NAME, ADD_SERVICE_OPTIONS, type AddServiceOption } from "../options/add-options.js";
import { asObject, rawServices } from "../options/raw.js";
import type { RawService, RawSpec } from "../options/types.js";
import { FlagValueError } from "../options/values.js";
import { Labels } from "./labels.js";

/**
 * What `add` is asked for, from its words and flags: `add <kind> [flags]` or `add extension <service>
 * <extension>`. A missing word is asked for in a terminal (prompts.ts) and an error without one.
 */
export type Wanted =
  | { type: "service"; kind?: string }
  | { type: "extension"; service?: string; extension?: string };

type ServiceRequest = Extract<AddRequest, { type: "service" }>;

export function readWanted(parsed: ParsedArgs): Wanted {
  const [first, ...rest] = parsed.positionals;
  if (first === "extension") {
    rejectServiceFlags(parsed);
    if (rest.length > 2) throw oneExtensionAtATime(rest.slice(1));
    return { type: "extension", service: rest[0], extension: rest[1] };
  }
  if (rest.length > 0) throw oneKindAtATime(parsed.positionals);
  return { type: "service", kind: first };
}

/** Flags about a new service mean nothing to `add extension`: an error rather than silently ignored. */
function rejectServiceFlags(parsed: ParsedArgs): void {
  const problems = parsed.values
    .filter(({ option }) => option.group === "service")
    .map(
      ({ option, text }): Problem => ({
        path: flagText(option, text),
        message: "describes a new service; add extension only adds an extension",
        hint: "add extension <service> <extension> takes --dir and the run options (--dry-run, --diff, --yes, ...)",
      }),
    );
  if (problems.length > 0) throw new UsageError(problems);
}

function oneKindAtATime(words: readonly string[]): UsageError {
  return new UsageError({
    path: "<kind>",
    message: `expected one kind, got ${words.length}: ${words.join(" ")}`,
    hint: `one service per add; name it with --name, e.g. add ${words[0]} --name ${words[1]}`,
  });
}

function oneExtensionAtATime(extensions: readonly string[]): UsageError {
  return new UsageError({
    path: "<extension>",
    message: `one extension at a time, got ${extensions.length}: ${extensions.join(" ")}`,
    hint: "run add extension once per extension",
  });
}

export function missingKind(): UsageError {
  return new UsageError({
    path: "<kind>",
    message: "missing: which kind of service to add (and there is no terminal to ask)",
    hint: `e.g. create-dagger-stack add redis; kinds: ${kindNames().join(", ")}`,
  });
}

export function missingExtensionWord(word: "<service>" | "<extension>"): UsageError {
  return new UsageError({
    path: word,
    message: "missing (and there is no terminal to ask)",
    hint: `e.g. create-dagger-stack add extension postgres pgvector; extensions: ${POSTGRES_EXTENSIONS.map(
      (extension) => extension.id,
    ).join(", ")}`,
  });
}

// ---------------------------------------------------------------------------------------------------
// A new service

/** A new service being put together: the stack's spec with it last, so every check sees the whole stack. */
export interface ServiceDraft {
  raw: RawSpec;
  index: number;
  kind: string;
  name: string;
  /** The testing-matrix fixture it joins, from --matrix or an answer. */
  matrix?: string;
  /** The stack already has a service of this name: the planner tells "already there" from a clash. */
  nameTaken: boolean;
  labels: Labels;
}

export function serviceDraft(spec: StackSpec, kind: string, parsed: ParsedArgs): ServiceDraft {
  const index = spec.services.length;
  const givenName = lastValueOf(parsed, ADD_NAME);
  const name = givenName ?? kind;
  const raw: RawSpec = structuredClone(spec);
  raw.services = [...rawServices(raw), { name, kind }];
  const labels = new Labels(index, raw);
  labels.record(`services[${index}].kind`, `add ${kind}`);
  if (givenName !== undefined) labels.record(`services[${index}].name`, flagText(ADD_NAME, name));
  else {
    // A catalog kind is a valid name, so the only problem the default name can have is a clash.
    const hint = findKind(kind) ? `give it another: --name ${kind}-2` : undefined;
    labels.record(`services[${index}].name`, `add ${kind} (named after its kind)`, hint);
  }
  const draft: ServiceDraft = {
    raw,
    index,
    kind,
    name,
    nameTaken: spec.services.some((service) => service.name === name),
    labels,
  };
  applyServiceFlags(draft, parsed);
  const matrix = lastValueOf(parsed, ADD_MATRIX);
  if (matrix !== undefined) joinMatrix(draft, matrix);
  return draft;
}

/** Applies each flag to the new service; every bad value is reported at once. */
function applyServiceFlags(draft: ServiceDraft, parsed: ParsedArgs): void {
  const problems: Problem[] = [];
  for (const option of ADD_SERVICE_OPTIONS) {
    for (const text of flagTexts(parsed, option)) {
      try {
        for (const { path } of option.target.apply(draft.raw, text))
          draft.labels.record(path, flagText(option, text));
      } catch (error) {
        if (!(error instanceof FlagValueError)) throw error;
        problems.push({ path: flagText(option, text), message: error.message, hint: error.hint });
      }
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
}

function flagTexts(parsed: ParsedArgs, option: AddServiceOption): string[] {
  const texts = valuesOf(parsed, option);
  return option.addsUp && texts.length > 1 ? [texts.join(",")] : texts;
}

/** Puts the new service into a testing-matrix fixture's list (a new fixture when none has that name). */
export function joinMatrix(draft: ServiceDraft, axis: string): void {
  addMatrixTarget(draft.raw, axis, draft.name);
  draft.matrix = axis;
  draft.labels.record(`matrix.${axis}`, flagText(ADD_MATRIX, axis));
}

export function addMatrixTarget(raw: RawSpec, axis: string, target: string): void {
  const matrix = asObject(raw.matrix);
  const targets = Array.isArray(matrix[axis]) ? (matrix[axis] as unknown[]) : [];
  if (!targets.includes(target)) raw.matrix = { ...matrix, [axis]: [...targets, target] };
}

function newService(draft: ServiceDraft): RawService {
  const service = rawServices(draft.raw)[draft.index];
  if (!service) throw new Error("the draft lost its new service");
  return service;
}

/**
 * The planner's request. The service is the raw flag values (the planner validates them through
 * loadStack(), as create does), so its static type is asserted here.
 */
export function serviceRequest(draft: ServiceDraft): ServiceRequest {
  const service = newService(draft) as unknown as ServiceRequest["service"];
  return { type: "service", service, ...(draft.matrix !== undefined && { matrix: draft.matrix }) };
}

// ---------------------------------------------------------------------------------------------------
// An extension

export function extensionRequest(
  spec: StackSpec,
  service: string,
  extension: string,
): { request: AddRequest; labels: Labels } {
  const labels = new Labels(undefined, spec as unknown as RawSpec);
  const index = spec.services.findIndex((candidate) => candidate.name === service);
  if (index >= 0) labels.record(`services[${index}].extensions`, `add extension ${service} ${extension}`);
  return { request: { type: "extension", service, extension }, labels };
}
