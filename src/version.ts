import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The tool's version, from its own package.json: found by walking up from this module, which sits in src/
 * under tsx and vitest and in dist/ once bundled. Read once.
 */
const PACKAGE_NAME = "create-dagger-stack";

let version: string | undefined;

export function toolVersion(): string {
  version ??= findVersion(dirname(fileURLToPath(import.meta.url)));
  return version;
}

function findVersion(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const found = versionIn(join(dir, "package.json"));
    if (found) return found;
    if (dirname(dir) === dir) throw new Error(`${PACKAGE_NAME}'s package.json not found above ${start}`);
  }
}

function versionIn(path: string): string | undefined {
  try {
    const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
    return pkg.name === PACKAGE_NAME && typeof pkg.version === "string" ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}
