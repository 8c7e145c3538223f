import {
  detectPythonTool,
  PYTHON_TOOL_MARKERS,
  type PythonTool,
  type PythonToolFiles,
} from "../../project/python-tool.js";
import { shellWord } from "../../render/escape.js";
import { type PythonSetup, pythonCommands } from "../../render/python/ci.js";
import { COMMANDS, PACKAGE, STACK_MARKER } from "../../render/python/names.js";
import type { VirtualTree } from "../../tree/tree.js";
import { pythonSetup } from "../python-project.js";

/**
 * The pytest command of a migrated project's stack test run: the stack's own (`python -m pytest tests -m
 * stack`), with the folders of the user's tests that live outside tests/, in the project's environment.
 */

/** The plugin tests/conftest.py loads beside the stack's fixtures: the stack test run of the user's tests. */
export const STACK_RUN_PLUGIN = `${PACKAGE}.stack_run`;

/**
 * The project's Python tool and where its dev dependencies live: the tool given (the one create used), or
 * detected from the tree as create detects it.
 */
export function projectPythonSetup(tree: VirtualTree, tool?: PythonTool): PythonSetup {
  return pythonSetup(tree, tool ?? detectPythonTool(toolFilesOf(tree)));
}

/** The files tool detection reads, from the tree (the project picture's tool is preferred when given). */
function toolFilesOf(tree: VirtualTree): PythonToolFiles {
  const poetryLockHeader = tree.read("poetry.lock")?.split("\n", 1)[0];
  const pyproject = tree.read("pyproject.toml");
  return {
    ...(pyproject !== undefined && { pyproject }),
    ...(poetryLockHeader !== undefined && { poetryLockHeader }),
    present: PYTHON_TOOL_MARKERS.filter((file) => tree.exists(file)),
  };
}

/** `tests` (where the stack's own tests live), then the top folders of the user's tests outside it. */
export function testRoots(yourTests: readonly string[]): string[] {
  const outside = yourTests
    .filter((path) => path !== "tests" && !path.startsWith("tests/"))
    .map((path) => path.split("/")[0] ?? path);
  return ["tests", ...new Set(outside)];
}

/**
 * `pytest -m stack` over the roots, in the project's environment: through its tool (`uv run`, `poetry
 * run`, ...); with pip, the `python` of the environment it runs in (a CI job's, an activated venv).
 */
export function pytestStackCommand(tree: VirtualTree, roots: readonly string[], tool?: PythonTool): string {
  const setup = projectPythonSetup(tree, tool);
  const command = `${pytestOver(roots)} -m ${STACK_MARKER}`;
  return hasRunner(setup) ? pythonCommands(setup).run(command) : command;
}

/** `python -m pytest tests it -m "<selection>"`, for a CI job per selection, as pytestCommand() writes it. */
export function pytestSelectionCommand(roots: readonly string[], selection: string): string {
  const word = /^".*"$/.test(selection) ? selection : `"${selection}"`;
  return `${pytestOver(roots)} -m ${word}`;
}

/** Whether the user's tests live outside tests/, where create's commands do not look. */
export function hasOtherRoots(roots: readonly string[]): boolean {
  return roots.some((root) => root !== "tests");
}

function pytestOver(roots: readonly string[]): string {
  const extra = roots.filter((root) => root !== "tests").map(shellWord);
  return [COMMANDS.pytest, ...extra].join(" ");
}

function hasRunner(setup: PythonSetup): boolean {
  return setup.tool.name !== "pip" && setup.tool.name !== "pip-tools";
}
