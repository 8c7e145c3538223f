import type { PythonTool } from "../project/python-tool.js";
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
  /** The tool that manages the project's Python environment; pip in a venv when not given. */
  pythonTool?: PythonTool;
  /** The `.py` files directly in the project's tests/ folder; undefined when it has none. */
  testModules?: readonly string[];
}

export const DEFAULT_CONTEXT: RenderContext = { packageManager: "npm" };
