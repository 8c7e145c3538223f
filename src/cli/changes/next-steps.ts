import { existsSync } from "node:fs";
import { join } from "node:path";
import { shellWord } from "../../render/escape.js";
import { installCommand, type PackageManager, runScript } from "../../render/package-manager.js";
import type { Language } from "../../spec/model.js";
import type { Env } from "../context.js";

export type { PackageManager };

const LOCKFILES: readonly [string, PackageManager][] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
];

/** The user's package manager: the project's lockfile decides, else the one running us. */
export function detectPackageManager(target: string, env: Env): PackageManager {
  const locked = LOCKFILES.find(([file]) => existsSync(join(target, file)));
  if (locked) return locked[1];
  const agent = /^(npm|pnpm|yarn|bun)\//.exec(env.npm_config_user_agent ?? "");
  return (agent?.[1] as PackageManager | undefined) ?? "npm";
}

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

/** `install`: whether package.json gained something to install (always after create; after add, maybe not). */
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
