import { cacheInputs, pinned } from "./github-yaml.js";
import type { RepoLayout } from "./layout.js";
import type { NodePackageManager } from "./model.js";
import { corepackCommands } from "./node-tools.js";
import { ACTIONS, PACKAGE_MANAGER_ACTIONS, PACKAGE_MANAGER_VERSIONS } from "./pins.js";

/**
 * Node and the project's package manager on a GitHub runner, with the package manager's cache. pnpm
 * comes before setup-node, which asks it where its store is to cache it; bun's install cache is not one
 * setup-node knows, so actions/cache keeps it, keyed by the lockfile.
 */
export function nodeSetupSteps(pm: NodePackageManager, layout: RepoLayout): object[] {
  const setupNode = {
    uses: pinned(ACTIONS.setupNode, ACTIONS.setupNodeVersion),
    with: { "node-version": "${{ matrix.node }}", ...cacheInputs(setupNodeCache(pm), layout) },
  };
  if (pm.name === "pnpm") return [pnpmStep(pm), setupNode];
  if (pm.name === "bun") return [setupNode, bunStep(pm), bunCacheStep(layout)];
  return [setupNode];
}

/** Commands the install step runs first: yarn arrives through corepack; the others are on the PATH by then. */
export function installPreamble(pm: NodePackageManager): string[] {
  return pm.name === "yarn" ? corepackCommands() : [];
}

/** setup-node caches npm's and pnpm's stores; yarn's cache needs yarn before setup-node, which corepack is not yet. */
function setupNodeCache(pm: NodePackageManager): string | undefined {
  return pm.name === "npm" || pm.name === "pnpm" ? pm.name : undefined;
}

/** The action reads `packageManager` itself, and refuses a `version` input beside it. */
function pnpmStep(pm: NodePackageManager): object {
  const { ref, release } = PACKAGE_MANAGER_ACTIONS.setupPnpm;
  const packageJson = pm.declared?.packageJson;
  const input = pm.declared
    ? packageJson !== "package.json" && { package_json_file: packageJson }
    : { version: PACKAGE_MANAGER_VERSIONS.pnpm };
  return { uses: pinned(ref, release), ...(input && { with: input }) };
}

function bunStep(pm: NodePackageManager): object {
  const { ref, release } = PACKAGE_MANAGER_ACTIONS.setupBun;
  const input = pm.declared
    ? { "bun-version-file": pm.declared.packageJson }
    : { "bun-version": PACKAGE_MANAGER_VERSIONS.bun };
  return { uses: pinned(ref, release), with: input };
}

function bunCacheStep(layout: RepoLayout): object {
  const { ref, release } = PACKAGE_MANAGER_ACTIONS.cache;
  const lockfiles = (layout.lockfile ? [layout.lockfile] : ["**/bun.lock", "**/bun.lockb"])
    .map((path) => `'${path.replaceAll("'", "''")}'`)
    .join(", ");
  return {
    name: "Cache bun's packages",
    uses: pinned(ref, release),
    with: {
      path: "~/.bun/install/cache",
      key: `\${{ runner.os }}-bun-\${{ hashFiles(${lockfiles}) }}`,
      "restore-keys": "${{ runner.os }}-bun-",
    },
  };
}
