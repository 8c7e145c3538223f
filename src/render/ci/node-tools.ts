import type { NodePackageManager } from "./model.js";
import { PACKAGE_MANAGER_VERSIONS } from "./pins.js";

/**
 * How a Node project's package manager gets onto a CI runner and installs exactly what its lockfile says.
 * A version the project pins in package.json's `packageManager` always wins over ours.
 */
export function frozenInstall(pm: NodePackageManager): string {
  switch (pm.name) {
    case "npm":
      return "npm ci";
    case "pnpm":
      return "pnpm install --frozen-lockfile";
    case "yarn":
      return pm.yarnBerry ? "yarn install --immutable" : "yarn install --frozen-lockfile";
    case "bun":
      return "bun install --frozen-lockfile";
  }
}

/** Commands that put the package manager on a runner that has only Node and npm (GitLab's node images). */
export function packageManagerCommands(pm: NodePackageManager): string[] {
  switch (pm.name) {
    case "npm":
      return [];
    case "pnpm":
      return [`npm install --global pnpm@${versionFor(pm, PACKAGE_MANAGER_VERSIONS.pnpm)}`];
    case "yarn":
      return corepackCommands();
    case "bun":
      return [`npm install --global bun@${versionFor(pm, PACKAGE_MANAGER_VERSIONS.bun)}`];
  }
}

/** Yarn comes through corepack, which picks yarn 1 or the berry release `packageManager` names. */
export function corepackCommands(): string[] {
  return [`npm install --global corepack@${PACKAGE_MANAGER_VERSIONS.corepack}`, "corepack enable"];
}

/** The pinned version without corepack's `+sha512.…` suffix, which npm does not take; else ours. */
function versionFor(pm: NodePackageManager, fallback: string): string {
  return pm.declared?.version.split("+")[0] || fallback;
}
