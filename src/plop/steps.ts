import { applyText } from "../cli/answers/apply.js";
import { clone } from "../cli/options/raw.js";
import type { RawSpec, ValueOption } from "../cli/options/types.js";
import { checkAnswer } from "../cli/prompts/flow.js";
import { type Answer, type Choice, defaultTexts, type Question } from "../cli/prompts/question.js";
import type { PlopPrompt } from "./index.js";

/**
 * The option table's questions as plop prompts. A step is one question of one option (for create's
 * per-service options, one per service kind). plop asks prompts from a fixed list, so each step's
 * question is computed from the answers given before it, replayed onto the spec through the same apply()
 * as the CLI's flags and prompts; the same replay turns the answers into the CLI's flags.
 */
export interface Step {
  /** The prompt's name, the key of its answer. */
  name: string;
  option: ValueOption;
  /** The question for the spec as answered so far; undefined when there is nothing to ask. */
  question(raw: RawSpec): Question | undefined;
  /** One answer text → the flag's value (create's per-service flags put the service's name first). */
  toFlagValue(text: string): string;
  /**
   * The question asked of a spec that holds what it is about (every kind, for per-service questions):
   * what plop needs up front, the prompt's type and, when not conditional, its message and choices.
   * Undefined: the option is never asked, so it gets no prompt.
   */
  probe: Question | undefined;
  /** Asked only when earlier answers call for it; plop cannot fill such a prompt from its arguments. */
  conditional: boolean;
}

export interface StepContext {
  /** The spec the answers apply to: empty for create; for add, the stack with the new service last. */
  start: (answers: Answers) => RawSpec;
  /** Placeholders for what is not answered yet, so an answer can be checked on a partial spec. */
  standIns: RawSpec;
  asking: boolean;
}

type Answers = Record<string, unknown>;

export interface Replayed {
  raw: RawSpec;
  /** The answers as the CLI's flags, `--port=redis=6380`. */
  flags: string[];
}

export function replay(steps: readonly Step[], answers: Answers, start: RawSpec): Replayed {
  const raw = clone(start);
  const flags: string[] = [];
  for (const step of steps) {
    const answer = answers[step.name];
    if (answer === undefined) continue;
    const question = step.question(raw);
    if (!question) continue;
    for (const text of textsOf(question, answer as Answer)) {
      const value = step.toFlagValue(text);
      applyText(step.option, raw, value);
      flags.push(`--${step.option.name}=${value}`);
    }
  }
  return { raw, flags };
}

function textsOf(question: Question, answer: Answer): string[] {
  return (question.toTexts ?? defaultTexts)(answer);
}

const INQUIRER_TYPES = { input: "input", select: "list", checkbox: "checkbox", confirm: "confirm" } as const;

export function promptOf(
  steps: readonly Step[],
  step: Step,
  probe: Question,
  context: StepContext,
): PlopPrompt {
  const before = steps.slice(0, steps.indexOf(step));
  const stateAt = (answers: Answers) => replay(before, answers, context.start(answers));
  const current = (answers: Answers) => step.question(stateAt(answers).raw);
  const dynamic = <T>(pick: (question: Question) => T) =>
    step.conditional ? (answers: Answers) => pickFrom(current(answers), pick) : pick(probe);
  return {
    type: INQUIRER_TYPES[probe.type],
    name: step.name,
    message: dynamic((question) => question.message),
    ...(probe.type !== "input" && { choices: dynamic(choicesOf) }),
    default: dynamic(defaultOf),
    when: step.conditional
      ? (answers: Answers) => context.asking && current(answers) !== undefined
      : context.asking,
    validate: (answer: Answer, answers: Answers) => {
      const { raw } = stateAt(answers);
      const question = step.question(raw) ?? probe;
      if (isMissing(question, answer)) return "an answer is required";
      const texts = textsOf(question, answer).map((text) => step.toFlagValue(text));
      return checkAnswer({ raw, standIns: context.standIns }, step.option, question, texts);
    },
  };
}

function pickFrom<T>(question: Question | undefined, pick: (question: Question) => T): T | undefined {
  return question ? pick(question) : undefined;
}

function choicesOf(question: Question): Choice[] {
  return question.type === "select" || question.type === "checkbox" ? question.choices : [];
}

function defaultOf(question: Question): string | boolean | undefined {
  return question.type === "checkbox" ? undefined : question.default;
}

function isMissing(question: Question, answer: Answer): boolean {
  if (question.type === "select" || question.type === "confirm" || !question.required) return false;
  return defaultTexts(answer).length === 0;
}

/** `--dry-run` and `--diff` as prompts never asked: given by name, `plop dagger-stack -- --dry-run yes`. */
export function runSwitchPrompts(options: readonly { name: string; description: string }[]): PlopPrompt[] {
  return options.map((option) => ({
    type: "confirm",
    name: option.name,
    message: option.description,
    default: false,
    when: false,
  }));
}

export function runSwitches(answers: Answers, names: readonly string[]): string[] {
  return names.filter((name) => answers[name] === true).map((name) => `--${name}`);
}
