import { excludeStackFromTsconfig, type StackEntry } from "../edit/json/tsconfig.js";
import type { VirtualTree } from "../tree/tree.js";
import type { ProjectOutput } from "./output.js";

const TSCONFIG = "tsconfig.json";

/**
 * The project's own tsconfig.json must type-check as before: the stack's TypeScript has its own tsconfig
 * (stack/tsconfig.json), so the root one is told to leave it alone when it would take it in.
 */
export function excludeStackFromRootTsconfig(
  tree: VirtualTree,
  output: ProjectOutput,
): { notes: string[]; warnings: string[] } | undefined {
  const text = tree.read(TSCONFIG);
  if (text === undefined) return undefined;
  const result = excludeStackFromTsconfig(text, stackEntries(output), (path) => tree.read(path));
  if (result.problem) {
    return {
      notes: [],
      warnings: [
        `${TSCONFIG}: left as it is, ${result.problem}; exclude ${entryNames(output)} from it by hand`,
      ],
    };
  }
  if (result.text === undefined) return undefined;
  tree.write(TSCONFIG, result.text, "merged");
  const added = result.added.join(", ");
  return {
    notes: [`${TSCONFIG}: excluded ${added}, which type-check with stack/tsconfig.json`],
    warnings: [],
  };
}

/** Each top-level folder or file of the generated TypeScript (stack, tests/stack, the vitest config). */
function stackEntries(output: ProjectOutput): StackEntry[] {
  const typescript = output.files.map((file) => file.path).filter((path) => /\.[mc]?ts$/.test(path));
  const entries = new Map<string, string[]>();
  for (const path of typescript) {
    const folder = output.esmFolders.find((candidate) => path.startsWith(`${candidate}/`)) ?? path;
    entries.set(folder, [...(entries.get(folder) ?? []), path]);
  }
  return [...entries].map(([exclude, files]) => ({ exclude, files }));
}

function entryNames(output: ProjectOutput): string {
  return stackEntries(output)
    .map((entry) => entry.exclude)
    .join(", ");
}
