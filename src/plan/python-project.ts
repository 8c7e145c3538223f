import {
  addDevDependencies,
  compareRequirements,
  isInstallable,
  pyprojectTarget,
  requirementName,
  TomlSyntaxError,
} from "../edit/toml/index.js";
import { AnchorError } from "../errors.js";
import { DEFAULT_TARGET, type DependencyTarget, installCommands } from "../render/python/ci.js";
import { pythonTargetFiles } from "../render/python/index.js";
import { COMMANDS, PACKAGE, PACKAGE_MARKERS, PY_PATHS } from "../render/python/names.js";
import { pythonDevDependencies, requirementLines } from "../render/python/packages.js";
import type { NormalizedStack } from "../spec/model.js";
import type { VirtualTree } from "../tree/tree.js";

/**
 * What `create` does for a Python stack besides writing the rendered files: it edits the files the project
 * already owns. Dev dependencies go where the project keeps them (pyproject.toml or a requirements file);
 * tests/conftest.py gets one import line; missing package markers are created; the CI file and the docs
 * are rendered for the install command that follows. Every edit is a "merged" write: nothing the user
 * wrote is replaced, and a second run changes nothing.
 */
export interface PythonProjectPlan {
  target: DependencyTarget;
  warnings: string[];
  /** Commands to run next, in order: install, `up`, the tests. */
  nextCommands: string[];
}

export function writePythonProject(tree: VirtualTree, stack: NormalizedStack): PythonProjectPlan {
  const target = dependencyTarget(tree);
  const warnings = [
    ...writeDevDependencies(tree, target, pythonDevDependencies(stack)),
    ...writeConftest(tree),
    ...writePackageMarkers(tree),
  ];
  for (const file of pythonTargetFiles(stack, target)) tree.write(file.path, file.content, "generated");
  return {
    target,
    warnings,
    nextCommands: [...installCommands(target), COMMANDS.up, `dagger run ${COMMANDS.test}`],
  };
}

export const PYPROJECT = "pyproject.toml";
export const REQUIREMENTS = "requirements.txt";
/** Dev requirement files by the names projects give them; the first is created when none exists. */
export const DEV_REQUIREMENTS = [
  "requirements-dev.txt",
  "dev-requirements.txt",
  "requirements-test.txt",
  "test-requirements.txt",
] as const;

/** pyproject.toml when there is one (or nothing at all); a requirements file when the project uses those. */
export function dependencyTarget(tree: VirtualTree): DependencyTarget {
  const pyproject = tree.read(PYPROJECT);
  if (pyproject !== undefined) return pyprojectDependencyTarget(pyproject);
  const devFile = DEV_REQUIREMENTS.find((path) => tree.exists(path));
  if (devFile === undefined && !tree.exists(REQUIREMENTS)) return DEFAULT_TARGET;
  const file = devFile ?? DEV_REQUIREMENTS[0];
  const includesBase =
    devFile !== undefined && /^\s*-r\s+requirements\.txt\s*$/m.test(tree.read(devFile) ?? "");
  const base = tree.exists(REQUIREMENTS) && devFile !== undefined && !includesBase ? [REQUIREMENTS] : [];
  return { kind: "requirements", file, base };
}

function pyprojectDependencyTarget(text: string): DependencyTarget {
  try {
    const target = pyprojectTarget(text);
    return target.kind === "extra" ? target : { ...target, installProject: isInstallable(text) };
  } catch (error) {
    if (error instanceof TomlSyntaxError) return DEFAULT_TARGET;
    throw error;
  }
}

function writeDevDependencies(
  tree: VirtualTree,
  target: DependencyTarget,
  dependencies: Readonly<Record<string, string>>,
): string[] {
  const merge = mergeDevDependencies((path) => tree.read(path), target, dependencies);
  if (merge.text !== undefined) tree.write(merge.path, merge.text, "merged");
  return merge.warnings;
}

/** A dev-dependency file with pins added: `text` is absent when the file cannot be edited (warnings say why). */
export interface DevDependencyMerge {
  path: string;
  text?: string;
  warnings: string[];
}

/**
 * The file where the project keeps its dev dependencies, with the missing pins appended; its own
 * requirements for the same packages are kept, each with a warning. `create` and `add` both merge so.
 */
