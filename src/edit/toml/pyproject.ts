import { AnchorError } from "../../errors.js";
import { appendTable, appendToArray, insertKeyValue, keyText } from "./edit.js";
import { childKeys, findTable, inlineTableHolding } from "./query.js";
import { encodeString, scanToml, type TomlDocument } from "./scan.js";

/**
 * Where dev dependencies go in pyproject.toml (or hatch.toml), for the tool that reads them:
 * - `extra`: a `dev`/`test` extra under [project.optional-dependencies];
 * - `group`: a PEP 735 group under [dependency-groups] (pip 25.1+, uv, PDM);
 * - `uv-dev`: uv's older [tool.uv] dev-dependencies; `pdm-dev`: PDM's older [tool.pdm.dev-dependencies];
 * - `hatch-env`: the `dependencies` of a Hatch environment;
 * - `poetry-group`: a Poetry group table of `name = "constraint"` lines (`legacy`: [tool.poetry.dev-dependencies]).
 */
export type PyprojectTarget =
  | { kind: "extra"; name: string }
  | { kind: "group"; name: string }
  | { kind: "uv-dev" }
  | { kind: "pdm-dev"; name: string }
  | { kind: "hatch-env"; env: string; file: "pyproject.toml" | "hatch.toml" }
  | { kind: "poetry-group"; group: string; legacy: boolean };

const PREFERRED = ["dev", "test"] as const;

/** Without a tool: the file's own convention, an extra when it has one, else a PEP 735 group. */
export function pyprojectTarget(text: string): PyprojectTarget {
  const doc = scanToml(text);
  const extra = preferred(childKeys(doc, ["project", "optional-dependencies"]));
  if (extra) return { kind: "extra", name: extra };
  return { kind: "group", name: preferred(childKeys(doc, ["dependency-groups"])) ?? "dev" };
}

/** uv: its older [tool.uv] dev-dependencies when the project still uses them, else as without a tool. */
export function uvTarget(text: string): PyprojectTarget {
  const doc = scanToml(text);
  const legacy =
    childKeys(doc, ["tool", "uv"]).includes("dev-dependencies") &&
    childKeys(doc, ["dependency-groups"]).length === 0;
  return legacy ? { kind: "uv-dev" } : pyprojectTarget(text);
}

/** PDM: a group of its older [tool.pdm.dev-dependencies] when the project has one, else as without a tool. */
export function pdmTarget(text: string): PyprojectTarget {
  const name = preferred(childKeys(scanToml(text), ["tool", "pdm", "dev-dependencies"]));
  return name ? { kind: "pdm-dev", name } : pyprojectTarget(text);
}

/** Poetry: its `dev` (or `test`) group; [tool.poetry.dev-dependencies] in a project that has only that. */
export function poetryTarget(text: string): PyprojectTarget {
  const doc = scanToml(text);
  const groups = childKeys(doc, ["tool", "poetry", "group"]);
  const legacy = groups.length === 0 && childKeys(doc, ["tool", "poetry"]).includes("dev-dependencies");
  return { kind: "poetry-group", group: legacy ? "dev" : (preferred(groups) ?? "dev"), legacy };
}

/** Hatch: the `default` environment (or `dev`, `test`), in hatch.toml when the project configures Hatch there. */
export function hatchTarget(pyproject: string | undefined, hatchToml: string | undefined): PyprojectTarget {
  const file = hatchToml !== undefined ? "hatch.toml" : "pyproject.toml";
  const doc = scanToml((file === "hatch.toml" ? hatchToml : pyproject) ?? "");
  const envs = childKeys(doc, file === "hatch.toml" ? ["envs"] : ["tool", "hatch", "envs"]);
  const env = ["default", ...PREFERRED].find((name) => envs.includes(name)) ?? "default";
  return { kind: "hatch-env", env, file };
}

function preferred(names: readonly string[]): string | undefined {
  return PREFERRED.find((name) => names.includes(name));
}

/** The file a target lives in. */
export function targetFile(target: PyprojectTarget): string {
  return target.kind === "hatch-env" ? target.file : "pyproject.toml";
}

/** The key (an array of requirements) or, for Poetry, the table (of `name = "constraint"`) a target writes. */
export function targetPath(target: PyprojectTarget): string[] {
  switch (target.kind) {
    case "extra":
      return ["project", "optional-dependencies", target.name];
    case "group":
      return ["dependency-groups", target.name];
    case "uv-dev":
      return ["tool", "uv", "dev-dependencies"];
    case "pdm-dev":
      return ["tool", "pdm", "dev-dependencies", target.name];
    case "hatch-env":
      return [...(target.file === "hatch.toml" ? [] : ["tool", "hatch"]), "envs", target.env, "dependencies"];
    case "poetry-group":
      return target.legacy
        ? ["tool", "poetry", "dev-dependencies"]
        : ["tool", "poetry", "group", target.group, "dependencies"];
  }
}

/** Whether pyproject.toml describes an installable project: a named [project] and a [build-system]. */
export function isInstallable(text: string): boolean {
  const doc = scanToml(text);
  return childKeys(doc, ["project"]).includes("name") && childKeys(doc, []).includes("build-system");
}

/** A requirement to write: PEP 508 text for the lists, the name and a constraint for Poetry's tables. */
export interface NewRequirement {
  name: string;
  pep508: string;
  poetry: string;
}

/** Writes the requirements into the target, keeping every other byte of the file. */
export function addRequirements(
  text: string,
  target: PyprojectTarget,
  requirements: readonly NewRequirement[],
): string {
  const file = targetFile(target);
  if (target.kind !== "poetry-group") {
    const items = requirements.map((requirement) => encodeString(requirement.pep508));
    return appendToArray(text, targetPath(target), items, file);
  }
  const lines = requirements.map(({ name, poetry }) => `${keyText(name)} = ${encodeString(poetry)}`);
  return addKeyValues(scanToml(text), targetPath(target), lines);
}

function addKeyValues(doc: TomlDocument, table: readonly string[], lines: readonly string[]): string {
  if (lines.length === 0) return doc.text;
  if (!findTable(doc, table)) {
    if (inlineTableHolding(doc, [...table, ""]) || childKeys(doc, table).length > 0) {
      const where = table.map(keyText).join(".");
      throw new AnchorError(
        "pyproject.toml",
        `a [${where}] table`,
        `${where} is written inline or with dotted keys; add ${lines.join(", ")} by hand`,
      );
    }
    return appendTable(doc, table, lines);
  }
  let text = doc.text;
  for (const line of lines) text = insertKeyValue(scanToml(text), table, line);
  return text;
}

/** The normalised project name of a requirement line (`Foo_Bar[extra]>=1` → `foo-bar`), PEP 503 style. */
export function requirementName(requirement: string): string {
  return normalizeName(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] ?? "");
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
