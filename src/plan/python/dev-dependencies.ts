import {
  addRequirements,
  type DeclaredRequirement,
  declaredRequirements,
  type NewRequirement,
  normalizeName,
  requirementName,
  scanToml,
  TomlSyntaxError,
  targetFile,
} from "../../edit/toml/index.js";
import { AnchorError, type Problem } from "../../errors.js";
import type { PythonToolName } from "../../project/python-tool.js";
import type { DependencyTarget, PythonSetup } from "../../render/python/ci.js";
import { supportedVersions } from "../../render/python/packages.js";
import { intersect, poetryRange, relation, requirementRange, type VersionRange } from "../python-versions.js";
import { HATCH_TOML, PYPROJECT, REQUIREMENTS } from "./setup.js";

/**
 * The stack's dev dependencies, merged into the file where the project's tool reads them. A package the
 * project already requires keeps the project's requirement: silently when every version it allows runs
 * the generated tests, with a warning when only some do, and as a conflict (the CLI stops unless
 * --force) when none do. Only the packages it does not require are added, in the tool's own style.
 */
export interface DevDependencyMerge {
  path: string;
  /** The edited file; absent when it cannot be edited (a warning says why). */
  text?: string;
  warnings: string[];
  /** The project's requirements that allow no version the generated tests run on, one per package. */
  conflicts: Problem[];
}

/**
 * How new requirements are written: pinned exactly where nothing locks them (the tests run on the
 * versions they were checked with), as a range where a lock file pins them (what `uv add` and
 * `poetry add` write), in Poetry's caret form for Poetry.
 */
type PinStyle = "exact" | "range" | "caret";

const PIN_STYLES: Record<PythonToolName, PinStyle> = {
  pip: "exact",
  hatch: "exact",
  "pip-tools": "range",
  uv: "range",
  pdm: "range",
  poetry: "caret",
};

export function mergeDevDependencies(
  read: (path: string) => string | undefined,
  setup: PythonSetup,
  dependencies: Readonly<Record<string, string>>,
): DevDependencyMerge {
  const { target } = setup;
  const path = targetPath(target);
  try {
    const declared = declaredIn(read, target);
    const checks = Object.entries(dependencies).map(([name, pin]) =>
      checkDeclared(path, name, pin, declared),
    );
    const missing = Object.entries(dependencies)
      .filter(([name]) => !declared.some((entry) => entry.name === normalizeName(name)))
      .map(([name, pin]) => newRequirement(name, pin, PIN_STYLES[setup.tool.name]));
    return {
      path,
      text: write(read, target, missing),
      warnings: checks.flatMap((check) => check.warnings),
      conflicts: checks.flatMap((check) => check.conflicts),
    };
  } catch (error) {
    if (!(error instanceof TomlSyntaxError || error instanceof AnchorError)) throw error;
    const lines = Object.entries(dependencies).map(([name, pin]) => `${name}==${pin}`);
    return {
      path,
      warnings: [
        `${path}: not edited (${error.message}); add these dev dependencies by hand: ${lines.join(", ")}`,
      ],
      conflicts: [],
    };
  }
}

function targetPath(target: DependencyTarget): string {
  if (target.kind === "pyproject") return targetFile(target.at);
  return target.kind === "requirements" ? target.file : target.input;
}

/** Every requirement the project declares where the target's tool (and pip) would see it. */
function declaredIn(
  read: (path: string) => string | undefined,
  target: DependencyTarget,
): DeclaredRequirement[] {
  if (target.kind === "requirements") {
    const files = new Set([REQUIREMENTS, ...target.base, target.file]);
    return [...files].flatMap((file) => requirementsFileDeclared(file, read(file)));
  }
  if (target.kind === "pip-tools") return requirementsFileDeclared(target.input, read(target.input));
  const files = targetFile(target.at) === HATCH_TOML ? [PYPROJECT, HATCH_TOML] : [PYPROJECT];
  return files.flatMap((file) => {
    const text = read(file);
    if (text === undefined) return [];
    return declaredRequirements(scanToml(text)).map((entry) => ({
      ...entry,
      where: `${file} ${entry.where}`,
    }));
  });
}

function requirementsFileDeclared(file: string, text: string | undefined): DeclaredRequirement[] {
  return requirementsIn(text ?? "").map((line) => ({
    name: requirementName(line),
    text: line,
    constraint: line,
    syntax: "pep508",
    where: file,
  }));
}

