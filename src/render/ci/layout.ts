/**
 * Where a stack sits in its repository. CI files live at the repository's root, where GitHub and GitLab
 * look for them; a stack in a package of a workspace runs from its own folder and installs from the
 * workspace's. Folders are POSIX paths from the repository root, "" for the root itself.
 */
export interface RepoLayout {
  stackFolder: string;
  /** Where the dependencies install: the workspace root, or the stack's own folder. */
  installFolder: string;
  /** The lockfile, from the repository root, when there is one. */
  lockfile?: string;
}

export const ROOT_LAYOUT: RepoLayout = { stackFolder: "", installFolder: "" };

/** A path from the repository root, as the stack's folder sees it (`../../.github/...` from packages/api). */
export function fromStack(layout: RepoLayout, rootPath: string): string {
  if (layout.stackFolder === "") return rootPath;
  return `${layout.stackFolder
    .split("/")
    .map(() => "..")
    .join("/")}/${rootPath}`;
}

/** A path from the stack's folder as the repository root sees it (`../../uv.lock` from packages/api → uv.lock). */
export function fromRoot(layout: RepoLayout, stackPath: string): string {
  const parts = layout.stackFolder === "" ? [] : layout.stackFolder.split("/");
  for (const part of stackPath.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "" && part !== ".") parts.push(part);
  }
  return parts.join("/");
}

/** One stack's CI file name per package, so packages of one repository never share one: packages/api → packages-api. */
export function stackSuffix(layout: RepoLayout): string {
  if (layout.stackFolder === "") return "";
  return `-${layout.stackFolder.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[-.]+|-+$/g, "")}`;
}

/** The folder a CI step runs in, as workflow keys write it. */
export function folderOrDot(folder: string): string {
  return folder === "" ? "." : folder;
}
