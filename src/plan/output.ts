import type { PackageJsonAdditions } from "../edit/json/package-json.js";

/** What a language renderer produces for a stack; plan/create.ts puts it on the tree. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface ProjectOutput {
  files: GeneratedFile[];
  /** Scripts and dev dependencies for package.json (TypeScript projects). */
  packageJson?: PackageJsonAdditions;
  /** Folders whose .ts files must load as ESM; marked with a package.json when the root is not ESM. */
  esmFolders: string[];
  /** What the user runs next, in order: package.json script names for TypeScript, commands for Python. */
  nextScripts: string[];
}
