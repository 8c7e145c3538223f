import { createRequire } from "node:module";

type Semver = typeof import("semver");

let loaded: Semver | undefined;

/**
 * semver, loaded on first use: only a package.json that already lists a dependency has a range to check,
 * so a create in a new folder never pays for it. The bundle requires its own copy of semver here
 * (scripts/lazy-packages.mjs); run from source, this is the installed package.
 */
export function semver(): Semver {
  loaded ??= createRequire(import.meta.url)("semver") as Semver;
  return loaded;
}
