import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Packages of the shared venv that generated Python imports without pinning them. The venv holds more
 * than any one project pins, so without this check a missing dev dependency would go unnoticed here.
 */
const IMPORT = /^\s*(?:from\s+([A-Za-z_][\w]*)[\w.]*\s+import|import\s+([A-Za-z_][\w]*))/gm;
/** Distributions whose import name is not their name with dashes as underscores. */
const IMPORT_NAMES: Readonly<Record<string, string>> = { "dagger-io": "dagger" };

export function undeclaredPythonImports(
  projectDir: string,
  available: Readonly<Record<string, string>>,
  pinned: Readonly<Record<string, string>>,
): string[] {
  const distributionOf = new Map(Object.keys(available).map((name) => [importName(name), name]));
  const problems: string[] = [];
  for (const file of pythonFiles(projectDir)) {
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const distribution = distributionOf.get(match[1] ?? match[2] ?? "");
      if (distribution && !(distribution in pinned)) {
        problems.push(
          `${relative(projectDir, file)} imports ${distribution}, which the project does not pin`,
        );
      }
    }
  }
  return [...new Set(problems)];
}

function importName(distribution: string): string {
  return IMPORT_NAMES[distribution] ?? distribution.replaceAll("-", "_");
}

function pythonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith(".") || entry.name === "__pycache__") return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return pythonFiles(path);
    return entry.name.endsWith(".py") ? [path] : [];
  });
}
