/**
 * The project-local imports of a source file, resolved to files of the project: enough to follow a test to
 * the module that reads `DATABASE_URL` (a test rarely reads it itself; it imports the code that does).
 * Text-level and forgiving: a specifier that resolves to no file of the project (a package, a path alias)
 * is simply not followed.
 */
export type ImportLanguage = "typescript" | "python";

export function languageOf(path: string): ImportLanguage | undefined {
  if (path.endsWith(".py")) return "python";
  return /\.[cm]?[jt]sx?$/.test(path) ? "typescript" : undefined;
}

export function localImports(path: string, text: string, files: ReadonlySet<string>): string[] {
  const language = languageOf(path);
  if (language === undefined) return [];
  const resolved =
    language === "python" ? pythonImports(path, text, files) : scriptImports(path, text, files);
  return [...new Set(resolved)].filter((target) => target !== path);
}

const SCRIPT_SPECIFIERS = [
  /\b(?:import|export)\b[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)/g,
];

function scriptImports(path: string, text: string, files: ReadonlySet<string>): string[] {
  const specifiers = SCRIPT_SPECIFIERS.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((match) => match[1] ?? ""),
  );
  return specifiers
    .filter((specifier) => specifier.startsWith("./") || specifier.startsWith("../"))
    .flatMap((specifier) => resolveScript(joinPath(folderOf(path), specifier), files));
}

const SCRIPT_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** As TypeScript resolves: the path itself, `.js` written for `.ts`, an added extension, a folder's index. */
function resolveScript(base: string, files: ReadonlySet<string>): string[] {
  const withoutJs = base.replace(/\.[cm]?jsx?$/, "");
  const candidates = [
    base,
    ...SCRIPT_EXTENSIONS.map((extension) => `${withoutJs}${extension}`),
    ...SCRIPT_EXTENSIONS.map((extension) => `${base}/index${extension}`),
  ];
  const found = candidates.find((candidate) => files.has(candidate));
  return found ? [found] : [];
}

/** Folders a top-level Python package may live in: the project root, or `src/` (the src layout). */
const PYTHON_ROOTS = ["", "src/"];

function pythonImports(path: string, text: string, files: ReadonlySet<string>): string[] {
  const modules: string[] = [];
  for (const match of text.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([^)\n]*)/gm)) {
    const [, module = "", names = ""] = match;
    const base = resolvePythonModule(path, module);
    if (base === undefined) continue;
    modules.push(base);
    // `from pkg import mod` imports the submodule pkg/mod.py when there is one.
    for (const name of names.split(",")) {
      const imported = name
        .trim()
        .split(/\s+as\s+/)[0]
        ?.trim();
      if (imported && /^\w+$/.test(imported)) modules.push(base === "" ? imported : `${base}.${imported}`);
    }
  }
  for (const match of text.matchAll(/^[ \t]*import[ \t]+([\w.]+(?:[ \t]*,[ \t]*[\w.]+)*)/gm)) {
    modules.push(...(match[1] ?? "").split(",").map((name) => name.trim()));
  }
  return modules.flatMap((module) => resolvePythonFile(module, files));
}

/** `.db` from tests/integration/test_x.py is tests.integration.db; an absolute name stays as it is. */
function resolvePythonModule(path: string, module: string): string | undefined {
  const dots = /^\.*/.exec(module)?.[0].length ?? 0;
  if (dots === 0) return module;
  const packageParts = folderOf(path).split("/").filter(Boolean);
  if (dots - 1 > packageParts.length) return undefined;
  const base = packageParts.slice(0, packageParts.length - (dots - 1));
  const rest = module.slice(dots);
  return [...base, ...(rest ? rest.split(".") : [])].join(".");
}

function resolvePythonFile(module: string, files: ReadonlySet<string>): string[] {
  if (module === "") return [];
  const relative = module.split(".").join("/");
  for (const root of PYTHON_ROOTS) {
    for (const candidate of [`${root}${relative}.py`, `${root}${relative}/__init__.py`]) {
      if (files.has(candidate)) return [candidate];
    }
  }
  return [];
}

export function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** `a/b` + `../c/d` → `a/c/d`; a path that climbs out of the project resolves to nothing of it. */
function joinPath(folder: string, relative: string): string {
  const parts = folder === "" ? [] : folder.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return `../${relative}`;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
