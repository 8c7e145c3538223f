import type { CiModel } from "../../render/ci/model.js";
import { pythonCiModel, pythonCommands } from "../../render/python/ci.js";
import { STACK_MARKER } from "../../render/python/names.js";
import { typeScriptCiModel } from "../../render/typescript/index.js";
import type { CiContext } from "./ci-model.js";
import { projectPythonSetup, pytestSelectionCommand } from "./tests-pytest-command.js";

/** The label of the one test selection of a workflow migrate writes beside the user's (TypeScript). */
export const YOUR_TESTS_SELECTION = "your tests";

/**
 * A whole CI model for a workflow or job of its own, from create's CI models (the runtime set up and the
 * dependencies installed as create's CI does), running the stack test run of the user's tests in one
 * job. Python: `-m stack` over the test roots, in the environment create's CI makes.
 */
export function fullModel(context: CiContext): CiModel {
  const { stack, context: render } = context.input;
  if (stack.language === "python") {
    const setup = projectPythonSetup(context.tree, context.input.pythonTool);
    const { run } = pythonCommands(setup);
    return {
      ...pythonCiModel(stack, setup),
      selections: [STACK_MARKER],
      test: (selection) => run(pytestSelectionCommand(context.roots, selection)),
    };
  }
  return {
    ...typeScriptCiModel(stack, render),
    selections: [YOUR_TESTS_SELECTION],
    test: () => context.command,
  };
}

/** The command the workflow or job of its own runs, for the report. */
export function besideCommand(context: CiContext): string {
  const model = fullModel(context);
  return model.test(model.selections[0] ?? "");
}
