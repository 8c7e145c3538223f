import type { PackageManager } from "./package-manager.js";

/** Facts about the target project that the generated files depend on, read by the CLI before planning. */
export interface RenderContext {
  packageManager: PackageManager;
}

export const DEFAULT_CONTEXT: RenderContext = { packageManager: "npm" };
