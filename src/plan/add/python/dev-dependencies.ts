import type { DependencyTarget } from "../../../render/python/ci.js";
import { pythonDevDependencies } from "../../../render/python/packages.js";
import type { NormalizedStack } from "../../../spec/model.js";
import { mergeDevDependencies } from "../../python-project.js";
import type { Writes } from "../writes.js";

/**
 * The test clients the new services need, where the project keeps its dev dependencies, merged as create
 * merges them: only what the stack did not need before, so a pin the user removed stays removed.
 */
export function growDevDependencies(
  writes: Writes,
  target: DependencyTarget,
  before: NormalizedStack,
  after: NormalizedStack,
): { added: boolean; warnings: string[] } {
  const missing = newDevDependencies(before, after);
  if (Object.keys(missing).length === 0) return { added: false, warnings: [] };
  const { path, text, warnings } = mergeDevDependencies((file) => writes.read(file), target, missing);
  if (text === undefined || text === writes.read(path)) return { added: false, warnings };
  writes.edit(path, text);
  return { added: true, warnings };
}

function newDevDependencies(before: NormalizedStack, after: NormalizedStack): Record<string, string> {
  const had = pythonDevDependencies(before);
  return Object.fromEntries(Object.entries(pythonDevDependencies(after)).filter(([name]) => !(name in had)));
}
