/**
 * Prompts as data, so the option table can say what it asks without loading a prompt library. The runner
 * in ask.ts turns a Question into an @inquirer/prompts call, loaded only when something is asked.
 */
export interface Choice {
  value: string;
  name: string;
  checked?: boolean;
  /** A reason shown next to a choice that cannot be picked. */
  disabled?: string;
}

export type Answer = string | string[];

interface QuestionBase {
  message: string;
  /** Turns the answer into flag values (without the `<service>=` prefix); default: comma-joined, empty skipped. */
  toTexts?: (answer: Answer) => string[];
  /** A check of the answer itself, before it is tried on the spec: a message to show, or true. */
  validate?: (answer: Answer) => string | true;
}

export interface InputQuestion extends QuestionBase {
  type: "input";
  default?: string;
  required?: boolean;
}

export interface SelectQuestion extends QuestionBase {
  type: "select";
  choices: Choice[];
  default?: string;
}

export interface CheckboxQuestion extends QuestionBase {
  type: "checkbox";
  choices: Choice[];
  required?: boolean;
}

/** Yes or no; answered "yes" or "no". */
export interface ConfirmQuestion extends QuestionBase {
  type: "confirm";
  default?: boolean;
}

export type Question = InputQuestion | SelectQuestion | CheckboxQuestion | ConfirmQuestion;

export function defaultTexts(answer: Answer): string[] {
  const text = Array.isArray(answer) ? answer.join(",") : answer.trim();
  return text === "" ? [] : [text];
}
