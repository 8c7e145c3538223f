import { describeProject } from "./describe.js";
import type { ProjectPicture } from "./model.js";
import { readProjectFiles } from "./read.js";

export type {
  IgnoreFile,
  PackageManagerFact,
  ProjectPicture,
  TestRunner,
  Workspace,
  WorkspaceMarker,
} from "./model.js";
export type { PythonTool, PythonToolName } from "./python-tool.js";
export { renderContextOf } from "./render-context.js";

/** The project around `target`, read once from the disk: see ProjectPicture. */
export function readProject(target: string, userAgent?: string): ProjectPicture {
  return describeProject(readProjectFiles(target, userAgent));
}
