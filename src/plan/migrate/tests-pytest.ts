import { addPytestPlugin, type PluginAddition } from "../../edit/python/conftest-plugins.js";
import type { PythonParser } from "../../edit/python/parser.js";
import { PyEditSession } from "../../edit/python/session.js";
import { AnchorError } from "../../errors.js";
import type { FileReport } from "../../readers/report.js";
import { pyString } from "../../render/escape.js";
import { assignment, dict, layout, str, tuple } from "../../render/python/layout.js";
import { PY_PATHS, pythonNames, STACK_MARKER } from "../../render/python/names.js";
import { render } from "../../render/templates.js";
import { FIXTURES_PLUGIN } from "../python/conftest.js";
import { mergeConftest } from "../python-project.js";
import { type EnvPlan, pythonEntries, usesUrlPart, variableList } from "./tests-env.js";
import { type RunnerWiring, WIRING_HEADER, WIRING_PATHS, type WiringContext } from "./tests-model.js";
import { pytestStackCommand, STACK_RUN_PLUGIN, testRoots } from "./tests-pytest-command.js";
import type { TestSelection } from "./tests-selection.js";
import { envNote } from "./tests-your-env.js";

/**
 * pytest: the stack's `stack` marker selects the user's tests that need it too. tests/conftest.py loads
 * a stack-run plugin beside the stack's fixtures; a run whose `-m` selects the stack's tests (`pytest -m
 * stack`, and each CI job's selection) starts the stack before collection, so that code reading
 * DATABASE_URL when a test module imports it finds the stack's, and marks those tests `stack`. Every
 * other run, a plain `pytest` included, is as it was before the migration.
 */
export function wirePytest(
  context: WiringContext,
  env: EnvPlan,
  selection: TestSelection,
  parser: PythonParser,
): RunnerWiring {
  const yourTests = [...selection.folders, ...selection.files];
  const command = pytestStackCommand(context.tree, testRoots(yourTests), context.pythonTool);
  const { report: conftest, ok } = editConftest(context, env, command, parser);
  if (!ok) return { tests: [conftest], warnings: [], generated: [] };
  const view = {
    header: WIRING_HEADER.python,
    project: context.stack.names.kebab,
    variables: variableList(env.entries),
    fixturesPlugin: FIXTURES_PLUGIN,
    stackMarker: pyString(STACK_MARKER),
    ...pythonNames(context.stack),
    yourTests: assignment("YOUR_TESTS: tuple[str, ...]", tuple(yourTests.map(str)), 0),
    yourEnv: layout(dict(pythonEntries(env.entries)), 4, "return "),
    usesUrlPart: usesUrlPart(env.entries),
  };
  context.tree.write(WIRING_PATHS.pytestPlugin, render("python/migrate/stack_run.py.hbs", view), "generated");
  const plugin: FileReport = {
    file: WIRING_PATHS.pytestPlugin,
    status: "created",
    note: `\`${command}\` starts the stack before collection (${envNote(env)}) and runs ${yourTests.join(", ")} with the stack's tests; a plain \`pytest\` runs as before`,
  };
  return {
    tests: [conftest, plugin],
    warnings: [],
    generated: [WIRING_PATHS.pytestPlugin],
    stackRun: { runner: "pytest", command, tests: yourTests },
  };
}

function editConftest(
  context: WiringContext,
  env: EnvPlan,
  command: string,
  parser: PythonParser,
): { report: FileReport; ok: boolean } {
  const path = PY_PATHS.conftest;
  const original = context.tree.read(path);
  const prepared = mergeConftest(original);
  const session = new PyEditSession(parser, (file) => (file === path ? prepared : context.tree.read(file)));
  try {
    addPytestPlugin(session.file(path), conftestAddition(env, command));
    const text = session.edited().find((entry) => entry.path === path)?.text ?? prepared;
    if (text === original) {
      return {
        ok: true,
        report: { file: path, status: "unchanged", note: `it already loads ${STACK_RUN_PLUGIN}` },
      };
    }
    context.tree.write(path, text, "merged");
    return {
      ok: true,
      report: {
        file: path,
        status: context.tree.original(path) === undefined ? "created" : "edited",
        note: `${STACK_RUN_PLUGIN} added beside ${FIXTURES_PLUGIN}: plain \`pytest\` runs as before`,
      },
    };
  } catch (error) {
    if (!(error instanceof AnchorError)) throw error;
    const note = `not wired: ${error.message} (${error.hint}); \`${command}\` runs the stack's own tests only`;
    return { ok: false, report: { file: path, status: "unchanged", note } };
  } finally {
    session.dispose();
  }
}

function conftestAddition(env: EnvPlan, command: string): PluginAddition {
  return {
    plugin: STACK_RUN_PLUGIN,
    // The first line carries the mark: a later run replaces the comment from there.
    comment: [
      "The Dagger stack (create-dagger-stack): its fixtures, markers and hooks, and the stack test",
      `run of your tests: \`${command}\` starts the stack, gives your tests`,
      `${variableList(env.entries)} from it and runs them with the stack's own tests. A plain \`pytest\``,
      "runs as before, without the stack.",
    ],
    ownComment: /\(create-dagger-stack\)/,
  };
}
