import type { BuilderModel, Step } from "../../plan/builder-steps.js";
import { chainLines } from "./chain.js";

/**
 * Pieces of a builder for code that edits an existing one (`add extension`): the chain lines of one step,
 * exactly as chainLines() renders that step inside a whole builder.
 */
export function stepLines(model: BuilderModel, step: Step): string[] {
  return chainLines({ ...model, steps: [step] }).slice(originLines(model).length);
}

/** The lines that start a builder's chain (`.container()`, its comment, `.from(...)`). */
export function originLines(model: BuilderModel): string[] {
  return chainLines({ ...model, steps: [] });
}
