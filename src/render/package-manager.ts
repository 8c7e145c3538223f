/**
 * Commands in the project's own package manager, for generated docs, CI and the CLI's next steps.
 * package.json scripts themselves are the same for all of them.
 */
export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** Bun is not on the CI runners; it is installed from npm, pinned like everything else. */
const BUN_VERSION = "1.4.5";

/** `npm run x -- --flag`; pnpm, yarn and bun pass arguments after the script name without `--`. */
export function runScript(pm: PackageManager, script: string, args = ""): string {
  if (!args) return `${pm} run ${script}`;
  return pm === "npm" ? `npm run ${script} -- ${args}` : `${pm} run ${script} ${args}`;
}

export function installCommand(pm: PackageManager): string {
  return `${pm} install`;
}

/** Installing exactly what the lockfile says, on a CI runner that has only Node and npm. */
export function ciInstallCommands(pm: PackageManager): string[] {
  switch (pm) {
    case "npm":
      return ["npm ci"];
    case "pnpm":
      return ["corepack enable", "pnpm install --frozen-lockfile"];
    case "yarn":
      return ["corepack enable", "yarn install --frozen-lockfile"];
    case "bun":
      return [`npm install --global bun@${BUN_VERSION}`, "bun install --frozen-lockfile"];
  }
}

/** setup-node can cache npm's store itself; the others are not on the runner when it runs. */
export function setupNodeCache(pm: PackageManager): string | undefined {
  return pm === "npm" ? "npm" : undefined;
}