function newRequirement(name: string, pin: string, style: PinStyle): NewRequirement {
  const { below } = supportedVersions(name);
  return {
    name,
    pep508: style === "exact" ? `${name}==${pin}` : `${name}>=${pin},<${below}`,
    poetry: `^${pin}`,
  };
}

function checkDeclared(
  file: string,
  name: string,
  pin: string,
  declared: readonly DeclaredRequirement[],
): { warnings: string[]; conflicts: Problem[] } {
  const own = declared.filter((entry) => entry.name === normalizeName(name));
  if (own.length === 0) return { warnings: [], conflicts: [] };
  const { min, below } = supportedVersions(name);
  const needs = `${name}>=${min},<${below}`;
  const theirs = own.map(shown).join(" and ");
  switch (relation(combinedRange(own), min, below)) {
    case "within":
      return { warnings: [], conflicts: [] };
    case "overlaps":
      return { warnings: [`${file}: kept your ${theirs}; the generated tests need ${needs}`], conflicts: [] };
    case "unknown":
      return {
        warnings: [
          `${file}: kept your ${theirs}; check that it allows ${needs}, which the generated tests need`,
        ],
        conflicts: [],
      };
    case "disjoint":
      return {
        warnings: [`${file}: kept your ${theirs} (--force); the generated tests need ${needs}`],
        conflicts: [conflict(own, needs, name, pin)],
      };
  }
}

/** A requirement as the user wrote it: Poetry's `name = "constraint"` line as it is, a PEP 508 string quoted. */
function shown(entry: DeclaredRequirement): string {
  return entry.syntax === "poetry" ? entry.text : `"${entry.text}"`;
}

function combinedRange(own: readonly DeclaredRequirement[]): VersionRange | undefined {
  let combined: VersionRange = [{}];
  for (const entry of own) {
    if (entry.constraint === undefined) return undefined;
    const range =
      entry.syntax === "poetry" ? poetryRange(entry.constraint) : requirementRange(entry.constraint);
    if (range === undefined) return undefined;
    combined = intersect(combined, range);
  }
  return combined;
}

function conflict(own: readonly DeclaredRequirement[], needs: string, name: string, pin: string): Problem {
  const first = own[0] as DeclaredRequirement;
  const suggestion = first.syntax === "poetry" ? `${name} = "^${pin}"` : `${needs}`;
  return {
    path: [...new Set(own.map((entry) => entry.where))].join(", "),
    message: `${own.map(shown).join(" and ")} allows no version the generated tests run on (${needs})`,
    hint: `change it to ${suggestion} and run again, or pass --force to keep yours`,
  };
}

/** The target's file with the missing requirements written in; unchanged when nothing is missing. */
function write(
  read: (path: string) => string | undefined,
  target: DependencyTarget,
  missing: readonly NewRequirement[],
): string | undefined {
  const lines = missing.map((requirement) => requirement.pep508);
  switch (target.kind) {
    case "pyproject": {
      const file = targetFile(target.at);
      const text = read(file);
      if (missing.length === 0) return text;
      return addRequirements(text ?? NEW_FILE_COMMENT, target.at, missing);
    }
    case "requirements": {
      const base = read(REQUIREMENTS);
      return appendRequirements(read(target.file), lines, base !== undefined && target.base.length === 0);
    }
    case "pip-tools":
      return appendRequirements(read(target.input), lines, false);
  }
}

const NEW_FILE_COMMENT = "# Dev dependencies of the Dagger stack's tests, added by create-dagger-stack.\n";

/** Appends requirement lines to a requirements file, keeping every line that is there. */
export function appendRequirements(
  text: string | undefined,
  lines: readonly string[],
  includeBase: boolean,
): string {
  const eol = text?.includes("\r\n") ? "\r\n" : "\n";
  const head =
    text === undefined
      ? `${NEW_FILE_COMMENT.trimEnd()}${eol}${includeBase ? `-r ${REQUIREMENTS}${eol}` : ""}`
      : text === "" || text.endsWith("\n") || lines.length === 0
        ? text
        : `${text}${eol}`;
  return `${head}${lines.map((line) => `${line}${eol}`).join("")}`;
}

/** The requirement lines of a requirements file: no comments, options (`-r`, `--index-url`) or blanks. */
export function requirementsIn(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, "").trim())
    .filter((line) => line !== "" && !line.startsWith("-"));
}
