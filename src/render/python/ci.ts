import type { PyprojectTarget } from "../../edit/toml/index.js";
import type { PythonTool } from "../../project/python-tool.js";
import type { NormalizedStack } from "../../spec/model.js";
import { fromRoot, type RepoLayout, ROOT_LAYOUT } from "../ci/layout.js";
import type { CiModel, CiTool } from "../ci/model.js";
import { shellWord } from "../escape.js";
import { COMMANDS, MATRIX_MARKER, matrixMarker, PY_PATHS, STACK_MARKER } from "./names.js";
import { PIP_VERSION, PYTHON_TOOL_RELEASES } from "./packages.js";

/**
 * How the project installs and runs Python: its tool (the project reader detects it) and where its dev
 * dependencies live. Next steps, the docs and the CI file all take their commands from here.
 */
export interface PythonSetup {
  tool: PythonTool;
  target: DependencyTarget;
  /** The conftest.py whose `pytest_plugins` loads the stack's fixtures (pluginConftest()). */
  conftest: string;
}

export type DependencyTarget =
  /** A list or table in pyproject.toml (hatch.toml for Hatch); `installProject` when pip should install the project too. */
  | { kind: "pyproject"; at: PyprojectTarget; installProject: boolean }
  /** A requirements file, installed after `base` (e.g. requirements.txt). */
  | { kind: "requirements"; file: string; base: string[] }
  /** pip-tools: dependencies go in `input`, which pip-compile turns into `output`, the file pip installs. */
  | { kind: "pip-tools"; input: string; output: string };

export const DEFAULT_SETUP: PythonSetup = {
  tool: { name: "pip" },
  target: { kind: "pyproject", at: { kind: "group", name: "dev" }, installProject: false },
  conftest: PY_PATHS.conftest,
};

/**
 * Where a Python stack's CI runs in its repository: its tool installs and runs in the stack's own folder
 * (uv finds the workspace it belongs to from there), and the lock file whose changes run the workflow is
 * the tool's (a uv workspace's uv.lock at its root), not a Node package manager's.
 */
export function pythonLayout(
  layout: RepoLayout = ROOT_LAYOUT,
  tool: PythonTool = DEFAULT_SETUP.tool,
): RepoLayout {
  const lockfile = tool.lockFile && fromRoot(layout, tool.lockFile);
  return {
    stackFolder: layout.stackFolder,
    installFolder: layout.stackFolder,
    ...(lockfile && { lockfile }),
  };
}

/** The venv a project without a tool of its own gets, at the place uv, PDM and Poetry's in-project mode use too. */
export const VENV_PYTHON = ".venv/bin/python";

export interface PythonCommands {
  /** From a fresh clone: what creates the environment and installs the dev dependencies into it. */
  install: string[];
  /** The same, for CI: a lock file there must already be up to date. */
  ciInstall: string[];
  /** What installs dev dependencies added later into the environment `install` made (after `add`). */
  update: string[];
  /** `command`, which starts with `python`, run in the project's environment. */
  run: (command: string) => string;
  /** What brings the lock file (or pip-tools' compiled file) up to date after the dev dependencies changed. */
  lock?: string[];
}

export function pythonCommands(setup: PythonSetup): PythonCommands {
  return TOOL_COMMANDS[setup.tool.name](setup);
}

const TOOL_COMMANDS: Record<PythonTool["name"], (setup: PythonSetup) => PythonCommands> = {
  pip: ({ target }) => venvCommands(pipInstall(target)),
  "pip-tools": ({ target }) => ({
    ...venvCommands(pipInstall(target)),
    ...(target.kind === "pip-tools" && { lock: ["pip-compile", target.input] }),
  }),
  poetry: ({ tool, target }) => {
    const install = `poetry install --with ${shellWord(groupName(target))}`;
    const lock = major(tool.lockedBy) === 1 ? ["poetry", "lock", "--no-update"] : ["poetry", "lock"];
    return {
      install: [install],
      ciInstall: [install],
      update: [install],
      run: (command) => `poetry run ${command}`,
      ...(tool.lockFile && { lock }),
    };
  },
  uv: ({ tool, target }) => {
    const flags = uvFlags(target);
    return {
      install: [`uv sync${flags}`],
      update: [`uv sync${flags}`],
      ciInstall: [`uv sync${tool.lockFile ? " --locked" : ""}${flags}`],
      run: (command) => `uv run${flags} ${command}`,
      ...(tool.lockFile && { lock: ["uv", "lock"] }),
    };
  },
  pdm: ({ tool, target }) => {
    const install = `pdm install -G ${shellWord(groupName(target))}`;
    return {
      install: [install],
      ciInstall: [install],
      update: [install],
      run: (command) => `pdm run ${command}`,
      // Every group: a plain `pdm lock` keeps to the groups the lock had, which a new dev group is not.
      ...(tool.lockFile && { lock: ["pdm", "lock", "--update-reuse", "-G", ":all"] }),
    };
  },
  hatch: ({ target }) => {
    const env = target.kind === "pyproject" && target.at.kind === "hatch-env" ? target.at.env : "default";
    const install = env === "default" ? "hatch env create" : `hatch env create ${shellWord(env)}`;
    const prefix = env === "default" ? "" : `${shellWord(env)}:`;
    // Hatch syncs an environment's dependencies on every `hatch run`: nothing to update by hand.
    return {
      install: [install],
      ciInstall: [install],
      update: [],
      run: (command) => `hatch run ${prefix}${command}`,
    };
  },
};