export function mergeDevDependencies(
  read: (path: string) => string | undefined,
  target: DependencyTarget,
  dependencies: Readonly<Record<string, string>>,
): DevDependencyMerge {
  if (target.kind === "requirements") return mergeRequirementsFile(read, target.file, dependencies);
  try {
    const merge = addDevDependencies(read(PYPROJECT) ?? NEW_PYPROJECT, target, dependencies);
    return { path: PYPROJECT, text: merge.text, warnings: keptWarnings(PYPROJECT, merge.kept, dependencies) };
  } catch (error) {
    if (!(error instanceof TomlSyntaxError || error instanceof AnchorError)) throw error;
    const lines = requirementLines(dependencies).join(", ");
    return {
      path: PYPROJECT,
      warnings: [`${PYPROJECT}: not edited (${error.message}); add these dev dependencies by hand: ${lines}`],
    };
  }
}

const NEW_PYPROJECT = "# Dev dependencies of the Dagger stack's tests, added by create-dagger-stack.\n";

/** Appends the missing pins to a requirements file, keeping every line that is there. */
export function mergeRequirements(
  text: string | undefined,
  dependencies: Readonly<Record<string, string>>,
  declaredElsewhere: readonly string[],
  includeBase: boolean,
): { text: string; kept: string[] } {
  const eol = text?.includes("\r\n") ? "\r\n" : "\n";
  const declared = [...requirementsIn(text ?? ""), ...declaredElsewhere];
  const { missing, kept } = compareRequirements(declared, dependencies);
  const head =
    text === undefined
      ? `# Dev dependencies of the Dagger stack's tests, added by create-dagger-stack.${eol}${includeBase ? `-r ${REQUIREMENTS}${eol}` : ""}`
      : text === "" || text.endsWith("\n")
        ? text
        : `${text}${eol}`;
  return { text: `${head}${missing.map((pin) => `${pin}${eol}`).join("")}`, kept };
}

/** The requirement lines of a requirements file: no comments, options (`-r`, `--index-url`) or blanks. */
export function requirementsIn(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("-"));
}

function mergeRequirementsFile(
  read: (path: string) => string | undefined,
  file: string,
  dependencies: Readonly<Record<string, string>>,
): DevDependencyMerge {
  const base = read(REQUIREMENTS);
  const merge = mergeRequirements(read(file), dependencies, requirementsIn(base ?? ""), base !== undefined);
  return { path: file, text: merge.text, warnings: keptWarnings(file, merge.kept, dependencies) };
}

function keptWarnings(
  file: string,
  kept: readonly string[],
  dependencies: Readonly<Record<string, string>>,
): string[] {
  return kept.map((requirement) => keptWarning(file, requirement, dependencies));
}

function keptWarning(
  file: string,
  requirement: string,
  dependencies: Readonly<Record<string, string>>,
): string {
  const name = requirementName(requirement);
  const pin = Object.entries(dependencies).find(([candidate]) => requirementName(candidate) === name);
  const tested = pin ? `; the generated tests are checked with ${pin[0]}==${pin[1]}` : "";
  return `${file}: kept your "${requirement}"${tested}`;
}

/** The plugin module tests/conftest.py loads: the stack's fixtures, markers and hooks. */
export const FIXTURES_PLUGIN = `${PACKAGE}.fixtures`;
const CONFTEST_COMMENT = "# The Dagger stack's fixtures, markers and hooks (create-dagger-stack).";
const PLUGINS_LINE = `pytest_plugins = ["${FIXTURES_PLUGIN}"]`;

function writeConftest(tree: VirtualTree): string[] {
  const existing = tree.read(PY_PATHS.conftest);
  const merged = mergeConftest(existing);
  if (merged !== existing) tree.write(PY_PATHS.conftest, merged, "merged");
  if (existing !== undefined && /^\s*(async\s+)?def\s+anyio_backend\b/m.test(existing)) {
    return [
      `${PY_PATHS.conftest}: your anyio_backend fixture replaces the stack's; the stack's session-scoped fixtures need it session-scoped and returning "asyncio"`,
    ];
  }
  return [];
}

/**
 * tests/conftest.py loading the fixtures plugin. pytest_plugins, not a star import: it registers the
 * plugin's hooks and fixtures whatever the project's linter says about `import *`, and fixtures the
 * conftest defines still override the plugin's. A new file holds just that; an existing one gets the
 * entry added to its pytest_plugins, or the line after its leading docstring and imports.
 */
export function mergeConftest(text: string | undefined): string {
  if (text === undefined || text.trim() === "") return `${CONFTEST_COMMENT}\n${PLUGINS_LINE}\n`;
  if (text.includes(`"${FIXTURES_PLUGIN}"`) || text.includes(`'${FIXTURES_PLUGIN}'`)) return text;
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  const existing = lines.findIndex((line) => /^pytest_plugins\s*(:[^=]*)?=/.test(line));
  if (existing !== -1) return addToPlugins(lines, existing).join(eol);
  const at = afterLeadingImports(lines);
  const before = lines.slice(0, at);
  const after = lines.slice(at);
  const block = [CONFTEST_COMMENT, PLUGINS_LINE];
  const lead = before.length > 0 && before.at(-1)?.trim() !== "" ? [""] : [];
  const gap = after.length === 0 || after[0]?.trim() === "" ? [] : [""];
  return [...before, ...lead, ...block, ...gap, ...after].join(eol);
}

