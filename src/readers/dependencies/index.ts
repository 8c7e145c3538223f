import { posix } from "node:path";
import type { ProjectFiles } from "../project-files.js";
import type { ReaderWarning } from "../source.js";
import { type Clue, type DependencyFinding, findingsFrom } from "./evidence.js";
import { npmManifest, type PythonManifestFormat, pythonManifest } from "./manifests.js";
import { connectionUrls, ormSettings, type SettingsFound } from "./settings.js";

export type { DependencyFinding, Evidence } from "./evidence.js";

/**
 * Services a project's dependencies suggest, for projects that start theirs some other way than compose:
 * client libraries in package.json and Python manifests, ORM settings (prisma, TypeORM, knex, drizzle)
 * and connection URLs in Python code and env files. Manifests are looked for at the root and in each
 * folder directly below it (monorepos: backend/, frontend/, ...); source files are scanned within a
 * bounded depth and count.
 */
export interface DependenciesResult {
  findings: DependencyFinding[];
  warnings: ReaderWarning[];
}

const SKIPPED_FOLDERS = new Set([
  "node_modules",
  "venv",
  "env",
  "__pycache__",
  "dist",
  "build",
  "site-packages",
  "coverage",
  "target",
  "vendor",
]);
const MAX_DEPTH = 4;
const MAX_FILES = 400;
const MAX_FILE_SIZE = 256 * 1024;

export function readDependencies(project: ProjectFiles): DependenciesResult {
  const clues: Clue[] = [];
  const warnings: ReaderWarning[] = [];
  for (const folder of manifestFolders(project)) {
    const found = new FolderReader(project, folder, warnings);
    clues.push(...found.npm(), ...found.python());
  }
  return { findings: findingsFrom(clues), warnings };
}

function manifestFolders(project: ProjectFiles): string[] {
  const children = project
    .list(".")
    .filter(
      (entry) => entry.kind === "folder" && !entry.name.startsWith(".") && !SKIPPED_FOLDERS.has(entry.name),
    )
    .map((entry) => entry.name);
  return [".", ...children];
}

const PYTHON_MANIFESTS: ReadonlyArray<readonly [RegExp, PythonManifestFormat]> = [
  [/^pyproject\.toml$/, "pyproject"],
  [/^requirements.*\.txt$/, "requirements"],
  [/^Pipfile$/, "pipfile"],
];

class FolderReader {
  constructor(
    private readonly project: ProjectFiles,
    private readonly folder: string,
    private readonly warnings: ReaderWarning[],
  ) {}

  npm(): Clue[] {
    const path = this.path("package.json");
    const text = this.project.read(path);
    if (text === undefined) return [];
    const manifest = this.guard(path, () => npmManifest(text, path));
    if (!manifest) return [];
    const has = (...names: string[]) => names.some((name) => manifest.packages.has(name));
    return [
      ...manifest.clues,
      ...(has("prisma", "@prisma/client")
        ? this.settings(this.prismaSchemas(manifest.prismaSchema), "prisma")
        : []),
      ...(has("typeorm") ? this.settings(this.typeormConfigs(), "typeorm") : []),
      ...(has("knex") ? this.settings(this.rootFiles(/^knexfile\.[cm]?[jt]s$/), "knex") : []),
      ...(has("drizzle-orm", "drizzle-kit")
        ? this.settings(this.rootFiles(/^drizzle\.config\.([cm]?[jt]s|json)$/), "drizzle")
        : []),
      ...this.urls(this.rootFiles(/^\.env(\..+)?$/)),
    ];
  }