/** pip in a venv of the project's own: nothing is installed into whichever Python happens to be active. */
function venvCommands(pipCommands: readonly string[]): PythonCommands {
  const inVenv = (command: string) => command.replace(/^python /, `${VENV_PYTHON} `);
  const update = pipCommands.filter((command) => !command.includes("install pip==")).map(inVenv);
  const install = ["python3 -m venv .venv", ...pipCommands.map(inVenv)];
  return { install, ciInstall: install, update, run: inVenv };
}

function pipInstall(target: DependencyTarget): string[] {
  switch (target.kind) {
    case "requirements":
      return [`python -m pip install ${requirementFiles([...target.base, target.file])}`];
    case "pip-tools":
      return [`python -m pip install ${requirementFiles([target.output])}`];
    case "pyproject":
      if (target.at.kind === "extra")
        return [`python -m pip install -e ${shellWord(`.[${target.at.name}]`)}`];
      return [
        // `pip install --group` needs pip 25.1 or newer; a new venv comes with the pip Python bundles.
        `python -m pip install pip==${PIP_VERSION}`,
        `python -m pip install${target.installProject ? " -e ." : ""} --group ${shellWord(groupName(target))}`,
      ];
  }
}

function requirementFiles(files: readonly string[]): string {
  return files.map((file) => `-r ${shellWord(file)}`).join(" ");
}

/** The name of the group, extra or environment the dev dependencies are in. */
function groupName(target: DependencyTarget): string {
  if (target.kind !== "pyproject") return "dev";
  const at = target.at;
  if (at.kind === "poetry-group") return at.group;
  if (at.kind === "hatch-env") return at.env;
  return at.kind === "uv-dev" ? "dev" : at.name;
}

/** `uv sync` and `uv run` take the `dev` group by default; any other group or an extra is named. */
function uvFlags(target: DependencyTarget): string {
  if (target.kind !== "pyproject") return "";
  const at = target.at;
  if (at.kind === "extra") return ` --extra ${shellWord(at.name)}`;
  if (at.kind === "group" && at.name !== "dev") return ` --group ${shellWord(at.name)}`;
  return "";
}

function major(version: string | undefined): number | undefined {
  return version === undefined ? undefined : Number(version.split(".")[0]);
}

/** The tool CI installs before the dependencies: Poetry at the version that wrote poetry.lock, when it says. */
export function ciTool(tool: PythonTool): CiTool | undefined {
  if (tool.name === "pip" || tool.name === "pip-tools") return undefined;
  const release: { package: string; version: string; with?: readonly string[] } =
    PYTHON_TOOL_RELEASES[tool.name];
  const version = (tool.name === "poetry" && tool.lockedBy) || release.version;
  return {
    name: tool.name,
    version,
    requirements: [`${release.package}==${version}`, ...(release.with ?? [])],
  };
}

/**
 * One pytest marker expression per CI job: the stack's tests outside the testing matrix, then each matrix
 * entry. Every stack test is in exactly one: a test without the `matrix` marker in the first, a test that
 * uses one matrix fixture in its entry's job. The project's other tests stay with its own CI.
 */
export function pytestSelections(stack: NormalizedStack): string[] {
  const entries = stack.matrix.flatMap((axis) => axis.targets.map((target) => matrixMarker(axis, target)));
  return [`${STACK_MARKER} and not ${MATRIX_MARKER}`, ...entries];
}

/** `python -m pytest tests -m "<selection>"`; a selection already given as a quoted shell word stays as it is. */
export function pytestCommand(selection: string): string {
  const word = /^".*"$/.test(selection) ? selection : `"${selection}"`;
  return `${COMMANDS.pytest} -m ${word}`;
}

export function pythonCiModel(stack: NormalizedStack, setup: PythonSetup): CiModel {
  const commands = pythonCommands(setup);
  const tool = ciTool(setup.tool);
  return {
    runtime: "python",
    ...(setup.tool.name === "pip" || setup.tool.name === "pip-tools" ? { cache: "pip" } : {}),
    versions: stack.pythonVersions,
    selections: pytestSelections(stack),
    ...(tool && { tool }),
    install: commands.ciInstall,
    check: commands.run(COMMANDS.check),
    test: (selection) => commands.run(pytestCommand(selection)),
  };
}
