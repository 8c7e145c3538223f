/**
 * What the project reader collected from the disk, for the pure detection in describe.ts: the target
 * folder and each folder above it up to the git root (or the filesystem's root when there is none).
 */
export interface FolderFiles {
  /** Absolute path. */
  dir: string;
  /** Whether the folder exists (the target may not yet). */
  exists: boolean;
  /** Names of the folder's entries, files and folders. */
  entries: readonly string[];
  /** Text of the files the detection reads (READ_FILES), by name; of FIRST_LINE_FILES, the first line only. */
  files: Readonly<Record<string, string>>;
  /** Names of the files in `.github/workflows/`. */
  workflows: readonly string[];
}

export interface ProjectFiles {
  /** Absolute path of the folder the stack goes in. */
  target: string;
  /** The target first, then its parents, ending at the git root or the filesystem's root. */
  folders: readonly FolderFiles[];
  /** `npm_config_user_agent`: which package manager runs this tool, if any. */
  userAgent?: string;
  /** The names of the `.py` files directly in the target's `tests/` folder; absent when there is no such folder. */
  testModules?: readonly string[];
}

/** The files whose text the detection reads, when a folder has them. */
export const READ_FILES = [
  "package.json",
  "pnpm-workspace.yaml",
  "pyproject.toml",
  "dagger-stack.json",
  ".gitignore",
] as const;

/** Files of which detection reads only the first line: poetry.lock names the Poetry that wrote it there. */
export const FIRST_LINE_FILES = ["poetry.lock"] as const;
