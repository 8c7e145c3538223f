import type { Problem } from "../errors.js";
import type { RenderContext } from "../render/context.js";
import { DEFAULT_SETUP, type PythonSetup, pythonCommands } from "../render/python/ci.js";
import { pythonTargetFiles } from "../render/python/index.js";
import { COMMANDS, PACKAGE_MARKERS, PY_PATHS } from "../render/python/names.js";
import { pythonDevDependencies } from "../render/python/packages.js";
import type { NormalizedStack } from "../spec/model.js";
import type { VirtualTree } from "../tree/tree.js";
import { writeConftest } from "./python/conftest.js";
import { mergeDevDependencies } from "./python/dev-dependencies.js";
import { pythonSetup } from "./python/setup.js";

export { mergeConftest } from "./python/conftest.js";
export {
  appendRequirements,
  type DevDependencyMerge,
  mergeDevDependencies,
  requirementsIn,
} from "./python/dev-dependencies.js";
export { pythonSetup } from "./python/setup.js";

/**
 * What `create` does for a Python stack besides writing the rendered files: it edits the files the project
 * already owns. Dev dependencies go where the project's tool reads them (Poetry, uv, PDM, Hatch,
 * pip-tools, or pip's pyproject.toml and requirements files); a conftest.py gets one line that loads the
 * stack's plugin (tests/conftest.py, or the root's when tests/ is not a package: pluginConftest());
 * missing package markers are created; the CI file and the docs are rendered for that tool. Every edit
 * is a "merged" write: nothing the user wrote is replaced, and a second run changes nothing.
 */
export interface PythonProjectPlan {
  setup: PythonSetup;
  warnings: string[];
  /** The project's requirements that leave the generated tests no version to run on: the CLI stops unless --force. */
  conflicts: Problem[];
  /** After the commit: the command that brings the lock file up to date, when the dev dependencies changed. */
  lock?: LockStep;
  /** Commands to run next, in order: install, `up`, the tests. */
  nextCommands: string[];
}

/** A lock file to update after the commit, as `uv add` or `poetry add` would have. */
export interface LockStep {
  /** The tool's command, as argv: `["uv", "lock"]`. */
  command: string[];
  /**
   * The file it updates, from the stack's folder: `uv.lock` (`../../uv.lock` for a member of a uv
   * workspace), or pip-tools' compiled requirements. The command runs in that file's folder.
   */
  file: string;
}

/** `context.pythonTool` is the project's tool, as the project reader found it; pip in a venv when not given. */
export function writePythonProject(
  tree: VirtualTree,
  stack: NormalizedStack,
  context: RenderContext,
): PythonProjectPlan {
  const setup = pythonSetup(tree, context.pythonTool ?? DEFAULT_SETUP.tool, context.testModules);
  const dependencies = writeDevDependencies(tree, setup, pythonDevDependencies(stack));
  writePackageMarkers(tree, setup.conftest);
  const warnings = [...dependencies.warnings, ...writeConftest(tree, setup.conftest)];
  for (const file of pythonTargetFiles(stack, setup, context.layout))
    tree.write(file.path, file.content, "generated");
  const commands = pythonCommands(setup);
  return {
    setup,
    warnings,
    conflicts: dependencies.conflicts,
    ...(dependencies.changed && { lock: lockStep(setup) }),
    nextCommands: [
      ...commands.install,
      commands.run(COMMANDS.up),
      `dagger run ${commands.run(COMMANDS.test)}`,
    ],
  };
}

/** The lock step for a setup whose dev dependencies just changed, if its tool keeps a lock. */
export function lockStep(setup: PythonSetup): LockStep | undefined {
  const command = pythonCommands(setup).lock;
  if (!command) return undefined;
  const file = setup.target.kind === "pip-tools" ? setup.target.output : (setup.tool.lockFile ?? "");
  return { command, file };
}

function writeDevDependencies(
  tree: VirtualTree,
  setup: PythonSetup,
  dependencies: Readonly<Record<string, string>>,
): { warnings: string[]; conflicts: Problem[]; changed: boolean } {
  const merge = mergeDevDependencies((path) => tree.read(path), setup, dependencies);
  const changed = merge.text !== undefined && merge.text !== tree.read(merge.path);
  if (merge.text !== undefined) tree.write(merge.path, merge.text, "merged");
  return { warnings: merge.warnings, conflicts: merge.conflicts, changed };
}

const TESTS_MARKER = "tests/__init__.py";

/** Missing package markers; tests/ stays as it is when the plugin is loaded from the root (pluginConftest()). */
function writePackageMarkers(tree: VirtualTree, conftest: string): void {
  const keepTests = conftest === PY_PATHS.rootConftest;
  for (const marker of PACKAGE_MARKERS) {
    if (tree.exists(marker) || (keepTests && marker === TESTS_MARKER)) continue;
    tree.write(marker, "", "merged");
  }
}
