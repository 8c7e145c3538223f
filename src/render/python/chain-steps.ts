import type { BuilderModel, Step } from "../../plan/builder-steps.js";
import type { NormalizedStack } from "../../spec/model.js";
import { chainLines } from "./chain.js";

/**
 * Pieces of a builder's method chain as create renders them inside `return (...)` (12 spaces in), at
 * column 0: what `add` inserts into, or looks for in, a builder it edits.
 */
const CHAIN_INDENT = 12;

/** The lines of one step: its comment, then its calls. */
export function stepFragment(stack: NormalizedStack, model: BuilderModel, step: Step): string[] {
  const origin = chainAt0(stack, { ...model, steps: [] });
  return chainAt0(stack, { ...model, steps: [step] }).slice(origin.length);
}

/** The comment lines (`# ...`) of the chain's origin (`dag.container()` / `.from_(...)`). */
export function originComments(stack: NormalizedStack, model: BuilderModel): string[] {
  return chainAt0(stack, { ...model, steps: [] }).filter(isComment);
}

export function stepComments(stack: NormalizedStack, model: BuilderModel, step: Step): string[] {
  return stepFragment(stack, model, step).filter(isComment);
}

function chainAt0(stack: NormalizedStack, model: BuilderModel): string[] {
  return chainLines(stack, model, CHAIN_INDENT).map((line) => line.slice(CHAIN_INDENT));
}

function isComment(line: string): boolean {
  return line.startsWith("#");
}
