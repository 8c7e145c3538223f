import type { RepoLayout } from "./ci/layout.js";
import type { PackageManagerSetup } from "./ci/model.js";
import type { PackageManager } from "./package-manager.js";

/** Facts about the target project that the generated files depend on, read by the CLI before planning. */
export interface RenderContext {
  packageManager: PackageManager;
  /** Its pinned version and yarn's generation, which decide how CI installs it. */
  packageManagerSetup?: PackageManagerSetup;
  /** Where the stack sits in its repository; the repository's root when not given. */
  layout?: RepoLayout;
}

export const DEFAULT_CONTEXT: RenderContext = { packageManager: "npm" };
