import { decodeString, findKeyValue, findTable, scanToml } from "../edit/toml/index.js";
import { LANGUAGES } from "../spec/choices.js";
import type { Language } from "../spec/model.js";
import type { FolderFiles, ProjectFiles } from "./files.js";
import { parsePackageJson } from "./json.js";
import type { IgnoreFile, ProjectPicture, TestRunner } from "./model.js";
import { detectPackageManager } from "./package-manager.js";
import { posixRelative } from "./paths.js";
import { projectPythonTool } from "./python-tool.js";
import { findWorkspace } from "./workspace.js";

/** The picture of a project from what the reader collected. Pure: no disk, no environment. */
export function describeProject(files: ProjectFiles): ProjectPicture {
  const here = files.folders[0] as FolderFiles;
  const gitFolder = files.folders.find((folder) => folder.entries.includes(".git"));
  const workspace = findWorkspace(files);
  const root = writeRoot(here, gitFolder?.dir, workspace?.root);
  const rootFolder = files.folders.find((folder) => folder.dir === root) ?? here;
  const spanEnd = files.folders.findIndex((folder) => folder.dir === (workspace?.root ?? here.dir));
  return {
    target: files.target,
    root,
    stackFolder: posixRelative(root, files.target),
    gitRoot: gitFolder?.dir,
    workspace,
    packageManager: detectPackageManager(files.folders.slice(0, spanEnd + 1), root, files.userAgent),
    name: projectName(here),
    languages: languages(here),
    testRunners: testRunners(here),
    ci: ciFiles(rootFolder),
    pythonTool: projectPythonTool(files, workspace),
    ...(files.testModules && { testModules: [...files.testModules] }),
    gitignoresAbove: gitignoresAbove(files, root),
  };
}

function gitignoresAbove(files: ProjectFiles, root: string): IgnoreFile[] {
  const end = files.folders.findIndex((folder) => folder.dir === root);
  return files.folders.slice(1, end + 1).flatMap((folder) => {
    const text = folder.files[".gitignore"];
    return text === undefined ? [] : [{ toStack: posixRelative(folder.dir, files.target), text }];
  });
}

/**
 * A folder that already has files, or a new one inside a workspace, belongs to the repository around it:
 * CI must live at that repository's root to run. A new folder outside any workspace is a project of its
 * own (it gets its own repository), even below an unrelated git checkout such as a home folder.
 */
function writeRoot(here: FolderFiles, gitRoot?: string, workspaceRoot?: string): string {
  const isNew = here.entries.length === 0;
  if (gitRoot && (!isNew || workspaceRoot)) return gitRoot;
  return workspaceRoot ?? here.dir;
}

/** A stack generated before keeps the name it was given; else the project's manifests name it. */
function projectName(folder: FolderFiles): string | undefined {
  const stack = parsePackageJson(folder.files["dagger-stack.json"])?.spec as { name?: unknown } | undefined;
  if (typeof stack?.name === "string") return stack.name;
  const name = parsePackageJson(folder.files["package.json"])?.name;
  if (typeof name === "string" && name.trim() !== "") return name.replace(/^@[^/]+\//, "");
  return pyprojectName(folder.files["pyproject.toml"]);
}

function pyprojectName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const doc = scanToml(text);
    for (const table of [["project"], ["tool", "poetry"]]) {
      const entry = findTable(doc, table) ? findKeyValue(doc, [...table, "name"]) : undefined;
      const literal = entry ? doc.text.slice(entry.value.start, entry.value.end) : "";
      if (/^["']/.test(literal)) return decodeString(literal);
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * A stack generated before speaks its own language first; then package.json (or a tsconfig) TypeScript,
 * and pyproject.toml, setup.py or requirements files Python.
 */
function languages(folder: FolderFiles): Language[] {
  const has = (name: string) => folder.entries.includes(name);
  const stack = parsePackageJson(folder.files["dagger-stack.json"])?.spec as
    | { language?: unknown }
    | undefined;
  const found: Language[] = [];
  if (has("package.json") || has("tsconfig.json")) found.push("typescript");
  if (
    has("pyproject.toml") ||
    has("setup.py") ||
    folder.entries.some((name) => /^requirements.*\.txt$/.test(name))
  )
    found.push("python");
  const own = LANGUAGES.find((language) => language === stack?.language);
  return own ? [own, ...found.filter((language) => language !== own)] : found;
}

const NODE_RUNNERS: readonly TestRunner[] = ["vitest", "jest", "mocha"];

function testRunners(folder: FolderFiles): TestRunner[] {
  const pkg = parsePackageJson(folder.files["package.json"]);
  const dependencies = { ...pkg?.dependencies, ...pkg?.devDependencies };
  const configured = (runner: string) =>
    folder.entries.some((name) => name.startsWith(`${runner}.config.`) || name === `.${runner}rc.json`);
  const runners = NODE_RUNNERS.filter((runner) => runner in dependencies || configured(runner));
  return usesPytest(folder) ? [...runners, "pytest"] : runners;
}

function usesPytest(folder: FolderFiles): boolean {
  if (["pytest.ini", "conftest.py"].some((name) => folder.entries.includes(name))) return true;
  return /\[tool\.pytest\.ini_options\]|^\s*"?pytest\b/m.test(folder.files["pyproject.toml"] ?? "");
}

const CI_FILES = [
  ".gitlab-ci.yml",
  ".circleci",
  "azure-pipelines.yml",
  "bitbucket-pipelines.yml",
  "Jenkinsfile",
];

function ciFiles(folder: FolderFiles): string[] {
  const workflows = folder.workflows
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => `.github/workflows/${name}`);
  return [...workflows, ...CI_FILES.filter((name) => folder.entries.includes(name))];
}
