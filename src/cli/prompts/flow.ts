import { findKind } from "../../spec/catalog/services.js";
import { applyText, flagText } from "../answers/apply.js";
import { namedServices, problemsAt } from "../answers/check.js";
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
  /** Services whose settings an earlier run already asked for (a re-run in a generated stack). */
  settled?: ReadonlySet<string>;
}

/** Returns the answers as flags, for repeating the run without prompts. */
export async function askMissing(state: FlowState): Promise<string[]> {
  const answered: string[] = [];
  for (const option of optionsIn("project", "stack")) answered.push(...(await askStack(state, option)));
  for (const phase of ["service", "links"] as const) {
    for (const [index, service] of rawServices(state.raw).entries()) {
      if (state.settled?.has(String(service.name))) continue;
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
  const validate = (candidate: Answer) => {
    const own = question.validate?.(candidate) ?? true;
    return own === true ? checkAnswer(state, option, question, texts(candidate)) : own;
  };
  const answer = await state.asker.ask(question, validate);
  const given = texts(answer);
  for (const text of given) applyText(option, state.raw, text);
  return given.map((text) => flagText(option, text));
}

/**
 * An answer is applied to a copy of the spec first; any problem it causes is shown under the prompt, in
 * the prompt's terms: services by name, and an example of what to type here rather than a flag. The plop
 * plugin checks its answers with it too.
 */
export function checkAnswer(
  state: Pick<FlowState, "raw" | "standIns">,
  option: ValueOption,
  question: Question,
  texts: string[],
): string | true {
  const trial = clone(state.raw);
  try {
    const paths = texts.flatMap((text) => applyText(option, trial, text).map(({ path }) => path));
    const problem = problemsAt(trial, paths, state.standIns)[0];
    if (!problem) return true;
    return withHint(
      namedServices(problem.message, trial),
      problem.hint && namedServices(problem.hint, trial),
    );
  } catch (error) {
    if (error instanceof FlagValueError) return withHint(error.message, promptExample(question, option));
    throw error;
  }
}

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message} (${hint})` : message;
}

/** `e.g. 5432` under a port prompt whose default is 5432; else the flag example's value part. */
function promptExample(question: Question, option: ValueOption): string {
  if (question.type === "input" && question.default) return `e.g. ${question.default}`;
  const value = option.example.slice(option.example.indexOf(" ") + 1);
  return `e.g. ${option.target?.scope === "service" ? value.slice(value.indexOf("=") + 1) : value}`;
}
