import type { ProjectFiles } from "./project-files.js";

/**
 * The project's own source files (TypeScript, JavaScript, Python), paths from the project folder: what
 * migrate's step 3 searches for the tests that read connection settings from the environment. Folders of
 * dependencies, builds, caches and virtual environments are not the project's code; hidden folders are
 * skipped too. Reading stops at `limit` files, which a project of its own never reaches.
 */
const SOURCE = /\.(?:[cm]?[jt]sx?|py)$/;
const NOT_SOURCE_FOLDERS = new Set([
  "node_modules",
  "dist",
  "build",
  "out",
  "coverage",
  "venv",
  "env",
  "__pycache__",
  "site-packages",
  "htmlcov",
]);

export function listSourceFiles(project: ProjectFiles, limit = 20_000): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of project.list(folder)) {
      if (found.length >= limit) return;
      const path = folder === "" ? entry.name : `${folder}/${entry.name}`;
      if (entry.kind === "folder") {
        if (!entry.name.startsWith(".") && !NOT_SOURCE_FOLDERS.has(entry.name)) walk(path);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith(".d.ts")) found.push(path);
    }
  };
  walk("");
  return found;
}
