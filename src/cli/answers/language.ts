import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Language } from "../../spec/model.js";

/**
 * The language a project speaks when --lang does not say: a stack already generated keeps its own; a
 * package.json means TypeScript; pyproject.toml, setup.py or requirements*.txt without one mean Python.
 */
export function detectLanguage(target: string): Language {
  const manifested = manifestLanguage(target);
  if (manifested) return manifested;
  if (existsSync(join(target, "package.json"))) return "typescript";
  return isPythonProject(target) ? "python" : "typescript";
}

function manifestLanguage(target: string): Language | undefined {
  try {
    const { spec } = JSON.parse(readFileSyncSafe(join(target, "dagger-stack.json")) ?? "{}");
    return spec?.language === "python" || spec?.language === "typescript" ? spec.language : undefined;
  } catch {
    return undefined;
  }
}

function isPythonProject(target: string): boolean {
  if (existsSync(join(target, "pyproject.toml")) || existsSync(join(target, "setup.py"))) return true;
  const entries = existsSync(target) ? readdirSync(target) : [];
  return entries.some((entry) => /^requirements.*\.txt$/.test(entry));
}

function readFileSyncSafe(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}
