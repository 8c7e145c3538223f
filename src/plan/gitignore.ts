import type { IgnoreFile } from "../project/model.js";
import type { Language } from "../spec/model.js";
import type { VirtualTree } from "../tree/tree.js";
import { matchesGlob } from "../util/glob.js";

/**
 * The project's .gitignore covers what installing and running the stack leaves behind: dependencies and
 * tool caches for the language. What a .gitignore above the stack's folder (a workspace package's
 * repository root) already ignores there is not repeated. A missing .gitignore is created with what is
 * left (in a project with no .gitignore anywhere, with a few entries every project wants); an existing one
 * only gains the entries it lacks, appended under a comment, never rewritten.
 */
const PATH = ".gitignore";

const NEEDED: Readonly<Record<Language, readonly string[]>> = {
  typescript: ["node_modules/"],
  python: [".venv/", "__pycache__/", ".pytest_cache/"],
};

/** Only in a new file: the user's own .gitignore says what they want beyond what the stack needs. */
const NEW_FILE_EXTRAS: readonly string[] = [".env", "*.log", ".DS_Store"];

/** `above`: the .gitignore files of the folders above the stack's, up to the repository root (the project picture's). */
export function writeGitignore(
  tree: VirtualTree,
  language: Language,
  above: readonly IgnoreFile[] = [],
): void {
  const needed = NEEDED[language].filter(
    (entry) => !above.some((file) => ignores(file.text, `${file.toStack}/${folderName(entry)}`)),
  );
  const existing = tree.read(PATH);
  if (existing === undefined) {
    if (needed.length === 0) return;
    const extras = above.length === 0 ? NEW_FILE_EXTRAS : [];
    tree.write(PATH, `${[...needed, ...extras].join("\n")}\n`, "merged");
    return;
  }
  tree.write(PATH, mergeEntries(existing, needed), "merged");
}

function mergeEntries(existing: string, entries: readonly string[]): string {
  const missing = entries.filter((entry) => !ignores(existing, folderName(entry)));
  if (missing.length === 0) return existing;
  const eol = existing.includes("\r\n") ? "\r\n" : "\n";
  const separator = existing === "" || existing.endsWith("\n") ? "" : eol;
  return `${existing}${separator}${["# create-dagger-stack", ...missing].join(eol)}${eol}`;
}

const folderName = (entry: string) => entry.replace(/\/$/, "");

/**
 * Whether a .gitignore ignores the folder at `path` (from the .gitignore's folder), as git reads it: the
 * last pattern that matches decides (`!` un-ignores); a pattern with no slash but a trailing one matches
 * a name at any depth, one with a slash (`/node_modules`, or with `**` for any folders) the whole path.
 */
export function ignores(text: string, path: string): boolean {
  let ignored = false;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const negated = trimmed.startsWith("!");
    const pattern = (negated ? trimmed.slice(1) : trimmed).replace(/\/$/, "");
    const matched = pattern.includes("/")
      ? matchesGlob(pattern.replace(/^\//, ""), path)
      : matchesGlob(pattern, path.slice(path.lastIndexOf("/") + 1));
    if (matched) ignored = !negated;
  }
  return ignored;
}
