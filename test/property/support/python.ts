import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ProjectFiles } from "./typescript.js";

/**
 * Compiles the Python files of many generated projects in one Python process (sources go in on stdin;
 * nothing is written). Besides syntax, it reports what compiles but is still wrong in generated code: a
 * name defined twice in one class or module (a second `build_ab` silently replaces the first), a field
 * declared twice, a dict display with a key twice. It also returns every string constant, unescaped by
 * Python's own parser, so tests can check that user strings arrive intact.
 */
const REPO = join(import.meta.dirname, "..", "..", "..");

const SCRIPT = `
import ast, json, sys

def duplicates(tree):
    found = []
    scopes = [tree] + [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    for scope in scopes:
        seen = set()
        for node in scope.body:
            names = []
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names = [node.target.id]
            for name in names:
                if name in seen:
                    found.append(f"{node.lineno}: {name} is defined twice")
                seen.add(name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [key.value for key in node.keys if isinstance(key, ast.Constant)]
            for key in {key for key in keys if keys.count(key) > 1}:
                found.append(f"{node.lineno}: dict key {key!r} twice")
    return found

results = []
for files in json.load(sys.stdin):
    errors, strings = [], []
    for path, source in files.items():
        try:
            tree = ast.parse(source, path)
            compile(tree, path, "exec")
        except SyntaxError as error:
            errors.append(f"{path}:{error.lineno}:{error.offset}: {error.msg}")
            continue
        except Exception as error:
            errors.append(f"{path}: {type(error).__name__}: {error}")
            continue
        errors += [f"{path}:{message}" for message in duplicates(tree)]
        strings += [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]
    results.append({"errors": errors, "strings": strings})
json.dump(results, sys.stdout)
`;

export interface PythonCheck {
  errors: string[];
  /** Every string constant in the project's Python files. */
  strings: string[];
}

/** The interpreter: the venv of scripts/ci/python-tools.sh, else python3 on PATH; undefined when none runs. */
export function pythonCommand(): string | undefined {
  const venv = join(REPO, ".cache", "pyenv", "bin", "python");
  if (existsSync(venv)) return venv;
  const probe = spawnSync("python3", ["-c", "import sys; sys.exit(sys.version_info < (3, 11))"]);
  return probe.status === 0 ? "python3" : undefined;
}

/** One result per project, in order: only the `.py` files of each are compiled. */
export function checkPython(python: string, projects: readonly ProjectFiles[]): PythonCheck[] {
  const sources = projects.map((files) =>
    Object.fromEntries(Object.entries(files).filter(([path]) => path.endsWith(".py"))),
  );
  const run = spawnSync(python, ["-c", SCRIPT], {
    input: JSON.stringify(sources),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${python} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as PythonCheck[];
}
