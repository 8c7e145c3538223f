import { byCodePoint } from "../../util/compare.js";
import { parseJsonFile } from "../../util/json.js";
import { detectLayout, stringifyWithLayout } from "./format.js";

/**
 * Adds scripts and dev dependencies to package.json without changing anything the user has: existing
 * entries are kept as they are, entries this tool added before and the user since removed stay removed.
 */
export interface PackageJsonAdditions {
  scripts: Readonly<Record<string, string>>;
  devDependencies: Readonly<Record<string, string>>;
}

/** What earlier runs added, from the manifest: names the user may since have removed on purpose. */
export interface PackageJsonHistory {
  scripts: readonly string[];
  devDependencies: readonly string[];
}

export interface PackageJsonMerge {
  text: string;
  /** Entries added by this run and all earlier ones, for the manifest. */
  history: PackageJsonHistory;
  warnings: string[];
  /** Whether package.json declares ESM ("type": "module"). */
  isModule: boolean;
}

type PackageJson = Record<string, unknown> & {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
};

export function newPackageJson(name: string, additions: PackageJsonAdditions): PackageJsonMerge {
  const pkg = {
    name,
    version: "0.0.0",
    private: true,
    type: "module",
    scripts: { ...additions.scripts },
    devDependencies: sortKeys({ ...additions.devDependencies }),
  };
  return {
    text: `${JSON.stringify(pkg, null, 2)}\n`,
    history: {
      scripts: Object.keys(additions.scripts),
      devDependencies: Object.keys(additions.devDependencies),
    },
    warnings: [],
    isModule: true,
  };
}

const PACKAGE_JSON_HINT =
  "npm reads package.json as strict JSON (no comments, no trailing commas): fix it there, then run again";

export function mergePackageJson(
  text: string,
  additions: PackageJsonAdditions,
  history: PackageJsonHistory = { scripts: [], devDependencies: [] },
): PackageJsonMerge {
  const pkg = parseJsonFile(text, "package.json", PACKAGE_JSON_HINT) as PackageJson;
  const warnings: string[] = [];
  const scripts = addEntries(pkg.scripts ?? {}, additions.scripts, history.scripts, (name, theirs, ours) =>
    warnings.push(`package.json: kept your "${name}" script ("${theirs}"); ours would be "${ours}"`),
  );
  const installed = { ...pkg.dependencies, ...pkg.devDependencies };
  const wanted = Object.fromEntries(
    Object.entries(additions.devDependencies).filter(([name]) => !(name in installed)),
  );
  for (const [name, version] of Object.entries(additions.devDependencies)) {
    if (name in installed && installed[name] !== version) {
      warnings.push(
        `package.json: kept your ${name}@${installed[name]}; the generated code is tested with ${version}`,
      );
    }
  }
  const devDependencies = addEntries(
    pkg.devDependencies ?? {},
    wanted,
    history.devDependencies,
    () => undefined,
  );
  const merged: PackageJson = { ...pkg, scripts: scripts.entries };
  if (Object.keys(devDependencies.entries).length > 0)
    merged.devDependencies = sortKeys(devDependencies.entries);
  return {
    text: stringifyWithLayout(merged, detectLayout(text)),
    history: {
      scripts: union(history.scripts, scripts.added),
      devDependencies: union(history.devDependencies, devDependencies.added),
    },
    warnings,
    isModule: pkg.type === "module",
  };
}

function addEntries(
  existing: Record<string, string>,
  additions: Readonly<Record<string, string>>,
  addedBefore: readonly string[],
  onKept: (name: string, theirs: string, ours: string) => void,
): { entries: Record<string, string>; added: string[] } {
  const entries = { ...existing };
  const added: string[] = [];
  for (const [name, value] of Object.entries(additions)) {
    if (name in existing) {
      if (existing[name] !== value && !addedBefore.includes(name)) onKept(name, existing[name] ?? "", value);
      continue;
    }
    if (addedBefore.includes(name)) continue;
    entries[name] = value;
    added.push(name);
  }
  return { entries, added };
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => byCodePoint(a, b)));
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
