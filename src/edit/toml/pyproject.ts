import { appendToArray } from "./edit.js";
import { childKeys, stringItems } from "./query.js";
import { encodeString, scanToml, type TomlDocument } from "./scan.js";

/**
 * Dev dependencies in pyproject.toml, following the file's own convention: a `dev` or `test` extra under
 * [project.optional-dependencies] when it has one, else a PEP 735 group under [dependency-groups]
 * (`dev` unless only a `test` group exists).
 */
export type PyprojectTarget = { kind: "extra"; name: string } | { kind: "group"; name: string };

const PREFERRED = ["dev", "test"] as const;

export function pyprojectTarget(text: string): PyprojectTarget {
  const doc = scanToml(text);
  const extra = PREFERRED.find((name) => childKeys(doc, ["project", "optional-dependencies"]).includes(name));
  if (extra) return { kind: "extra", name: extra };
  const groups = childKeys(doc, ["dependency-groups"]);
  return { kind: "group", name: PREFERRED.find((name) => groups.includes(name)) ?? "dev" };
}

export function targetPath(target: PyprojectTarget): string[] {
  return target.kind === "extra"
    ? ["project", "optional-dependencies", target.name]
    : ["dependency-groups", target.name];
}

/** Whether pyproject.toml describes an installable project: a named [project] and a [build-system]. */
export function isInstallable(text: string): boolean {
  const doc = scanToml(text);
  return childKeys(doc, ["project"]).includes("name") && childKeys(doc, []).includes("build-system");
}

export interface DependencyMerge {
  text: string;
  /** `name==version` entries this edit added. */
  added: string[];
  /** Requirements already declared that differ from ours, as the file has them. */
  kept: string[];
}

/** Adds `name==version` for each dependency not yet declared anywhere in the file. */
export function addDevDependencies(
  text: string,
  target: PyprojectTarget,
  dependencies: Readonly<Record<string, string>>,
): DependencyMerge {
  const declared = declaredRequirements(scanToml(text));
  const { missing, kept } = compareRequirements(declared, dependencies);
  const items = missing.map(encodeString);
  return { text: appendToArray(text, targetPath(target), items), added: missing, kept };
}

/** Every requirement string of the project, its extras and its dependency groups. */
function declaredRequirements(doc: TomlDocument): string[] {
  const lists = [
    ["project", "dependencies"],
    ...childKeys(doc, ["project", "optional-dependencies"]).map((name) => [
      "project",
      "optional-dependencies",
      name,
    ]),
    ...childKeys(doc, ["dependency-groups"]).map((name) => ["dependency-groups", name]),
  ];
  return lists.flatMap((path) => stringItems(doc, path));
}

/** Which pins are missing from `declared`, and which declared requirements differ from our pins. */
export function compareRequirements(
  declared: readonly string[],
  dependencies: Readonly<Record<string, string>>,
): { missing: string[]; kept: string[] } {
  const byName = new Map(declared.map((requirement) => [requirementName(requirement), requirement.trim()]));
  const missing: string[] = [];
  const kept: string[] = [];
  for (const [name, version] of Object.entries(dependencies)) {
    const pin = `${name}==${version}`;
    const existing = byName.get(normalizeName(name));
    if (existing === undefined) missing.push(pin);
    else if (existing.replace(/\s+/g, "") !== pin) kept.push(existing);
  }
  return { missing, kept };
}

/** The normalised project name of a requirement line (`Foo_Bar[extra]>=1` → `foo-bar`), PEP 503 style. */
export function requirementName(requirement: string): string {
  return normalizeName(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(requirement)?.[1] ?? "");
}

export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}
