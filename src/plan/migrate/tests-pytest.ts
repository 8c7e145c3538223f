import { type PluginSwap, swapPytestPlugin } from "../../edit/python/conftest-plugins.js";
import type { PythonParser } from "../../edit/python/parser.js";
import { PyEditSession } from "../../edit/python/session.js";
import { AnchorError } from "../../errors.js";
import type { FileReport } from "../../readers/report.js";
import { assignment, dict, layout, str, tuple } from "../../render/python/layout.js";
import { PY_PATHS, pythonNames } from "../../render/python/names.js";
import { render } from "../../render/templates.js";
import { FIXTURES_PLUGIN, mergeConftest } from "../python-project.js";
import { type EnvPlan, pythonEntries, usesUrlPart, variableList } from "./tests-env.js";
import {
  PYTEST_STACK_OPTION,
  type RunnerWiring,
  WIRING_HEADER,
  WIRING_PATHS,
  type WiringContext,
} from "./tests-model.js";
import type { TestSelection } from "./tests-selection.js";
import { envNote } from "./tests-your-env.js";

/**
 * pytest: tests/conftest.py loads a stack-run plugin instead of the stack's fixtures. Plain `pytest` then
 * runs as before (the plugin only keeps the stack's own tests out); `pytest --dagger-stack` starts the
 * stack before collection, so code that reads DATABASE_URL when a test module imports it finds the
 * stack's, and runs the stack's tests with the user's tests that need it.
 */
export const STACK_RUN_PLUGIN = "tests.dagger_modules.stack_run";

export function wirePytest(
  context: WiringContext,
  env: EnvPlan,
  selection: TestSelection,
  parser: PythonParser,
): RunnerWiring {
  const { report: conftest, ok } = editConftest(context, env, parser);
  if (!ok) return { tests: [conftest], warnings: [], generated: [] };
  const yourTests = [...selection.folders, ...selection.files];
  const names = pythonNames(context.stack);
  const view = {
    header: WIRING_HEADER.python,
    project: context.stack.names.kebab,
    variables: variableList(env.entries),
    ...names,
    yourTests: assignment("YOUR_TESTS: tuple[str, ...]", tuple(yourTests.map(str)), 0),
    yourEnv: layout(dict(pythonEntries(env.entries)), 4, "return "),
    usesUrlPart: usesUrlPart(env.entries),
  };
  context.tree.write(WIRING_PATHS.pytestPlugin, render("python/migrate/stack_run.py.hbs", view), "generated");
  const command = `python -m pytest ${PYTEST_STACK_OPTION} ${testRoots(yourTests).join(" ")}`;
  const plugin: FileReport = {
    file: WIRING_PATHS.pytestPlugin,
    status: "created",
    note: `\`${command}\` starts the stack before collection (${envNote(env)}) and runs the stack's tests with ${yourTests.join(", ")}`,
  };
  return {
    tests: [conftest, plugin],
    warnings: [],
    generated: [WIRING_PATHS.pytestPlugin],
    stackRun: { runner: "pytest", command, tests: yourTests },
  };
}

/** `tests` (where the stack's own tests live), and the top folders of the user's tests outside it. */
function testRoots(yourTests: readonly string[]): string[] {
  const outside = yourTests.filter((path) => path !== "tests" && !path.startsWith("tests/"));
  return ["tests", ...new Set(outside)];
}

function editConftest(
  context: WiringContext,
  env: EnvPlan,
  parser: PythonParser,
): { report: FileReport; ok: boolean } {
  const path = PY_PATHS.conftest;
  const original = context.tree.read(path);
  const prepared = mergeConftest(original);
  const session = new PyEditSession(parser, (file) => (file === path ? prepared : context.tree.read(file)));
  try {
    const result = swapPytestPlugin(session.file(path), conftestSwap(env));
    const text = session.edited().find((entry) => entry.path === path)?.text ?? prepared;
    if (text !== original) context.tree.write(path, text, "merged");
    if (text === original) {
      return {
        ok: true,
        report: { file: path, status: "unchanged", note: `it already loads ${STACK_RUN_PLUGIN}` },
      };
    }
    const note =
      result === "added"
        ? `${STACK_RUN_PLUGIN} added to your pytest_plugins`
        : `loads ${STACK_RUN_PLUGIN} instead of ${FIXTURES_PLUGIN}, which only \`pytest ${PYTEST_STACK_OPTION}\` loads now: plain \`pytest\` runs as before`;
    return {
      ok: true,
      report: { file: path, status: context.tree.original(path) === undefined ? "created" : "edited", note },
    };
  } catch (error) {
    if (!(error instanceof AnchorError)) throw error;
    const note = `not wired: ${error.message} (${error.hint}); plain \`pytest\` still loads the stack's fixtures`;
    return { ok: false, report: { file: path, status: "unchanged", note } };
  } finally {
    session.dispose();
  }
}

function conftestSwap(env: EnvPlan): PluginSwap {
  return {
    plugin: STACK_RUN_PLUGIN,
    replaces: FIXTURES_PLUGIN,
    comment: [
      `The Dagger stack (create-dagger-stack): \`pytest ${PYTEST_STACK_OPTION}\` starts it, gives your tests`,
      `${variableList(env.entries)} from it and runs them with the stack's own tests (the option loads`,
      `"${FIXTURES_PLUGIN}"); plain \`pytest\` runs as before, without the stack.`,
    ],
    ownComment: /\(create-dagger-stack\)/,
  };
}
