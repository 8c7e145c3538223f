import type { GeneratedFile } from "../../plan/output.js";
import type { NormalizedService, NormalizedStack } from "../../spec/model.js";
import { pyString } from "../escape.js";
import {
  DAGGER_JSON,
  daggerJson,
  moduleName,
  moduleObjectName,
  moduleServices,
  readsProjectFolders,
  testRunnerImage,
} from "../module.js";
import { render } from "../templates.js";
import type { PythonSetup } from "./ci.js";
import { pythonCommands } from "./ci.js";
import { COMMANDS, HEADER, PY_PATHS, pythonNames } from "./names.js";
import { MIN_PYTHON, PYTHON_TOOL_RELEASES, type PythonToolRelease } from "./packages.js";

/**
 * The Python Dagger module (`--module`): dagger.json at the project folder with `"source": ".dagger"`,
 * the module's package in .dagger/ (pyproject.toml and src/<package>/__init__.py), and an `include` of
 * the stack's own package, tests/dagger_modules/, which the module imports rather than copies.
 *
 * Why this works, from the engine and the Python runtime: the engine loads the module's context
 * directory with dagger.json, the source folder and dagger.json's `include` patterns (rebased from
 * dagger.json's folder: core/schema/modulesource.go, loadModuleSourceContext), and the Python runtime
 * mounts that whole context directory in the function's container, working in the source folder
 * (sdk/python/runtime/main.go, WithSource: `WithMountedDirectory(m.ContextDirPath, m.ContextDir)`). So
 * tests/dagger_modules/ sits beside .dagger/ there, as it does in the project. With a pyproject.toml and
 * no lock file the runtime installs the package editable (`uv pip install -e ./sdk -e .`, WithInstall),
 * so the module's __file__ is in that folder and it puts the project folder on sys.path. The package is
 * found by the pyproject's name (DAGGER_DEFAULT_PYTHON_PACKAGE, from discovery.go's loadConfig) and the
 * main object by the module's name (DAGGER_MAIN_OBJECT).
 */
export const PY_MODULE_FOLDER = ".dagger";

/** `knowledgebeast_stack`: the module's import package, as the runtime derives it from the pyproject name. */
export function modulePackage(stack: NormalizedStack): string {
  return moduleName(stack).replace(/-/g, "_");
}

export function pythonModuleSource(stack: NormalizedStack): string {
  return `${PY_MODULE_FOLDER}/src/${modulePackage(stack)}/__init__.py`;
}

export const PY_MODULE_PYPROJECT = `${PY_MODULE_FOLDER}/pyproject.toml`;

/** What dagger.json's `include` loads beside the module: the stack's package (and tests/ as a package). */
const STACK_INCLUDE = ["tests/__init__.py", "tests/dagger_modules/**/*.py"];

export function pythonModuleFiles(stack: NormalizedStack, setup: PythonSetup): GeneratedFile[] {
  if (!stack.module) return [];
  const config = daggerJson(stack, { sdk: "python", source: PY_MODULE_FOLDER, include: STACK_INCLUDE });
  return [
    { path: DAGGER_JSON, content: config },
    { path: PY_MODULE_PYPROJECT, content: render("python/module/pyproject.toml.hbs", pyprojectView(stack)) },
    {
      path: pythonModuleSource(stack),
      content: render("python/module/__init__.py.hbs", moduleView(stack, setup)),
    },
  ];
}

/** The name of a service's function in the module: its Python name (`dagger call` shows it kebab-cased). */
export function pythonModuleFunctionName(service: NormalizedService): string {
  return service.names.snake;
}

function pyprojectView(stack: NormalizedStack) {
  return { name: moduleName(stack), minPython: MIN_PYTHON };
}

function moduleView(stack: NormalizedStack, setup: PythonSetup) {
  const names = pythonNames(stack);
  return {
    header: HEADER,
    project: stack.names.kebab,
    objectName: moduleObjectName(moduleName(stack)),
    ...names,
    stackPath: PY_PATHS.stack,
    example: pythonModuleExample(stack),
    services: moduleServices(stack).map((service) => ({
      function: pythonModuleFunctionName(service),
      key: pyString(service.name),
      doc: `${service.name}, started by \`dagger call ${upCommand(service)}\`.`,
      readsFolders: readsProjectFolders(stack, service),
      fitsOneLine:
        `    async def ${pythonModuleFunctionName(service)}(self) -> dagger.Service:`.length <= LINE_LENGTH,
    })),
    image: pyString(testRunnerImage("python", stack.pythonVersions)),
    setup: testSetup(setup).map(pyString),
    test: pyString(pythonCommands(setup).run(COMMANDS.test)),
    ignore: PROJECT_IGNORE.map(pyString),
    serviceIgnore: [...PROJECT_IGNORE, PY_MODULE_FOLDER].map(pyString),
  };
}

/** The call the module's docstring and the docs show first: start the first service, or run the tests. */
export function pythonModuleExample(stack: NormalizedStack): string {
  const first = moduleServices(stack)[0];
  return first ? upCommand(first) : "test stdout";
}

/** The line length ruff and black format to by default. */
const LINE_LENGTH = 88;

function upCommand(service: NormalizedService): string {
  return `${service.names.kebab} up --ports ${service.hostPort}:${service.containerPort}`;
}

/** What the functions copy of the project: not virtualenvs, caches, git's store or the tool's folder. */
const PROJECT_IGNORE = ["**/.venv", "**/__pycache__", "**/.git", "**/.dagger-stack", "**/.dagger/sdk"];

/** The project's Python tool (pinned as CI installs it), then the environment as CI makes it. */
function testSetup(setup: PythonSetup): string[] {
  const name = setup.tool.name;
  const release: PythonToolRelease | undefined =
    name === "pip" || name === "pip-tools" ? undefined : PYTHON_TOOL_RELEASES[name];
  const tool = release
    ? [
        `python -m pip install ${[`${release.package}==${release.version}`, ...(release.with ?? [])].join(" ")}`,
      ]
    : [];
  return [...tool, ...pythonCommands(setup).ciInstall];
}
