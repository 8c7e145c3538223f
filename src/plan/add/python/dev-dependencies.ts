import type { Problem } from "../../../errors.js";
import type { PythonSetup } from "../../../render/python/ci.js";
import { pythonDevDependencies } from "../../../render/python/packages.js";
import type { NormalizedStack } from "../../../spec/model.js";
import { mergeDevDependencies } from "../../python-project.js";
import type { Writes } from "../writes.js";

/**
 * The test clients the new services need, where the project's tool reads dev dependencies, merged as
 * create merges them: only what the stack did not need before, so a pin the user removed stays removed.
 */
export function growDevDependencies(
  writes: Writes,
  setup: PythonSetup,
  before: NormalizedStack,
  after: NormalizedStack,
): { added: boolean; warnings: string[]; conflicts: Problem[] } {
  const missing = newDevDependencies(before, after);
  if (Object.keys(missing).length === 0) return { added: false, warnings: [], conflicts: [] };
  const { path, text, warnings, conflicts } = mergeDevDependencies(
    (file) => writes.read(file),
    setup,
    missing,
  );
  if (text === undefined || text === writes.read(path)) return { added: false, warnings, conflicts };
  writes.edit(path, text);
  return { added: true, warnings, conflicts };
}

function newDevDependencies(before: NormalizedStack, after: NormalizedStack): Record<string, string> {
  const had = pythonDevDependencies(before);
  return Object.fromEntries(Object.entries(pythonDevDependencies(after)).filter(([name]) => !(name in had)));
}
