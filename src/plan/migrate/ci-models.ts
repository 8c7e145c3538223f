import type { CiModel } from "../../render/ci/model.js";
import { ciInstallCommands, runScript, setupNodeCache } from "../../render/package-manager.js";
import { pythonCiModel } from "../../render/python/ci.js";
import { SCRIPTS } from "../../render/typescript/names.js";
import { dependencyTarget } from "../python-project.js";
import type { CiContext } from "./ci-model.js";

/** The label of the one test selection of a workflow migrate writes beside the user's. */
export const YOUR_TESTS_SELECTION = "your tests";

/**
 * A whole CI model for a workflow or job of its own: the runtime set up and the dependencies installed as
 * create's CI does, then the stack test run of the user's tests.
 */
export function fullModel(context: CiContext): CiModel {
  const { stack, context: render } = context.input;
  const test = () => context.command;
  if (stack.language === "python") {
    return {
      ...pythonCiModel(stack, dependencyTarget(context.tree)),
      selections: [YOUR_TESTS_SELECTION],
      test,
    };
  }
  const pm = render.packageManager;
  return {
    runtime: "node",
    versions: stack.nodeVersions,
    selections: [YOUR_TESTS_SELECTION],
    cache: setupNodeCache(pm),
    install: ciInstallCommands(pm),
    check: runScript(pm, SCRIPTS.typecheck),
    test,
  };
}
