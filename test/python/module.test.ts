import { execFile } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PythonParser } from "../../src/edit/python/parser.js";
import { moduleName, moduleObjectName } from "../../src/render/module.js";
import { modulePackage, pythonModuleSource } from "../../src/render/python/module.js";
import { loadStack } from "../../src/spec/load.js";
import { FIXTURE_SPECS, type Files, manifestSpec, userEdit } from "../add/support.js";
import { createPython, parser, pythonSpec, runPythonAdd } from "../add-python/support.js";
import {
  childProcessEnv,
  defaultSchemaPath,
  type EngineStandIn,
  schemaAvailable,
  startEngineStandIn,
} from "../support/engine/index.js";
import { type PythonTools, pythonTools, removeProject, reportSkip, run, writeProject } from "./support.js";

/**
 * `--module` on a Python stack (issue 12, section 3): dagger.json and the module package in .dagger/,
 * importing the stack's own builders from tests/dagger_modules/. The module is loaded the way the
 * Dagger Python runtime loads it (its package on the path, DAGGER_DEFAULT_PYTHON_PACKAGE and
 * DAGGER_MAIN_OBJECT set, `dagger.mod.cli.app(register=True)` as the runtime's entrypoint calls it) with
 * the real dagger-io SDK, against the engine stand-in, which checks every query against the v0.21.8 schema.
 */
const withModule = (name: (typeof FIXTURE_SPECS)[number]) => ({ ...pythonSpec(name), module: true });

const DAGGER_JSON_KEYS = ["name", "engineVersion", "sdk", "source", "include"];

describe.each(FIXTURE_SPECS)("create --module for the Python %s stack", (name) => {
  const stack = loadStack(withModule(name));
  const files = createPython(withModule(name));

  it("writes dagger.json naming .dagger/ its source and loading the stack's package beside it", () => {
    const config = JSON.parse(files["dagger.json"] ?? "null");
    expect(Object.keys(config)).toEqual(DAGGER_JSON_KEYS);
    expect(config).toMatchObject({ name: moduleName(stack), sdk: { source: "python" }, source: ".dagger" });
    expect(config.include).toContain("tests/dagger_modules/**/*.py");
    expect(files[`${config.source}/pyproject.toml`]).toContain(`name = "${config.name}"`);
    expect(files[`${config.source}/src/${modulePackage(stack)}/__init__.py`]).toContain(
      `class ${moduleObjectName(config.name)}:`,
    );
  });

  it("imports the stack's builders instead of copying them", () => {
    const module = files[pythonModuleSource(stack)] ?? "";
    expect(module).toMatch(/^from tests\.dagger_modules\.stack import \w+Stack as Stack$/m);
    expect(module).not.toContain("def build_");
  });

  it("changes nothing when create runs again with the same spec", () => {
    expect(createPython(withModule(name), files)).toEqual(files);
  });

  it("explains the module's calls in docs/dagger-stack.md, which a stack without one does not", () => {
    const doc = files["docs/dagger-stack.md"] ?? "";
    expect(doc).toContain("## Dagger Functions");
    expect(doc).toContain(`\`${pythonModuleSource(stack)}\``);
    expect(doc).toMatch(/`dagger call (\S+ up --ports \d+:\d+|test stdout)`/);
    expect(createPython(pythonSpec(name))["docs/dagger-stack.md"]).not.toContain("Dagger Functions");
  });
});

describe("add on a Python stack with a module", () => {
  let python: PythonParser;
  beforeAll(async () => {
    python = await parser();
  });
  const spec = withModule("knowledgebeast");
  const path = pythonModuleSource(loadStack(spec));
  const ours = "    # ours: a note kept by add\n";

  it("puts the new service's function in the module, as create writes it, keeping the user's lines", () => {
    const created = userEdit(createPython(spec), path, (text) =>
      text.replace("    @function\n    def test(", `${ours}    @function\n    def test(`),
    );
    const added = runPythonAdd(
      created,
      { type: "service", service: { kind: "redis", name: "session-cache" } },
      python,
    ).files;
    const grown = added[path] ?? "";
    expect(grown).toContain(ours);
    // What create writes for the grown spec add recorded.
    expect(grown.replace(ours, "")).toBe(createPython(manifestSpec(added))[path]);
    expect(grown).toContain("async def session_cache(self) -> dagger.Service:");
  });

  it("says how to write the module again when its file is gone", () => {
    const created: Files = createPython(spec);
    delete created[path];
    const result = runPythonAdd(
      created,
      { type: "service", service: { kind: "redis", name: "cache2" } },
      python,
    );
    expect(result.plan.notes.join("\n")).toContain(`${path} is gone`);
  });
});

