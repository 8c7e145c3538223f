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
  /** Text of the files the detection reads (READ_FILES), by name. */
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
}

/** The files whose text the detection reads, when a folder has them. */
export const READ_FILES = [
  "package.json",
  "pnpm-workspace.yaml",
  "pyproject.toml",
  "dagger-stack.json",
] as const;
