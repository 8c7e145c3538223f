import { existsSync } from "node:fs";
import { join, posix } from "node:path";
import ts from "typescript";

/**
 * Type-checks many generated TypeScript projects in one in-memory Program with the TypeScript compiler
 * API and the real packages of this repository's node_modules (@dagger.io/dagger, vitest, @types/node,
 * pg). Nothing is written: each project lives under a folder of this repository that does not exist on
 * disk, so module resolution walks up to the real node_modules. Parsed library files are kept between
 * calls, so a second Program costs only the checking.
 *
 * Two things cannot share one Program, and are handled apart:
 * - each project's tests/stack/global-setup.ts augments Vitest's ProvidedContext with its own `stack`
 *   type; in a batch a shared augmentation stands in (`stack: any`), and `checkOneProject()` checks a
 *   project with its own global setup;
 * - smoke tests import database clients this repository does not install (redis, mysql2, mongodb): those
 *   modules are declared as `any` so the rest of each smoke test is still checked.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");
const VIRTUAL_ROOT = join(REPO, ".cache", "virtual-typecheck");
const GLOBAL_SETUP = "tests/stack/global-setup.ts";
const CLIENT_MODULES = ["redis", "mysql2", "mongodb"];

export type ProjectFiles = Readonly<Record<string, string>>;

export interface ProjectErrors {
  /** The project's index in the batch. */
  index: number;
  errors: string[];
}

const libraryFiles = new Map<string, ts.SourceFile | undefined>();

/** Every project's errors (projects without errors are left out), plus errors that belong to none. */
export function checkProjects(projects: readonly ProjectFiles[]): {
  projects: ProjectErrors[];
  other: string[];
} {
  const files = new Map<string, string>();
  projects.forEach((project, index) => {
    for (const [path, text] of Object.entries(project)) {
      if (path !== GLOBAL_SETUP) files.set(join(VIRTUAL_ROOT, `p${index}`, path), text);
    }
  });
  files.set(join(VIRTUAL_ROOT, "clients.d.ts"), clientStandIns());
  files.set(join(VIRTUAL_ROOT, "provided-context.d.ts"), SHARED_CONTEXT);
  return check(files, (file) => {
    const match = /^p(\d+)\//.exec(posix.relative(VIRTUAL_ROOT, file));
    return match ? Number(match[1]) : undefined;
  });
}

/** One project with its own global setup (the ProvidedContext augmentation batches cannot share). */
export function checkOneProject(project: ProjectFiles): string[] {
  const files = new Map<string, string>();
  for (const [path, text] of Object.entries(project)) files.set(join(VIRTUAL_ROOT, "one", path), text);
  files.set(join(VIRTUAL_ROOT, "clients.d.ts"), clientStandIns());
  const { projects, other } = check(files, () => 0);
  return [...other, ...(projects[0]?.errors ?? [])];
}

function check(files: Map<string, string>, projectOf: (file: string) => number | undefined) {
  const options = compilerOptions();
  const program = ts.createProgram({
    rootNames: [...files.keys()].filter((file) => /\.(ts|mts)$/.test(file)),
    options,
    host: memoryHost(files, options),
  });
  const byProject = new Map<number, string[]>();
  const other = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(format);
  for (const file of files.keys()) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    if (diagnostics.length === 0) continue;
    const index = projectOf(file);
    if (index === undefined) other.push(...diagnostics.map(format));
    else byProject.set(index, [...(byProject.get(index) ?? []), ...diagnostics.map(format)]);
  }
  return { projects: [...byProject].map(([index, errors]) => ({ index, errors })), other };
}

/** The options of the generated stack/tsconfig.json, which every project shares. */
function compilerOptions(): ts.CompilerOptions {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    {
      target: "ES2023",
      lib: ["ES2023", "ESNext.Disposable"],
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      types: ["node"],
    },
    REPO,
  );
  if (errors.length > 0) throw new Error(errors.map(format).join("\n"));
  return options;
}

/** Database clients this repository does not install, as modules of type any (a script, not a module). */
function clientStandIns(): string {
  const missing = CLIENT_MODULES.filter(
    (name) => !existsSync(join(REPO, "node_modules", name, "package.json")),
  );
  return missing.flatMap((name) => [`declare module "${name}";`, `declare module "${name}/*";`]).join("\n");
}

/** Stands in for each project's own ProvidedContext augmentation in a batch. */
const SHARED_CONTEXT = [
  'import "vitest";',
  'declare module "vitest" {',
  "  export interface ProvidedContext { stack: any; matrix: Record<string, string> }",
  "}",
].join("\n");

function memoryHost(files: Map<string, string>, options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const folders = new Set<string>();
  for (const file of files.keys()) {
    for (let dir = posix.dirname(file); dir.startsWith(VIRTUAL_ROOT); dir = posix.dirname(dir))
      folders.add(dir);
  }
  return {
    ...host,
    fileExists: (file) => files.has(file) || host.fileExists(file),
    readFile: (file) => files.get(file) ?? host.readFile(file),
    directoryExists: (dir) => folders.has(dir) || (host.directoryExists?.(dir) ?? false),
    getSourceFile: (file, languageVersion) => {
      const text = files.get(file);
      if (text !== undefined) return ts.createSourceFile(file, text, languageVersion, true);
      if (!libraryFiles.has(file)) libraryFiles.set(file, host.getSourceFile(file, languageVersion));
      return libraryFiles.get(file);
    },
  };
}

function format(diagnostic: ts.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
  if (!diagnostic.file || diagnostic.start === undefined) return message;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const file = posix.relative(VIRTUAL_ROOT, diagnostic.file.fileName);
  return `${file}:${line + 1}:${character + 1}: ${message}`;
}

/** Every string literal's value in a TypeScript file, unescaped by the parser. */
export function stringLiterals(path: string, text: string): string[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) found.push(node.text);
    node.forEachChild(visit);
  };
  visit(source);
  return found;
}
