import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";

/**
 * Packages the generated code imports without pinning them. The shared store holds more packages than
 * any one project pins, so without this check a missing devDependency would go unnoticed here and
 * break on the user's machine.
 */
const SPECIFIER = /\b(?:from|import)\s*\(?\s*"([^"]+)"/g;
const SOURCE = /\.(?:[cm]?ts)$/;

export function undeclaredImports(projectDir: string, declared: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(projectDir)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(SPECIFIER)) {
      const name = packageOf(match[1] ?? "");
      if (name && !declared.has(name))
        problems.push(`${relative(projectDir, file)} imports ${name}, which package.json does not pin`);
    }
  }
  return problems;
}

function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:"))
    return undefined;
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? "");
  return builtinModules.includes(name) ? undefined : name;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}
