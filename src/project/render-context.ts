import type { RenderContext } from "../render/context.js";
import type { ProjectPicture } from "./model.js";
import { posixRelative } from "./paths.js";

/** What the renderers need to know of the project: its package and Python tools, and where the stack sits in it. */
export function renderContextOf(picture: ProjectPicture): RenderContext {
  const installRoot = picture.workspace?.root ?? picture.target;
  const { declared, yarnBerry } = picture.packageManager;
  return {
    packageManager: picture.packageManager.name,
    packageManagerSetup: { declared, yarnBerry },
    layout: {
      stackFolder: picture.stackFolder,
      installFolder: posixRelative(picture.root, installRoot),
      lockfile: picture.packageManager.lockfile,
    },
    pythonTool: picture.pythonTool,
    ...(picture.testModules && { testModules: picture.testModules }),
  };
}
