import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readManifest } from "../../plan/manifest.js";
import type { Language } from "../../spec/model.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";

/**
 * The language a project speaks when --lang does not say: a stack already generated keeps its own; a
 * package.json means TypeScript; pyproject.toml, setup.py or requirements*.txt without one mean Python.
 * Undefined when the folder does not tell (empty, or neither): then it is asked, or TypeScript.
 */
export const FALLBACK_LANGUAGE: Language = "typescript";

export function detectLanguage(target: string): Language | undefined {
  const manifested = readManifest(new VirtualTree(diskReader(target)))?.spec.language;
  if (manifested) return manifested;
  if (existsSync(join(target, "package.json"))) return "typescript";
  return isPythonProject(target) ? "python" : undefined;
}

function isPythonProject(target: string): boolean {
  if (existsSync(join(target, "pyproject.toml")) || existsSync(join(target, "setup.py"))) return true;
  const entries = existsSync(target) ? readdirSync(target) : [];
  return entries.some((entry) => /^requirements.*\.txt$/.test(entry));
}
