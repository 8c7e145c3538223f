import {
  hatchTarget,
  isInstallable,
  type PyprojectTarget,
  pdmTarget,
  poetryTarget,
  pyprojectTarget,
  TomlSyntaxError,
  uvTarget,
} from "../../edit/toml/index.js";
import type { PythonTool } from "../../project/python-tool.js";
import { DEFAULT_SETUP, type DependencyTarget, type PythonSetup } from "../../render/python/ci.js";
import { pluginConftest } from "../../render/python/names.js";

export const PYPROJECT = "pyproject.toml";
export const HATCH_TOML = "hatch.toml";
export const REQUIREMENTS = "requirements.txt";
/** Dev requirement files by the names projects give them; the first is created when none exists. */
export const DEV_REQUIREMENTS = [
  "requirements-dev.txt",
  "dev-requirements.txt",
  "requirements-test.txt",
  "test-requirements.txt",
] as const;

/** The planner's tree, as far as this reads it. */
interface ProjectFiles {
  read(path: string): string | undefined;
  exists(path: string): boolean;
}

/** Where the project's tool reads dev dependencies from, for the tool detection found. */
export function pythonSetup(
  files: ProjectFiles,
  tool: PythonTool,
  testModules?: readonly string[],
): PythonSetup {
  return { tool, target: dependencyTarget(files, tool), conftest: pluginConftest(testModules) };
}

function dependencyTarget(files: ProjectFiles, tool: PythonTool): DependencyTarget {
  if (tool.name === "pip-tools" && tool.evidence) {
    return { kind: "pip-tools", input: tool.evidence, output: tool.evidence.replace(/\.in$/, ".txt") };
  }
  const pyproject = files.read(PYPROJECT);
  if (tool.name === "pip" || tool.name === "pip-tools") return pipTarget(files, pyproject);
  const targetOf = TOOL_TARGETS[tool.name];
  const at = parsedOr(
    () => targetOf(pyproject ?? "", files.read(HATCH_TOML)),
    () => targetOf("", undefined),
  );
  return { kind: "pyproject", at, installProject: false };
}

const TOOL_TARGETS: Record<
  Exclude<PythonTool["name"], "pip" | "pip-tools">,
  (pyproject: string, hatchToml: string | undefined) => PyprojectTarget
> = {
  poetry: poetryTarget,
  uv: uvTarget,
  pdm: pdmTarget,
  hatch: hatchTarget,
};

/** Without a tool: pyproject.toml when there is one (or nothing at all); a requirements file when the project uses those. */
function pipTarget(files: ProjectFiles, pyproject: string | undefined): DependencyTarget {
  if (pyproject !== undefined) {
    return parsedOr(
      () => ({ kind: "pyproject", at: pyprojectTarget(pyproject), installProject: isInstallable(pyproject) }),
      () => DEFAULT_SETUP.target,
    );
  }
  const devFile = DEV_REQUIREMENTS.find((path) => files.exists(path));
  if (devFile === undefined && !files.exists(REQUIREMENTS)) return DEFAULT_SETUP.target;
  const file = devFile ?? DEV_REQUIREMENTS[0];
  const includesBase =
    devFile !== undefined && /^\s*-r\s+requirements\.txt\s*$/m.test(files.read(devFile) ?? "");
  const base = files.exists(REQUIREMENTS) && devFile !== undefined && !includesBase ? [REQUIREMENTS] : [];
  return { kind: "requirements", file, base };
}

/** A file that does not parse is reported when it is edited; until then it is read as empty. */
function parsedOr<T>(read: () => T, fallback: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof TomlSyntaxError) return fallback();
    throw error;
  }
}
