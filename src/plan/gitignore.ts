import type { Language } from "../spec/model.js";
import type { VirtualTree } from "../tree/tree.js";

/**
 * The project's .gitignore covers what installing and running the stack leaves behind: dependencies and
 * tool caches for the language. A missing .gitignore is created (with a few entries every project wants);
 * an existing one only gains the entries it lacks, appended under a comment, never rewritten.
 */
const PATH = ".gitignore";

const NEEDED: Readonly<Record<Language, readonly string[]>> = {
  typescript: ["node_modules/"],
  python: [".venv/", "__pycache__/", ".pytest_cache/"],
};

/** Only in a new file: the user's own .gitignore says what they want beyond what the stack needs. */
const NEW_FILE_EXTRAS: readonly string[] = [".env", "*.log", ".DS_Store"];

export function writeGitignore(tree: VirtualTree, language: Language): void {
  const existing = tree.read(PATH);
  const text =
    existing === undefined
      ? `${[...NEEDED[language], ...NEW_FILE_EXTRAS].join("\n")}\n`
      : mergeEntries(existing, NEEDED[language]);
  tree.write(PATH, text, "merged");
}

function mergeEntries(existing: string, entries: readonly string[]): string {
  const present = new Set(existing.split(/\r?\n/).map(patternKey));
  const missing = entries.filter((entry) => !present.has(patternKey(entry)));
  if (missing.length === 0) return existing;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const separator = existing === "" || existing.endsWith("\n") ? "" : eol;
  return `${existing}${separator}${["# create-dagger-stack", ...missing].join(eol)}${eol}`;
}

// `/node_modules/`, `**/node_modules` and `node_modules` all ignore the folder at the root.
function patternKey(line: string): string {
  return line
    .trim()
    .replace(/^(\*\*)?\//, "")
    .replace(/\/$/, "");
}
