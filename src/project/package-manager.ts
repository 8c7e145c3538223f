import { join } from "node:path";
import { PACKAGE_MANAGERS, type PackageManager } from "../render/package-manager.js";
import type { FolderFiles } from "./files.js";
import { parsePackageJson } from "./json.js";
import type { PackageManagerFact } from "./model.js";
import { posixRelative } from "./paths.js";

const LOCKFILES: readonly [string, PackageManager][] = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"],
];

/**
 * The package manager, in order of trust: package.json's `packageManager` (what corepack enforces), then
 * the lockfile the project installs from, then the package manager running this tool, else npm. `span`
 * is the target and its parents up to the workspace root: a package of a workspace installs from there.
 */
export function detectPackageManager(
  span: readonly FolderFiles[],
  root: string,
  userAgent?: string,
): PackageManagerFact {
  const fact = whichPackageManager(span, root, userAgent);
  if (fact.name !== "yarn") return fact;
  const berry = fact.declared ? majorOf(fact.declared.version) >= 2 : span.some(hasYarnrcYml);
  return { ...fact, yarnBerry: berry };
}

function whichPackageManager(
  span: readonly FolderFiles[],
  root: string,
  userAgent: string | undefined,
): PackageManagerFact {
  const locks = span.flatMap((folder) => lockfilesIn(folder, root));
  const lock = locks[0];
  const declaring = span.find((folder) => declaredPackageManager(folder) !== undefined);
  if (declaring) {
    const { name, version } = declaredPackageManager(declaring) as { name: PackageManager; version: string };
    const lockfile = locks.find((candidate) => candidate.name === name)?.path;
    const packageJson = posixRelative(root, join(declaring.dir, "package.json"));
    return { name, source: "packageManager", lockfile, declared: { version, packageJson } };
  }
  if (lock) return { name: lock.name, source: "lockfile", lockfile: lock.path };
  const agent = asPackageManager(/^([a-z]+)\//.exec(userAgent ?? "")?.[1]);
  return agent ? { name: agent, source: "user agent" } : { name: "npm", source: "default" };
}

function hasYarnrcYml(folder: FolderFiles): boolean {
  return folder.entries.includes(".yarnrc.yml");
}

function majorOf(version: string): number {
  return Number.parseInt(version, 10);
}

function lockfilesIn(folder: FolderFiles, root: string): { name: PackageManager; path: string }[] {
  return LOCKFILES.filter(([file]) => folder.entries.includes(file)).map(([file, name]) => ({
    name,
    path: posixRelative(root, join(folder.dir, file)),
  }));
}

/** `"packageManager": "pnpm@9.12.0+sha512..."` → pnpm, 9.12.0+sha512... */
function declaredPackageManager(folder: FolderFiles): { name: PackageManager; version: string } | undefined {
  const field = parsePackageJson(folder.files["package.json"])?.packageManager;
  if (typeof field !== "string") return undefined;
  const [name, version = ""] = field.split("@");
  const manager = asPackageManager(name);
  return manager ? { name: manager, version } : undefined;
}

function asPackageManager(name: string | undefined): PackageManager | undefined {
  return PACKAGE_MANAGERS.find((manager) => manager === name);
}
