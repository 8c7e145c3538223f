import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readManifest } from "../../plan/manifest.js";
import type { Language } from "../../spec/model.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";

/**
 * The language a project speaks when --lang does not say: a stack already generated keeps its own; a
 * package.json means TypeScript; pyproject.toml, setup.py or requirements*.txt without one mean Python.
 */
export function detectLanguage(target: string): Language {
  const manifested = readManifest(new VirtualTree(diskReader(target)))?.spec.language;
  if (manifested) return manifested;
  if (existsSync(join(target, "package.json"))) return "typescript";
  return isPythonProject(target) ? "python" : "typescript";
}

function isPythonProject(target: string): boolean {
  if (existsSync(join(target, "pyproject.toml")) || existsSync(join(target, "setup.py"))) return true;
  const entries = existsSync(target) ? readdirSync(target) : [];
  return entries.some((entry) => /^requirements.*\.txt$/.test(entry));
}
