import { findKind } from "../../spec/catalog/services.js";
import { applyText, flagText } from "../answers/apply.js";
import { problemsAt } from "../answers/check.js";
import { clone, rawServices } from "../options/raw.js";
import { specOptions } from "../options/table.js";
import type {
  AskPhase,
  RawService,
  RawSpec,
  ServiceTarget,
  StackTarget,
  ValueOption,
} from "../options/types.js";
import { FlagValueError } from "../options/values.js";
import type { Asker } from "./ask.js";
import { type Answer, defaultTexts, type Question } from "./question.js";

/**
 * Asks for everything flags and the spec file left open, in the order the option table declares, phase by
 * phase: the project, each service's options, the links between services, then the rest. Answers become
 * flag values and go through the same apply() as flags, so they are validated by the same rules.
 */
export interface FlowState {
  raw: RawSpec;
  asker: Asker;
  defaultName: string;
  /** Placeholders for what is not asked yet, so validation can run on a partial spec. */
  standIns: RawSpec;
}

/** Returns the answers as flags, for repeating the run without prompts. */
export async function askMissing(state: FlowState): Promise<string[]> {
  const answered: string[] = [];
  for (const option of optionsIn("project", "stack")) answered.push(...(await askStack(state, option)));
  for (const phase of ["service", "links"] as const) {
    for (const index of rawServices(state.raw).keys()) {
      for (const option of optionsIn(phase, "service"))
        answered.push(...(await askServiceField(state, option, index, withServiceName)));
    }
  }
  for (const option of optionsIn("finish", "stack")) answered.push(...(await askStack(state, option)));
  return answered;
}

function optionsIn(phase: AskPhase, scope: "stack" | "service"): ValueOption[] {
  return specOptions().filter(
    (option) => option.target?.scope === scope && option.target.ask?.phase === phase,
  );
}

async function askStack(state: FlowState, option: ValueOption): Promise<string[]> {
  const target = option.target as StackTarget;
  if (state.raw[target.specPath] !== undefined) return [];
  const question = target.ask?.question({ raw: state.raw, defaultName: state.defaultName });
  return question ? askAndApply(state, option, question, (text) => text) : [];
}

/** create's per-service flags name their service: `--port redis=6380`. */
const withServiceName = (text: string, service: RawService) => `${String(service.name)}=${text}`;

/**
 * Asks for one field of the service at `index` unless it is set; `toFlagValue` turns an answer into the
 * flag's value. Shared with `add`, whose flags describe one service and take the answer as it is.
 */
export async function askServiceField(
  state: FlowState,
  option: ValueOption,
  index: number,
  toFlagValue: (text: string, service: RawService) => string,
): Promise<string[]> {
  const target = option.target as ServiceTarget;
  const service = rawServices(state.raw)[index] ?? {};
  const kind = findKind(String(service.kind));
  if (!kind || fieldAt(service, target.field) !== undefined) return [];
  const question = target.ask?.question({ raw: state.raw, service, index, kind });
  return question ? askAndApply(state, option, question, (text) => toFlagValue(text, service)) : [];
}

/** A nested field such as `build.context`; the string shorthand `build: ./api` counts as given. */
function fieldAt(service: RawService, field: string): unknown {
  let value: unknown = service;
  for (const key of field.split(".")) {
    if (value === null || typeof value !== "object") return value;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

async function askAndApply(
  state: FlowState,
  option: ValueOption,
  question: Question,
  toFlagValue: (text: string) => string,
): Promise<string[]> {
  const texts = (answer: Answer) => (question.toTexts ?? defaultTexts)(answer).map(toFlagValue);
  const answer = await state.asker.ask(question, (candidate) => checkAnswer(state, option, texts(candidate)));
  const given = texts(answer);
  for (const text of given) applyText(option, state.raw, text);
  return given.map((text) => flagText(option, text));
}

/**
 * An answer is applied to a copy of the spec first; any problem it causes is shown under the prompt.
 * The plop plugin checks its answers with it too.
 */
export function checkAnswer(
  state: Pick<FlowState, "raw" | "standIns">,
  option: ValueOption,
  texts: string[],
): string | true {
  const trial = clone(state.raw);
  try {
    const paths = texts.flatMap((text) => applyText(option, trial, text).map(({ path }) => path));
    const problem = problemsAt(trial, paths, state.standIns)[0];
    return problem ? `${problem.message}${problem.hint ? ` (${problem.hint})` : ""}` : true;
  } catch (error) {
    if (error instanceof FlagValueError) return `${error.message} (${error.hint})`;
    throw error;
  }
}
