import type { GeneratedFile, ProjectOutput } from "../../plan/output.js";
import { isService, type NormalizedStack } from "../../spec/model.js";
import { ciFiles, ciRootPath, type RepoLayout } from "../ci/index.js";
import { DAGGER_VERSION } from "../ci/pins.js";
import { docView } from "../docs.js";
import { render } from "../templates.js";
import {
  DEFAULT_SETUP,
  type PythonSetup,
  pytestSelections,
  pythonCiModel,
  pythonCommands,
  pythonLayout,
} from "./ci.js";
import { configView } from "./config-view.js";
import { pythonModuleExample, pythonModuleFiles, pythonModuleSource } from "./module.js";
import { COMMANDS, conftestInWords, matrixMarker, PY_PATHS, pythonNames, urlFixtureName } from "./names.js";
import { MIN_PYTHON } from "./packages.js";
import { smokeTemplate, smokeView } from "./smoke-view.js";
import { stackView } from "./stack-view.js";
import { fixtureNames, fixturesView, initView, matrixView, stackEnvView, upView } from "./tests-view.js";

export { DEFAULT_SETUP, type DependencyTarget, type PythonSetup, pythonLayout } from "./ci.js";
export { pluginConftest } from "./names.js";

/**
 * The Python project for a stack, the layout of the Universal Dagger Pattern guide: `tests/dagger_modules/` (config, stack, fixtures,
 * `up`), smoke tests and the testing matrix under `tests/integration/`, CI and a docs page. Dev
 * dependencies, tests/conftest.py and package markers edit existing files: plan/python-project.ts does that.
 * `layout`: where the stack sits in its repository (CI lives at the root); the root when not given.
 */
export function renderPythonProject(
  stack: NormalizedStack,
  setup: PythonSetup = DEFAULT_SETUP,
  layout?: RepoLayout,
): ProjectOutput {
  const files: GeneratedFile[] = [
    file(PY_PATHS.init, "tests/dagger_modules/__init__.py.hbs", initView(stack)),
    file(PY_PATHS.config, "tests/dagger_modules/config.py.hbs", configView(stack)),
    file(PY_PATHS.stack, "tests/dagger_modules/stack.py.hbs", stackView(stack)),
    file(PY_PATHS.fixtures, "tests/dagger_modules/fixtures.py.hbs", fixturesView(stack, setup.conftest)),
    file(PY_PATHS.up, "tests/dagger_modules/up.py.hbs", upView(stack, COMMANDS.up)),
    ...stack.services.map((service) =>
      file(PY_PATHS.smoke(service), smokeTemplate(service), smokeView(stack, service)),
    ),
    ...stack.matrix.map((axis) =>
      file(PY_PATHS.matrix(axis), "tests/integration/matrix.py.hbs", matrixView(stack, axis)),
    ),
    ...(stack.testEnv.length > 0
      ? [file(PY_PATHS.stackEnv, "tests/integration/stack_env.py.hbs", stackEnvView(stack))]
      : []),
    ...pythonTargetFiles(stack, setup, layout),
    ...pythonModuleFiles(stack, setup),
  ];
  const { run } = pythonCommands(setup);
  return { files, esmFolders: [], nextScripts: [run(COMMANDS.up), `dagger run ${run(COMMANDS.test)}`] };
}

/** The files that depend on the project's Python tool: the CI file and the docs page. */
export function pythonTargetFiles(
  stack: NormalizedStack,
  setup: PythonSetup,
  layout?: RepoLayout,
): GeneratedFile[] {
  const ciLayout = pythonLayout(layout, setup.tool);
  return [
    ...ciFiles(stack.ci, pythonCiModel(stack, setup), ciLayout),
    file(PY_PATHS.doc, "docs/dagger-stack.md.hbs", docsView(stack, setup, ciLayout)),
  ];
}

function file(path: string, template: string, view: object): GeneratedFile {
  return { path, content: render(`python/${template}`, view) };
}

function docsView(stack: NormalizedStack, setup: PythonSetup, layout: RepoLayout) {
  const names = pythonNames(stack);
  const ciFile = ciRootPath(stack.ci, layout);
  const commands = pythonCommands(setup);
  const base = docView(stack, {
    upCommand: commands.run(COMMANDS.up),
    testCommand: commands.run(COMMANDS.test),
    typecheckCommand: commands.run(COMMANDS.check),
    configType: names.configClass,
    configFactory: `${names.configClass}()`,
    stackClass: names.stackClass,
    testEnvHow:
      "the `stack_env` fixture sets them (from `test_env()` of the stack) for the test session; ask for it in the tests that read them, or from an autouse fixture in your conftest.py.",
    ciFile,
    ciMatrix: ciFile
      ? `Python ${stack.pythonVersions.join(", ")} × ${pytestSelections(stack)
          .map((selection) => `\`-m "${selection}"\``)
          .join(", ")}`
      : undefined,
  });
  return {
    ...base,
    daggerVersion: DAGGER_VERSION,
    minPython: MIN_PYTHON,
    module: stack.module
      ? { call: pythonModuleExample(stack), source: pythonModuleSource(stack) }
      : undefined,
    installCommand: commands.install.join(" && "),
    conftest: conftestInWords(setup.conftest, (path) => `\`${path}\``),
    plainCommand: commands.run(COMMANDS.pytest),
    fixtures: fixtureNames(stack)
      .filter((name) => name !== "anyio_backend")
      .map((name) => `\`${name}\``)
      .join(", "),
    urlFixtures: stack.services.filter(isService).map(urlFixtureName),
    matrix: stack.matrix.flatMap((axis) =>
      axis.targets.map((target) => ({
        fixture: axis.name,
        entry: target,
        marker: matrixMarker(axis, target),
      })),
    ),
  };
}