  python(): Clue[] {
    const manifests = [
      ...this.project.list(this.folder),
      ...this.project
        .list(this.path("requirements"))
        .map((entry) => ({ ...entry, name: `requirements/${entry.name}` })),
    ].flatMap((entry) => {
      const format = PYTHON_MANIFESTS.find(([pattern]) =>
        pattern.test(entry.name.replace(/^requirements\//, "requirements")),
      )?.[1];
      return entry.kind === "file" && format ? [[this.path(entry.name), format] as const] : [];
    });
    if (manifests.length === 0) return [];
    const clues = manifests.flatMap(([path, format]) => {
      const text = this.project.read(path) ?? "";
      return this.guard(path, () => pythonManifest(text, path, format)) ?? [];
    });
    const sources = this.walk((name) => name.endsWith(".py") || name === "alembic.ini");
    const envFiles = this.project.list(this.folder).some((entry) => entry.name === "package.json")
      ? []
      : this.rootFiles(/^\.env(\..+)?$/);
    return [...clues, ...this.urls([...sources, ...envFiles])];
  }

  private settings(paths: readonly string[], source: "prisma" | "typeorm" | "knex" | "drizzle"): Clue[] {
    return paths.flatMap((path) => this.report(ormSettings(this.project.read(path) ?? "", path, source)));
  }

  private urls(paths: readonly string[]): Clue[] {
    return paths.flatMap((path) => this.report(connectionUrls(this.project.read(path) ?? "", path)));
  }

  private report(found: SettingsFound): Clue[] {
    for (const { name, evidence } of found.unsupported) {
      this.warnings.push({
        reader: "dependencies",
        code: "database-unsupported",
        message: `${evidence.at.file} uses ${name}, for which the stack has no service kind; add it as a custom container`,
        at: evidence.at,
      });
    }
    return found.clues;
  }

  private prismaSchemas(configured?: string): string[] {
    if (configured) {
      const path = this.path(configured);
      return this.project.kind(path) === "folder" ? this.filesIn(path, /\.prisma$/) : [path];
    }
    const candidates = [this.path("prisma/schema.prisma"), this.path("schema.prisma")];
    const single = candidates.filter((path) => this.project.kind(path) === "file");
    return [...single, ...this.filesIn(this.path("prisma/schema"), /\.prisma$/)];
  }

  private typeormConfigs(): string[] {
    return [
      ...this.rootFiles(/^ormconfig\.([cm]?[jt]s|json|ya?ml)$/),
      ...this.walk((name) => /^(data-?source|ormconfig)\.[cm]?[jt]s$/i.test(name)),
    ];
  }

  private rootFiles(pattern: RegExp): string[] {
    return this.filesIn(this.folder, pattern);
  }

  private filesIn(folder: string, pattern: RegExp): string[] {
    return this.project
      .list(folder)
      .filter((entry) => entry.kind === "file" && pattern.test(entry.name))
      .map((entry) => posix.join(folder, entry.name));
  }

  /** Files below the folder matching `wanted`, breadth first, within MAX_DEPTH and MAX_FILES. */
  private walk(wanted: (name: string) => boolean): string[] {
    const found: string[] = [];
    let level = [this.folder];
    for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && found.length < MAX_FILES; depth++) {
      const next: string[] = [];
      for (const folder of level) {
        for (const entry of this.project.list(folder)) {
          const path = posix.join(folder, entry.name);
          if (entry.kind === "folder" && !entry.name.startsWith(".") && !SKIPPED_FOLDERS.has(entry.name))
            next.push(path);
          if (entry.kind === "file" && entry.size <= MAX_FILE_SIZE && wanted(entry.name)) found.push(path);
        }
      }
      // The root's own children were already read as manifests; below it, nested packages are not ours.
      level = depth === 0 && this.folder === "." ? next.filter((path) => !this.isOtherPackage(path)) : next;
    }
    return found.slice(0, MAX_FILES);
  }

  private isOtherPackage(path: string): boolean {
    return (
      this.project.kind(posix.join(path, "package.json")) === "file" ||
      this.project.kind(posix.join(path, "pyproject.toml")) === "file"
    );
  }

  private path(name: string): string {
    return posix.join(this.folder, name);
  }

  private guard<T>(path: string, read: () => T): T | undefined {
    try {
      return read();
    } catch (error) {
      this.warnings.push({
        reader: "dependencies",
        code: "manifest-unreadable",
        message: `${path} could not be read (${(error as Error).message}); its dependencies are not counted`,
      });
      return undefined;
    }
  }
}
