import { describe, expect, it } from "vitest";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { isService } from "../../src/spec/model.js";
import { FIXTURES, file, fixtureStack, generate, literalEval, pythonStack } from "./support.js";

/** Semantic checks of the generated Python for every example spec; formatting and imports are in ruff.test.ts. */

/** A Python tuple-of-tuples-of-strings literal as nested arrays (the shape of START_ORDER). */
function tupleLiteral(source: string): unknown {
  const json = source
    .replace(/\(/g, "[")
    .replace(/\)/g, "]")
    .replace(/,(\s*)\]/g, "$1]");
  return JSON.parse(json);
}

function startOrder(stackPy: string): unknown {
  const match = /^START_ORDER: [^=]+= (\([\s\S]*?\))\n"""/m.exec(stackPy);
  if (!match?.[1]) throw new Error("no START_ORDER in stack.py");
  return tupleLiteral(match[1]);
}

/** Source with every split call and collection joined back onto one line. */
function collapse(source: string): string {
  return source
    .replace(/\n\s*/g, " ")
    .replace(/([[(]) /g, "$1")
    .replace(/,? ([\])])/g, "$1");
}

/** The calls of `method` in a file, whitespace collapsed: `.with_env_variable("A", x)`. */
function calls(source: string, method: string): string[] {
  const flat = collapse(source);
  return flat.match(new RegExp(`\\.${method}\\([^()]*(\\([^()]*\\)[^()]*)*\\)`, "g")) ?? [];
}

const PASSWORD_VARIABLES = SERVICE_KINDS.flatMap((kind) =>
  kind.credentials ? [kind.credentials.passwordEnv] : [],
);

describe.each(FIXTURES)("python output for %s", (name) => {
  const generated = generate(fixtureStack(name));
  const { stack } = generated;
  const stackPy = file(generated, "tests/dagger_modules/stack.py");
  const fixturesPy = file(generated, "tests/dagger_modules/fixtures.py");

  it("has one build_<snake> method per container, chained on dag", () => {
    const builders = [...stackPy.matchAll(/^ {4}def (build_\w+)\(/gm)].map((match) => match[1]);
    expect(builders).toEqual(stack.services.map((service) => `build_${service.names.snake}`));
    expect(stackPy).not.toMatch(/^\s*async def build_/m);
    expect(stackPy).not.toContain("self.client");
  });

  it("starts services in the normaliser's dependency order, a group at a time", () => {
    expect(startOrder(stackPy)).toEqual(stack.startLevels);
    expect(stackPy).toContain("async with asyncio.TaskGroup() as tasks:");
  });

  it("passes credentials as Dagger secrets, never as env variables", () => {
    const envNames = calls(stackPy, "with_env_variable").map((call) => /\("([^"]+)"/.exec(call)?.[1]);
    for (const variable of PASSWORD_VARIABLES) expect(envNames).not.toContain(variable);
    expect(stackPy).not.toMatch(/with_env_variable\([^)]*password/i);
    for (const service of stack.services.filter((candidate) => candidate.kind.credentials)) {
      const variable = service.kind.credentials?.passwordEnv;
      expect(calls(stackPy, "with_secret_variable")).toContain(
        `.with_secret_variable("${variable}", self._secret("${service.name}/password", cfg.${service.names.snake}_password))`,
      );
    }
    expect(stackPy).toContain('return self.dag.set_secret(f"{self.config.namespace}/{name}", value)');
    expect(file(generated, "tests/dagger_modules/config.py")).not.toMatch(/test_password"\s*$/m);
  });

  it("reaches services from the host through tunnels, never through an alias", () => {
    // With ports beyond the first, `up` tunnels them too (a list of forwards); tests tunnel the first.
    const extra = stack.services.some((service) => service.extraPorts.length > 0);
    expect(stackPy).toContain(
      `tunnel = await self.dag.host().tunnel(service, ports=${extra ? "forwards" : "[forward]"}).start()`,
    );
    expect(stackPy).toContain("dagger.PortForward(backend=entry.port, frontend=frontend)");
    for (const service of stack.services.filter(isService)) {
      expect(fixturesPy).toContain(`return stack.urls()["${service.name}"].host`);
    }
    const tests = Object.entries(generated.files).filter(([path]) => path.startsWith("tests/integration/"));
    for (const [path, content] of tests) expect(content, path).not.toMatch(/@\w[\w-]*:\d+/);
  });

  it("connects with a client of its own (dagger.Connection), never the process-wide `dag`", () => {
    // dagger.connection() shares one client per process: a second stack would reuse the first's session.
    expect(stackPy).toContain("self._client = await session.enter_async_context(dagger.Connection(config))");
    const code = stackPy.replace(/#.*$/gm, "");
    expect(code).not.toContain("dagger.connection(");
    expect(code).not.toMatch(/from dagger import dag\b|(?<![.\w])dag\./);
  });

  it("never mentions the seed: users never saw that document", () => {
    for (const [path, content] of Object.entries(generated.files))
      expect(content, path).not.toMatch(/\bseed\b/i);
  });

  it("has a smoke test per service and a matrix test per axis", () => {
    for (const service of stack.services) {
      expect(generated.files).toHaveProperty([`tests/integration/test_${service.names.snake}_smoke.py`]);
    }
    for (const axis of stack.matrix)
      expect(generated.files).toHaveProperty([`tests/integration/test_${axis.name}_matrix.py`]);
  });

  it("loads the fixtures from tests/conftest.py and marks tests/ as a package", () => {
    expect(file(generated, "tests/conftest.py")).toContain(
      'pytest_plugins = ["tests.dagger_modules.fixtures"]',
    );
    expect(file(generated, "tests/__init__.py")).toBe("");
    expect(file(generated, "tests/integration/__init__.py")).toBe("");
  });

  it("records the Python files in the manifest and the language in its spec", () => {
    const manifest = JSON.parse(file(generated, "dagger-stack.json"));
    expect(manifest.spec.language).toBe("python");
    expect(Object.keys(manifest.files)).toEqual(expect.arrayContaining(["tests/dagger_modules/stack.py"]));
    expect(Object.keys(manifest.files)).not.toContain("pyproject.toml");
  });

  it("changes nothing when run a second time on its own output", () => {
    const second = generate(stack, generated.files);
    expect(second.changes.map((change) => change.path)).toEqual([]);
    expect(second.plan.warnings).toEqual([]);
  });
});

describe("the seed's KnowledgeBeast matrix", () => {
  const generated = generate(fixtureStack("knowledgebeast"));
  const fixturesPy = file(generated, "tests/dagger_modules/fixtures.py");

  it("is a parametrized `backend` fixture whose params carry the matrix marker and their own", () => {
    const flat = collapse(fixturesPy);
    expect(flat).toContain(
      '@pytest.fixture(params=[pytest.param("chromadb", marks=[pytest.mark.matrix, pytest.mark.backend_chromadb]), pytest.param("postgres", marks=[pytest.mark.matrix, pytest.mark.backend_postgres])])',
    );
    expect(fixturesPy).toMatch(
      /def backend\(request: pytest\.FixtureRequest, stack: KnowledgebeastStack\) -> MatrixTarget:/,
    );
  });

  it("registers every marker it uses", () => {
    for (const marker of ["stack", "matrix", "backend_chromadb", "backend_postgres"])
      expect(fixturesPy).toContain(`"${marker}": `);
    expect(fixturesPy).toContain('config.addinivalue_line("markers", f"{name}: {description}")');
  });

  it("gives CI one job per selection: everything outside the matrix, then each entry", () => {
    const workflow = file(generated, ".github/workflows/dagger-stack.yml");
    expect(workflow).toContain(
      "- stack and not matrix\n          - backend_chromadb\n          - backend_postgres\n",
    );
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template.
    expect(workflow).toContain('args: .venv/bin/python -m pytest tests -m "${{ matrix.selection }}"');
    expect(workflow).toContain(
      "python3 -m venv .venv\n          .venv/bin/python -m pip install pip==26.3\n",
    );
    expect(workflow).toContain(".venv/bin/python -m pip install --group dev");
  });

  it("takes pg_search from ParadeDB's image and says why not cargo", () => {
    const stackPy = file(generated, "tests/dagger_modules/stack.py");
    expect(file(generated, "tests/dagger_modules/config.py")).toContain(
      'postgres_image: str = "paradedb/paradedb:',
    );
    expect(stackPy).toMatch(
      /# A ready image for pg_search[\s\S]*from source would need a Rust[\s\S]*toolchain/,
    );
  });

  it("explains each correction in the user's terms: what would go wrong, and why this is right", () => {
    const stackPy = file(generated, "tests/dagger_modules/stack.py");
    expect(stackPy).toMatch(/second stack would reuse this session/);
    expect(stackPy).toMatch(/resolves only inside containers bound to the service/);
    expect(file(generated, "tests/dagger_modules/config.py")).toMatch(
      /would end up in IDs, cache keys and logs/,
    );
    expect(fixturesPy).toMatch(/`@pytest\.mark\.asyncio` would need\s+pytest-asyncio/);
  });
});

describe("stacks without a matrix or without services", () => {
  it("selects every stack test with `stack and not matrix` and still registers the marker", () => {
    const generated = generate(fixtureStack("minimal"));
    expect(file(generated, ".github/workflows/dagger-stack.yml")).toMatch(
      /selection:\n\s+- stack and not matrix\n\s+steps:/,
    );
    expect(file(generated, "tests/dagger_modules/fixtures.py")).toContain('"matrix": ');
  });

  it("types service names as plain strings when every container lacks a port", () => {
    const stack = pythonStack({
      name: "tools",
      services: [{ name: "toolbox", kind: "custom", image: "alpine:3.20" }],
    });
    const stackPy = file(generate(stack), "tests/dagger_modules/stack.py");
    expect(stackPy).toContain("ServiceName = str");
    expect(stackPy).toContain("START_ORDER: tuple[tuple[ServiceName, ...], ...] = ()");
    expect(stackPy).toMatch(/def _registry\(self\) -> dict\[ServiceName, _Entry\]:\n.*\n {8}return \{\}/);
  });
});

describe("flat config fields", () => {
  it("never share a name: the spec check refuses services whose fields would", () => {
    expect(() =>
      pythonStack({
        name: "clash",
        services: [
          { name: "api", kind: "backend", build: "./api", port: 8000 },
          { name: "api-host", kind: "backend", build: "./api2", port: 8001 },
        ],
      }),
    ).toThrow(/api_host_port/);
  });
});

describe("strings from the spec", () => {
  it("land as Python literals of the same value", () => {
    const awkward = ['say "hi"', "it's", "back\\slash", "tab\there", "Café 日本", "{braces} and $dollar"];
    const stack = pythonStack({
      name: "quoting",
      services: [
        {
          name: "api",
          kind: "backend",
          build: "./api",
          env: Object.fromEntries(awkward.map((value, index) => [`VALUE_${index}`, value])),
        },
      ],
    });
    const stackPy = file(generate(stack), "tests/dagger_modules/stack.py");
    const literals = calls(stackPy, "with_env_variable")
      .map((call) => /^\.with_env_variable\("VALUE_\d+", (.*)\)$/.exec(call)?.[1])
      .filter((literal): literal is string => literal !== undefined);
    expect(literals).toHaveLength(awkward.length);
    expect(literalEval(literals)).toEqual(awkward);
  });
});
