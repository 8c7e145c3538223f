import { type Problem, UsageError } from "../../errors.js";
import { POSTGRES_EXTENSIONS } from "../../spec/catalog/extensions.js";
import { findKind, SERVICE_KINDS } from "../../spec/catalog/services.js";
import type { StackSpec } from "../../spec/schema.js";
import { choicesHint } from "../../util/did-you-mean.js";
import { flagText } from "../answers/apply.js";
import { problemsAt } from "../answers/check.js";
import { ADD_MATRIX, ADD_SERVICE_OPTIONS } from "../options/add-options.js";
import { asObject, clone } from "../options/raw.js";
import type { AskPhase } from "../options/types.js";
import type { Asker } from "../prompts/ask.js";
import { askServiceField, type FlowState } from "../prompts/flow.js";
import type { Choice, Question, SelectQuestion } from "../prompts/question.js";
import { addMatrixTarget, joinMatrix, type ServiceDraft } from "./request.js";

/**
 * add's questions, asked in a terminal for what the words and flags leave open. The new service's
 * questions are create's (catalog versions, the next free port, Postgres extensions, what it waits for),
 * asked about the last service of the grown spec, so their defaults and checks see the existing stack.
 */
export async function askKind(asker: Asker): Promise<string> {
  return String(await asker.ask(kindQuestion()));
}

/** Also the plop plugin's first `dagger-service` prompt. */
export function kindQuestion(): SelectQuestion {
  return {
    type: "select",
    message: "Kind of service to add",
    choices: SERVICE_KINDS.map(
      (kind): Choice => ({ value: kind.kind, name: `${kind.kind} — ${kind.title}` }),
    ),
  };
}

/** Asks for the new service's settings, then its testing matrix; returns the answers as flags. */
export async function askServiceSettings(draft: ServiceDraft, asker: Asker): Promise<string[]> {
  failOnGivenValues(draft);
  const state: FlowState = { raw: draft.raw, asker, defaultName: draft.name, standIns: {} };
  const answered: string[] = [];
  for (const phase of ["service", "links"] satisfies AskPhase[]) {
    for (const option of ADD_SERVICE_OPTIONS.filter((candidate) => candidate.target.ask?.phase === phase)) {
      const flags = await askServiceField(state, option, draft.index, (text) => text);
      for (const flag of flags) draft.labels.record(`services[${draft.index}].${option.target.field}`, flag);
      answered.push(...flags);
    }
  }
  return [...answered, ...(await askMatrix(draft, asker))];
}

/** A value the user already typed that is wrong stops the run before the first question. */
function failOnGivenValues(draft: ServiceDraft): void {
  const problems = problemsAt(draft.raw, draft.labels.paths(), {});
  if (problems.length > 0) throw new UsageError(draft.labels.relabelAll(problems));
}

async function askMatrix(draft: ServiceDraft, asker: Asker): Promise<string[]> {
  const axes = Object.keys(asObject(draft.raw.matrix));
  if (draft.matrix !== undefined || axes.length === 0) return [];
  const question: Question = {
    type: "select",
    message: `Testing matrix: also run a fixture's tests against ${draft.name}?`,
    choices: [{ value: "", name: "no" }, ...axes.map((axis) => matrixChoice(draft, axis))],
    default: "",
  };
  const axis = String(await asker.ask(question));
  if (axis === "") return [];
  joinMatrix(draft, axis);
  return [flagText(ADD_MATRIX, axis)];
}

/** An axis the new service cannot join (it has no port, say) is shown with the reason, not offered. */
function matrixChoice(draft: ServiceDraft, axis: string): Choice {
  const targets = asObject(draft.raw.matrix)[axis];
  const trial = clone(draft.raw);
  addMatrixTarget(trial, axis, draft.name);
  const problem = problemsAt(trial, [`matrix.${axis}`], {})[0];
  const name = `${axis} (now: ${[targets].flat().join(", ")})`;
  return { value: axis, name, ...(problem && { disabled: problem.message }) };
}

// ---------------------------------------------------------------------------------------------------
// add extension

export async function askExtensionService(spec: StackSpec, asker: Asker): Promise<string> {
  const candidates = spec.services.filter((service) =>
    findKind(service.kind)?.options.includes("extensions"),
  );
  if (candidates.length === 0) {
    throw new UsageError({
      path: "<service>",
      message: "the stack has no Postgres service to add an extension to",
      hint: "add one first: create-dagger-stack add postgres",
    });
  }
  const answer = await asker.ask({
    type: "select",
    message: "Service to add the extension to",
    choices: candidates.map((service) => ({ value: service.name, name: service.name })),
  });
  return String(answer);
}

export async function askExtension(spec: StackSpec, serviceName: string, asker: Asker): Promise<string> {
  const service = spec.services.find((candidate) => candidate.name === serviceName);
  if (!service) throw unknownService(spec, serviceName);
  const major = Number(service.version ?? findKind(service.kind)?.defaultVersion);
  const choices = POSTGRES_EXTENSIONS.map((extension): Choice => {
    const reason = service.extensions?.includes(extension.id)
      ? "already added"
      : !extension.majors.includes(major) && `not available for postgres ${major}`;
    return { value: extension.id, name: extension.title, ...(reason && { disabled: reason }) };
  });
  // The cursor starts on the first extension that can be added, not on one shown only to say why not.
  const first = choices.find((choice) => !choice.disabled);
  if (!first) throw nothingLeftToAdd(serviceName, major);
  const message = `Extension to add to ${serviceName}`;
  return String(await asker.ask({ type: "select", message, choices, default: first.value }));
}

function unknownService(spec: StackSpec, name: string): UsageError {
  const problem: Problem = {
    path: "<service>",
    message: `no service named "${name}"`,
    hint: choicesHint(
      name,
      spec.services.map((service) => service.name),
    ),
  };
  return new UsageError(problem);
}

function nothingLeftToAdd(service: string, major: number): UsageError {
  return new UsageError({
    path: "<extension>",
    message: `${service} already has every extension available for postgres ${major}`,
    hint: "nothing to add",
  });
}
