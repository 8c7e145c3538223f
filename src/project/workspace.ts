import { parse as parseYaml } from "yaml";
import { findTable, scanToml, stringItems } from "../edit/toml/index.js";
import { matchesMemberGlobs } from "../util/glob.js";
import type { FolderFiles, ProjectFiles } from "./files.js";
import { parsePackageJson, stringList } from "./json.js";
import type { Workspace, WorkspaceMarker } from "./model.js";
import { posixRelative } from "./paths.js";

/** Which packages a workspace file takes in: glob patterns (with `!` exclusions), or every folder below it. */
type Members = readonly string[] | "every folder";

const MARKERS: readonly [WorkspaceMarker, (folder: FolderFiles) => Members | undefined][] = [
  ["pnpm-workspace.yaml", pnpmMembers],
  ["package.json workspaces", packageJsonMembers],
  ["uv workspace", uvMembers],
  ["nx.json", (folder) => (folder.entries.includes("nx.json") ? "every folder" : undefined)],
  ["turbo.json", (folder) => (folder.entries.includes("turbo.json") ? "every folder" : undefined)],
];

/** The nearest folder, from the target up, whose workspace file takes the target in. */
export function findWorkspace(files: ProjectFiles): Workspace | undefined {
  for (const folder of files.folders) {
    const path = posixRelative(folder.dir, files.target);
    for (const [marker, members] of MARKERS) {
      const taken = members(folder);
      if (taken !== undefined && isMember(taken, path)) return { root: folder.dir, marker };
    }
  }
  return undefined;
}

function isMember(members: Members, path: string): boolean {
  return path === "" || members === "every folder" || matchesMemberGlobs(members, path);
}

function pnpmMembers(folder: FolderFiles): Members | undefined {
  const text = folder.files["pnpm-workspace.yaml"];
  if (text === undefined) return undefined;
  try {
    const packages = stringList((parseYaml(text) as { packages?: unknown } | null)?.packages);
    return packages && packages.length > 0 ? packages : "every folder";
  } catch {
    return "every folder";
  }
}

function packageJsonMembers(folder: FolderFiles): Members | undefined {
  const workspaces = parsePackageJson(folder.files["package.json"])?.workspaces;
  const nested = (workspaces as { packages?: unknown } | undefined)?.packages;
  return stringList(workspaces) ?? stringList(nested);
}

function uvMembers(folder: FolderFiles): Members | undefined {
  const text = folder.files["pyproject.toml"];
  if (text === undefined) return undefined;
  try {
    const doc = scanToml(text);
    if (!findTable(doc, ["tool", "uv", "workspace"])) return undefined;
    const members = stringItems(doc, ["tool", "uv", "workspace", "members"]);
    const exclude = stringItems(doc, ["tool", "uv", "workspace", "exclude"]);
    return [...members, ...exclude.map((pattern) => `!${pattern}`)];
  } catch {
    return undefined;
  }
}
