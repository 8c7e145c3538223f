import { shellWord } from "../../render/escape.js";
import { installCommand, type PackageManager, runScript } from "../../render/package-manager.js";
import type { Language } from "../../spec/model.js";

export type { PackageManager };

/**
 * TypeScript output names package.json scripts: installed and run through the package manager, tests
 * through `dagger run`, which shows the engine's progress next to the output. Python output names
 * commands, shown as they are.
 */
const STEPS: Record<Language, (pm: PackageManager, next: readonly string[], install: boolean) => string[]> = {
  typescript: (pm, scripts, install) => [
    ...(install ? [installCommand(pm)] : []),
    ...scripts.map((script) => `${script.startsWith("test") ? "dagger run " : ""}${runScript(pm, script)}`),
  ],
  python: (_, commands) => [...commands],
};

/**
 * `pm` comes from the project's picture (src/project): its `packageManager`, lockfile or user agent.
 * `install`: whether package.json gained something to install (always after create; after add, maybe not).
 */
export function nextSteps(
  language: Language,
  pm: PackageManager,
  shownTarget: string,
  next: readonly string[],
  install = true,
): string[] {
  const cd = shownTarget === "." ? [] : [`cd ${shellWord(shownTarget)}`];
  return [...cd, ...STEPS[language](pm, next, install)];
}
