import { byCodePoint } from "../../util/compare.js";
import { parseJsonFile } from "../../util/json.js";
import { detectLayout, stringifyWithLayout } from "./format.js";
import { allowsOlder, type Minimum, raisedRange } from "./minimums.js";

export type { Minimum } from "./minimums.js";

/**
 * Adds scripts and dev dependencies to package.json without changing anything the user has: existing
 * entries are kept as they are, entries this tool added before and the user since removed stay removed.
 */
export interface PackageJsonAdditions {
  scripts: Readonly<Record<string, string>>;
  devDependencies: Readonly<Record<string, string>>;
  /** The oldest versions the generated files work with: a range of the user's that allows older is named. */
  minimums?: Readonly<Record<string, Minimum>>;
}

export interface MergeOptions {
  /** `--upgrade-deps`: raise the user's ranges that allow versions too old for the generated files. */
  upgradeDeps?: boolean;
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
  /** What changed in the user's own entries (ranges raised by --upgrade-deps). */
  notes: string[];
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
    notes: [],
    isModule: true,
  };
}

const PACKAGE_JSON_HINT =
  "npm reads package.json as strict JSON (no comments, no trailing commas): fix it there, then run again";

export function mergePackageJson(
  text: string,
  additions: PackageJsonAdditions,
  history: PackageJsonHistory = { scripts: [], devDependencies: [] },
  options: MergeOptions = {},
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
  const notes = options.upgradeDeps ? raiseTooOld(pkg, additions.minimums ?? {}) : [];
  warnings.push(...tooOld(pkg, additions.minimums ?? {}));
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
    notes,
    isModule: pkg.type === "module",
  };
}

/** The user's entries whose range allows a version older than the generated files need. */
function oldEntries(pkg: PackageJson, minimums: Readonly<Record<string, Minimum>>) {
  return (["dependencies", "devDependencies"] as const).flatMap((field) =>
    Object.entries(pkg[field] ?? {}).flatMap(([name, range]) => {
      const minimum = minimums[name];
      return minimum && allowsOlder(range, minimum.version) ? [{ field, name, range, minimum }] : [];
    }),
  );
}

function tooOld(pkg: PackageJson, minimums: Readonly<Record<string, Minimum>>): string[] {
  return oldEntries(pkg, minimums).map(
    ({ name, range, minimum }) =>
      `package.json: your ${name} ${range} allows versions older than ${minimum.version}, which ${minimum.needs} needs: ` +
      `bump it to "${raisedRange(range, minimum.version)}" and install (--upgrade-deps bumps it)`,
  );
}

/** --upgrade-deps: each such range raised in place, in the field it was in. */
function raiseTooOld(pkg: PackageJson, minimums: Readonly<Record<string, Minimum>>): string[] {
  return oldEntries(pkg, minimums).map(({ field, name, range, minimum }) => {
    const raised = raisedRange(range, minimum.version);
    (pkg[field] as Record<string, string>)[name] = raised;
    return `package.json: ${name} ${range} → ${raised} (${minimum.needs} needs ${minimum.version})`;
  });
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
