import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PythonParser } from "../../src/edit/python/parser.js";
import { crlf, type Files, PARITY_CASES } from "../add/support.js";
import {
  type PythonTools,
  pythonTools,
  removeProject,
  reportSkip,
  run,
  writeProject,
} from "../python/support.js";
import {
  ADD_API,
  ADD_CACHE,
  ADD_PG17,
  ADD_POSTGIS,
  editedKnowledgebeast,
  generatePython,
  indentWith,
  parser,
  runPythonAdd,
  withTeamCode,
} from "./support.js";

/**
 * What `add` leaves, judged by the pinned Python tools: on a project create wrote, the result still passes
 * `ruff format --check` and `ruff check`; on any project (two-space, tab-indented, CRLF, edited by its
 * team) it still compiles, imports against the real dagger-io, and pytest still collects it.
 */
const tools = pythonTools();
if (typeof tools === "string") reportSkip("ruff and py_compile on what add leaves", tools);

const GROWTH = [ADD_CACHE, ADD_PG17, ADD_POSTGIS, ADD_API];

/** Every Python file of a generated project restyled as a team might have it. */
function restyled(files: Files, style: (text: string) => string): Files {
  return Object.fromEntries(
    Object.entries(files).map(([path, text]) => [path, path.endsWith(".py") ? style(text) : text]),
  );
}

function grow(files: Files, python: PythonParser): Files {
  let grown = files;
  for (const request of GROWTH) grown = runPythonAdd(grown, request, python).files;
  return grown;
}

function pythonFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".py"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Imports each project's stack (in one interpreter) and calls every builder: dagger-io checks the calls. */
const IMPORT_EACH = `
import importlib, inspect, sys
for root in sys.argv[1:]:
    for name in [name for name in sys.modules if name == "tests" or name.startswith("tests.")]:
        del sys.modules[name]
    sys.path.insert(0, root)
    stack_module = importlib.import_module("tests.dagger_modules.stack")
    config_module = importlib.import_module("tests.dagger_modules.config")
    importlib.import_module("tests.dagger_modules.fixtures")
    [stack_class] = [c for n, c in inspect.getmembers(stack_module, inspect.isclass) if n.endswith("Stack")]
    [config_class] = [c for n, c in inspect.getmembers(config_module, inspect.isclass) if n.endswith("Config")]
    stack = stack_class(config_class())
    # Each stack has a client of its own once connected; an unconnected one checks the calls, lazily.
    import dagger
    stack._client = dagger.Client()
    for name in dir(stack):
        if name.startswith("build_"):
            getattr(stack, name)()
    stack._registry()
    sys.path.remove(root)
print("ok")
`;

describe.skipIf(typeof tools === "string")("what add leaves, with the pinned Python tools", () => {
  const { python: interpreter, ruff } = tools as PythonTools;
  const pristine: string[] = [];
  const styled = new Map<string, string>();

  beforeAll(async () => {
    const python = await parser();
    PARITY_CASES.forEach(({ spec, request }) => {
      pristine.push(writeProject(runPythonAdd(generatePython(spec), request, python).files));
    });
    pristine.push(writeProject(grow(generatePython("knowledgebeast"), python)));
    const variants: Record<string, Files> = {
      "two spaces": restyled(generatePython("knowledgebeast"), indentWith("  ")),
      tabs: restyled(generatePython("knowledgebeast"), indentWith("\t")),
      CRLF: restyled(generatePython("knowledgebeast"), crlf),
      "edited by its team": editedKnowledgebeast(),
      "edited, still formatted": withTeamCode(generatePython("knowledgebeast")),
    };
    for (const [name, files] of Object.entries(variants)) styled.set(name, writeProject(grow(files, python)));
    // Dozens of in-process add runs: seconds alone, far more on a machine shared with other test runs.
  }, 180_000);

  afterAll(() => {
    for (const root of [...pristine, ...styled.values()]) removeProject(root);
  });

  it("on projects create wrote: formatted exactly as `ruff format` formats it", () => {
    for (const root of pristine) {
      const result = run(ruff, ["format", "--isolated", "--check", "--diff", "."], root);
      expect(result.output, result.output).toMatch(/files? already formatted/);
      expect(result.status).toBe(0);
    }
  });

  it("on projects create wrote, or restyled: passes `ruff check` with ruff's default rules", () => {
    for (const root of [...pristine, ...styled.values()]) {
      const result = run(ruff, ["check", "--isolated", "--no-cache", "."], root);
      expect(result.output, root).toContain("All checks passed!");
    }
  });

  it.each(["CRLF", "edited, still formatted"])("%s: still formatted as `ruff format` formats it", (name) => {
    const result = run(ruff, ["format", "--isolated", "--check", "--diff", "."], styled.get(name) ?? "");
    expect(result.output, result.output).toMatch(/files? already formatted/);
    expect(result.status).toBe(0);
  });

  it("every project compiles", () => {
    for (const root of [...pristine, ...styled.values()]) {
      const result = run(interpreter, ["-m", "py_compile", ...pythonFiles(root)], root);
      expect(result.output, root).toBe("");
      expect(result.status).toBe(0);
    }
  });

  it("every project imports against the real dagger-io and builds every container", () => {
    const result = run(interpreter, ["-c", IMPORT_EACH, ...pristine, ...styled.values()], pristine[0] ?? ".");
    expect(result.output.trim()).toBe("ok");
  });

  it("pytest collects the grown, team-edited project: the new smoke tests and matrix entries", () => {
    const root = styled.get("edited by its team") ?? "";
    const result = run(
      interpreter,
      ["-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", "stack", "tests"],
      root,
    );
    expect(result.status, result.output).toBe(0);
    for (const id of [
      "tests/integration/test_cache_smoke.py::test_stores_and_reads_back_a_value",
      "tests/integration/test_postgres_smoke.py::test_postgis_extension",
      "tests/integration/test_postgres_smoke.py::test_ours",
      "tests/integration/test_backend_matrix.py::test_the_selected_backend_is_up_and_reachable[pg17]",
      "tests/integration/test_api_smoke.py::test_answers_http_without_a_server_error",
    ]) {
      expect(result.output).toContain(id);
    }
  });
});
