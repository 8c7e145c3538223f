/**
 * Commands in the project's own package manager, for generated docs, CI and the CLI's next steps (how CI
 * installs it: render/ci/node-tools.ts).
 * package.json scripts themselves are the same for all of them.
 */
export const PACKAGE_MANAGERS = ["npm", "pnpm", "yarn", "bun"] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/** `npm run x -- --flag`; pnpm, yarn and bun pass arguments after the script name without `--`. */
export function runScript(pm: PackageManager, script: string, args = ""): string {
  if (!args) return `${pm} run ${script}`;
  return pm === "npm" ? `npm run ${script} -- ${args}` : `${pm} run ${script} ${args}`;
}

export function installCommand(pm: PackageManager): string {
  return `${pm} install`;
}
