import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Where the harness finds the repository, its built CLI and its caches. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export const BUILT_CLI = join(REPO_ROOT, "dist", "bin.cjs");

/** Gitignored; holds the shared dependency stores and npm's download cache. */
export const CACHE_DIR = join(REPO_ROOT, ".cache");

export const BUILD_RUN_CACHE = join(CACHE_DIR, "build-run");

export const NPM_CACHE = join(CACHE_DIR, "npm");
