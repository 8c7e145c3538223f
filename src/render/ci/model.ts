import type { PackageManager } from "../package-manager.js";

/** What a CI file needs to know about the project, whatever its language. */
export interface CiModel {
  /** `node` or `python`: the name of the runtime axis. */
  runtime: "node" | "python";
  versions: string[];
  /** Test selections, one CI job each, e.g. `smoke`, `backend=postgres`. */
  selections: string[];
  /** What setup-python caches between runs, if anything (Node projects: see `packageManager`). */
  cache?: string;
  /** The project's own Python tool (uv, Poetry, PDM, Hatch), installed before `install` runs. */
  tool?: CiTool;
  /** For a Node project: the package manager, which decides how it reaches the runner and what is cached. */
  packageManager?: NodePackageManager;
  /** Commands that install the project's dependencies, once its package manager is on the PATH. */
  install: string[];
  /** Command that type-checks or otherwise checks the stack before it runs, if any. */
  check?: string;
  /** The test command for one selection, given as a shell expression (e.g. `"$SELECTION"`). */
  test: (selection: string) => string;
}

/** A Python tool CI installs: pip requirements of the tool at its version and of what is pinned beside it. */
export interface CiTool {
  name: string;
  version: string;
  requirements: string[];
}

export interface NodePackageManager extends PackageManagerSetup {
  name: PackageManager;
}

/** What the project says about its package manager beyond its name (from its package.json and yarn files). */
export interface PackageManagerSetup {
  /** The version package.json's `packageManager` pins, and that package.json from the repository root. */
  declared?: { version: string; packageJson: string };
  /** Yarn 2 or later, which installs with `--immutable` (yarn 1: `--frozen-lockfile`). */
  yarnBerry?: boolean;
}
