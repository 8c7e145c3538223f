import {
  type MergeOptions,
  mergePackageJson,
  newPackageJson,
  type PackageJsonHistory,
} from "../../../edit/json/package-json.js";
import type { NormalizedStack } from "../../../spec/model.js";
import type { ProjectOutput } from "../../output.js";
import type { Writes } from "../writes.js";

interface PackageJsonGrowth {
  history: PackageJsonHistory;
  warnings: string[];
  /** The user's ranges --upgrade-deps raised. */
  notes: string[];
  installNeeded: boolean;
}

/**
 * The scripts and dev dependencies create gives the grown stack, merged into package.json; `history` is
 * what the tool added so far, so entries the user removed stay removed.
 */
export function growPackageJson(
  writes: Writes,
  after: NormalizedStack,
  output: ProjectOutput,
  history: PackageJsonHistory | undefined,
  options: MergeOptions = {},
): PackageJsonGrowth | undefined {
  const additions = output.packageJson;
  if (!additions) return undefined;
  const existing = writes.read("package.json");
  const merge =
    existing === undefined
      ? newPackageJson(after.names.kebab, additions)
      : mergePackageJson(existing, additions, history, options);
  writes.edit("package.json", merge.text);
  const installed = new Set(history?.devDependencies ?? []);
  return {
    history: merge.history,
    warnings: merge.warnings,
    notes: merge.notes,
    installNeeded: merge.history.devDependencies.some((name) => !installed.has(name)),
  };
}