/** Adds the plugin to an existing `pytest_plugins`: into its list literal, or by extending it after. */
function addToPlugins(lines: readonly string[], index: number): string[] {
  const end = statementEnd(lines, index);
  const statement = lines.slice(index, end).join("\n");
  const value = statement.slice(statement.indexOf("=") + 1).trim();
  const entry = `"${FIXTURES_PLUGIN}"`;
  const closingLine = lines[end - 1] ?? "";
  if (value.startsWith("[") && end - index > 1 && /^\s*\]/.test(closingLine)) {
    const previous = lines[end - 2] ?? "";
    const indent = /^\s*/.exec(previous)?.[0] || "    ";
    const withComma =
      end - 2 > index && !/[,[]\s*(#.*)?$/.test(previous) ? previous.replace(/\s*(#.*)?$/, ",$&") : previous;
    return [...lines.slice(0, end - 2), withComma, `${indent}${entry},`, ...lines.slice(end - 1)];
  }
  if (value.startsWith("[") && value.replace(/#.*$/gm, "").trimEnd().endsWith("]")) {
    const last = end - 1;
    const closing = (lines[last] ?? "").lastIndexOf("]");
    const line = lines[last] ?? "";
    const inner = statement.slice(statement.indexOf("[") + 1, statement.lastIndexOf("]")).trim();
    const separator = inner === "" ? "" : inner.endsWith(",") ? " " : ", ";
    const edited = `${line.slice(0, closing).trimEnd()}${separator}${entry}${line.slice(closing)}`;
    return [...lines.slice(0, last), edited, ...lines.slice(end)];
  }
  const extended = /^["']/.test(value)
    ? `pytest_plugins = [pytest_plugins, ${entry}]`
    : `pytest_plugins = [*pytest_plugins, ${entry}]`;
  return [...lines.slice(0, end), extended, ...lines.slice(end)];
}

/** The index of the first line after the module's docstring and its first run of imports. */
function afterLeadingImports(lines: readonly string[]): number {
  let index = skipBlankAndComments(lines, 0);
  index = skipDocstring(lines, index);
  let end = index;
  for (let i = index; i < lines.length; ) {
    const line = lines[i] ?? "";
    if (line.trim() === "" || line.startsWith("#")) {
      i++;
      continue;
    }
    if (!/^(import|from)\s/.test(line)) break;
    i = statementEnd(lines, i);
    end = i;
  }
  return end;
}

function skipBlankAndComments(lines: readonly string[], from: number): number {
  let index = from;
  while (index < lines.length && /^\s*(#.*)?$/.test(lines[index] ?? "")) index++;
  return index;
}

function skipDocstring(lines: readonly string[], from: number): number {
  const line = lines[from] ?? "";
  const quote = /^[rRuU]?("""|''')/.exec(line)?.[1];
  if (!quote) return /^[rRuU]?["']/.test(line) ? from + 1 : from;
  if (line.indexOf(quote, line.indexOf(quote) + 3) !== -1) return from + 1;
  for (let i = from + 1; i < lines.length; i++) if (lines[i]?.includes(quote)) return i + 1;
  return lines.length;
}

/** The line after a simple statement, following brackets and backslash continuations. */
function statementEnd(lines: readonly string[], from: number): number {
  let depth = 0;
  for (let i = from; i < lines.length; i++) {
    const line = (lines[i] ?? "").replace(/#.*$/, "");
    depth += (line.match(/[([{]/g) ?? []).length - (line.match(/[)\]}]/g) ?? []).length;
    if (depth <= 0 && !line.trimEnd().endsWith("\\")) return i + 1;
  }
  return lines.length;
}

function writePackageMarkers(tree: VirtualTree): string[] {
  const warnings: string[] = [];
  const testsExisted = tree.exists(PY_PATHS.conftest) && tree.original(PY_PATHS.conftest) !== undefined;
  for (const marker of PACKAGE_MARKERS) {
    if (tree.exists(marker)) continue;
    tree.write(marker, "", "merged");
    if (marker === "tests/__init__.py" && testsExisted) {
      warnings.push(
        "added tests/__init__.py: tests/ is now a package, as `from tests.dagger_modules import ...` needs; imports between your test modules may need the `tests.` prefix",
      );
    }
  }
  return warnings;
}