const tools = pythonTools();
const reasons = [
  ...(typeof tools === "string" ? [tools] : []),
  ...(schemaAvailable() ? [] : [`Dagger schema not found at ${defaultSchemaPath()}`]),
];
if (reasons.length > 0) reportSkip("the Python module under the real dagger-io SDK", reasons.join("; "));

/** What the runtime's entrypoint does with --register, then the functions the SDK registered. */
const REGISTER = `
import json, sys
from dagger.mod import cli
code = cli.app(None, True)
mod = cli.load_module()
main = mod._objects[mod._main_name]
main.get_constructor(mod._converter)
print(json.dumps({
    "code": code,
    "main": mod._main_name,
    "functions": {
        name: {p.name: p.default_path for p in fn.parameters.values()}
        for name, fn in main.functions.items()
    },
}))
`;

/** One service's function called as the engine would call it: the stack's builder, on the module's client. */
const CALL = `
import anyio, dagger, sys
from dagger.mod import cli
async def main():
    async with dagger.connection():
        cls = cli.load_module().main_cls
        service = await getattr(cls(), sys.argv[1])()
        print(type(service).__name__, bool(await service.id()))
anyio.run(main)
`;

describe.skipIf(reasons.length > 0)("the generated Python module under the real SDK", () => {
  const spec = {
    name: "kb",
    language: "python",
    module: true,
    services: [
      { name: "postgres", kind: "postgres" },
      { name: "cache", kind: "redis" },
      { name: "api", kind: "backend", build: "./api", dependsOn: ["postgres"] },
    ],
  };
  const stack = loadStack(spec);
  let engine: EngineStandIn;
  let root: string;
  beforeAll(async () => {
    root = writeProject({ ...createPython(spec), "api/Dockerfile": "FROM scratch\n" });
    engine = await startEngineStandIn();
  });
  afterAll(async () => {
    await engine?.close();
    if (root) removeProject(root);
  });

  /** Python in a child process, asynchronously: the stand-in answers from this process's event loop. */
  const python = (script: string, ...args: string[]) =>
    new Promise<string>((resolve) => {
      const options = { cwd: join(root, ".dagger"), env: moduleEnv(), timeout: 60_000 };
      execFile((tools as PythonTools).python, ["-c", script, ...args], options, (_, stdout, stderr) =>
        resolve(`${stdout}${stderr}`),
      );
    });
  const moduleEnv = () => ({
    ...childProcessEnv(engine, {}),
    PYTHONPATH: join(root, ".dagger", "src"),
    DAGGER_DEFAULT_PYTHON_PACKAGE: modulePackage(stack),
    DAGGER_MAIN_OBJECT: moduleObjectName(moduleName(stack)),
    DAGGER_MODULE_FILE: join(root, "module.json"),
  });

  it("passes ruff's checks and formatting", () => {
    const ruff = (tools as PythonTools).ruff;
    expect(run(ruff, ["check", "--isolated", "--no-cache", ".dagger"], root).output).toContain(
      "All checks passed",
    );
    expect(run(ruff, ["format", "--isolated", "--check", ".dagger"], root).status).toBe(0);
  });

  it("registers one function per service and `test`, each reading the project where it needs to", async () => {
    const output = await python(REGISTER);
    expect(engine.errors()).toEqual([]);
    const registered = JSON.parse(output.trim().split("\n").at(-1) ?? "{}");
    expect(registered).toEqual({
      code: null,
      main: "KbStack",
      // "" is the constructor: `--password`, a secret.
      functions: {
        "": { password: null },
        postgres: {},
        cache: {},
        api: { project: "." },
        test: { project: "." },
      },
    });
  });

  it("starts nothing when a service's function runs: it returns the stack's service", async () => {
    expect(await python(CALL, "postgres")).toContain("Service True");
    expect(engine.errors()).toEqual([]);
  });
});
