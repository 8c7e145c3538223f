import type { PackageManager } from "../render/package-manager.js";
import type { Language } from "../spec/model.js";
import type { PythonTool } from "./python-tool.js";

/**
 * The picture of the project a stack is created in, computed once by readProject() and handed down:
 * planners and renderers read it (or what the CLI makes of it) and never probe the disk themselves.
 * Paths are absolute unless said otherwise; "from the root" paths are POSIX, relative to `root`.
 */
export interface ProjectPicture {
  /** The folder the stack goes in. */
  target: string;
  /**
   * The folder every write is relative to, and nothing is written above: the git root when the target
   * belongs to that repository, else the workspace root, else the target itself.
   */
  root: string;
  /** The target from the root; "" when the stack is at the root. */
  stackFolder: string;
  gitRoot?: string;
  workspace?: Workspace;
  packageManager: PackageManagerFact;
  /** The project's own name: the stack's (dagger-stack.json), package.json's without its scope, or pyproject.toml's. */
  name?: string;
  /** The languages the target's files speak, the one that decides first. */
  languages: Language[];
  testRunners: TestRunner[];
  /** CI files that already exist at the root, from the root. */
  ci: string[];
  /** The tool that manages the target's Python environment (Poetry, uv, ... or pip when none does). */
  pythonTool: PythonTool;
  /** The `.py` files directly in the target's tests/ folder (`__init__.py`, `conftest.py`, ...); undefined when there is no such folder. */
  testModules?: string[];
  /** The .gitignore files of the folders above the target, up to the root, nearest first: git applies them to the target too. */
  gitignoresAbove: IgnoreFile[];
}

export interface IgnoreFile {
  /** The target's path from the .gitignore's folder: `packages/api`. */
  toStack: string;
  text: string;
}

export type WorkspaceMarker =
  | "pnpm-workspace.yaml"
  | "package.json workspaces"
  | "nx.json"
  | "turbo.json"
  | "uv workspace";

export interface Workspace {
  root: string;
  marker: WorkspaceMarker;
}

export interface PackageManagerFact {
  name: PackageManager;
  /** Why: package.json's `packageManager`, the lockfile, the package manager running us, or the default. */
  source: "packageManager" | "lockfile" | "user agent" | "default";
  /** The lockfile the dependencies install from, from the root. */
  lockfile?: string;
  /** The version a package.json's `packageManager` pins for it, and that package.json from the root. */
  declared?: DeclaredPackageManager;
  /** Yarn 2 or later ("berry"): by `packageManager`, else by a `.yarnrc.yml` (yarn 1 reads `.yarnrc`). */
  yarnBerry?: boolean;
}

export interface DeclaredPackageManager {
  /** As written after the `@`: `9.12.0`, or `9.12.0+sha512.…` with corepack's hash. */
  version: string;
  packageJson: string;
}

export type TestRunner = "vitest" | "jest" | "mocha" | "pytest";
