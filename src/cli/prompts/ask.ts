import { CancelledError } from "../../errors.js";
import type { CliContext } from "../context.js";
import type { Answer, Question } from "./question.js";

/**
 * The one place prompts run. @inquirer/prompts is imported on the first question only, reads and writes
 * the streams main() was given, and every way out of a prompt (Ctrl-C, closed input) becomes
 * CancelledError, which exits 130.
 */
export type Validate = (answer: Answer) => string | true;

export interface Asker {
  ask(question: Question, validate?: Validate): Promise<Answer>;
}

type Prompts = typeof import("./inquirer.js");
type PromptContext = { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };

const PROMPT_EXITS = new Set(["ExitPromptError", "AbortPromptError", "CancelPromptError"]);

export function createAsker(ctx: Pick<CliContext, "stdin" | "stdout">): Asker {
  const context: PromptContext = { input: ctx.stdin, output: ctx.stdout };
  return {
    async ask(question, validate = () => true) {
      const prompts = await import("./inquirer.js");
      return withCancel(() => runQuestion(prompts, question, validate, context));
    },
  };
}

async function withCancel<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (error) {
    if (error instanceof Error && PROMPT_EXITS.has(error.name)) throw new CancelledError();
    throw error;
  }
}

function runQuestion(
  prompts: Prompts,
  question: Question,
  validate: Validate,
  context: PromptContext,
): Promise<Answer> {
  const { message } = question;
  switch (question.type) {
    case "input":
      return prompts.input(
        { message, default: question.default, required: question.required, validate },
        context,
      );
    case "select":
      return prompts.select({ message, choices: question.choices, default: question.default }, context);
    case "checkbox":
      return prompts.checkbox(
        {
          message,
          choices: question.choices,
          required: question.required,
          validate: (items) => validate(items.map((item) => item.value)),
        },
        context,
      );
    case "confirm":
      return prompts
        .confirm({ message, default: question.default }, context)
        .then((yes) => (yes ? "yes" : "no"));
  }
}
