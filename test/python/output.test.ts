import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isService } from "../../src/spec/model.js";
import {
  FIXTURES,
  fixtureStack,
  generate,
  type PythonTools,
  pythonStack,
  pythonTools,
  removeProject,
  reportSkip,
  run,
  writeProject,
} from "./support.js";

/**
 * The generated Python run through the pinned tools: `ruff format --check` and `ruff check` with ruff's
 * defaults, py_compile, an import of every module against the real dagger-io SDK (every builder is
 * called: the SDK checks method and argument names without an engine), and pytest's collection with the
 * CI's marker selections.
 */
const tools = pythonTools();
if (typeof tools === "string")
  reportSkip("Python output checks (ruff, py_compile, dagger-io import, pytest)", tools);

/** Specs beyond the examples: long names near the limits the layout is tested for, awkward strings, sort order. */
const EXTRA_SPECS: Record<string, unknown> = {
  "long-names": {
    name: "a-remarkably-long-project-name-for-tests",
    services: [
      {
        name: "primary-relational-database-for-orders",
        kind: "postgres",
        database: "orders_database_with_a_rather_long_name_indeed",
        user: "an_application_user_with_a_long_name",
        extensions: ["pgvector", "postgis", "pg_cron", "uuid-ossp"],
      },
      { name: "session-cache-with-a-long-name", kind: "redis" },
      {
        name: "public-api-gateway-service",
        kind: "backend",
        build: {
          context: "./services/public-api-gateway-service",
          dockerfile: "docker/Dockerfile.production",
        },
        dependsOn: ["primary-relational-database-for-orders", "session-cache-with-a-long-name"],
        env: { FEATURE_FLAGS: "alpha,beta,gamma,delta,epsilon,zeta,eta,theta,iota,kappa,lambda,mu" },
      },
      {
        name: "audio-processing-worker-container",
        kind: "custom",
        image: "registry.example.com/team/audio-processing-worker-base-image:2024.11.07-python3.12",
        packages: {
          apt: ["ffmpeg", "libsndfile1", "build-essential"],
          pip: ["librosa", "openai-whisper", "soundfile"],
        },
        mounts: [
          { source: "./fixtures/audio/long-folder-name", target: "/srv/fixtures/audio/long-folder-name" },
        ],
      },
    ],
    matrix: { vector_store_backend: ["chromadb", "primary-relational-database-for-orders"] },
  },
  awkward: {
    name: "quoting",
    services: [
      { name: "db", kind: "postgres", database: "kb'test", user: 'o"neil' },
      { name: "mysql", kind: "mysql", user: "it's", database: "shop" },
      {
        name: "api",
        kind: "backend",
        build: "./api",
        env: { GREETING: 'say "hi" \\ café {x}', SECRET_TOKEN: "env://TOKEN" },
      },
    ],
  },
  zeta: {
    name: "zeta",
    services: [
      { name: "mongo", kind: "mongodb" },
      { name: "tcp-thing", kind: "custom", image: "alpine:3.20", port: 7000 },
    ],
    matrix: { store: ["mongo", "tcp-thing"] },
  },
};

const SPECS = [
  ...FIXTURES.map((name) => [name, fixtureStack(name)] as const),
  ...Object.entries(EXTRA_SPECS).map(([name, spec]) => [name, pythonStack(spec)] as const),
];

function pythonFiles(root: string, folder = root): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    if (statSync(path).isDirectory()) return pythonFiles(root, path);
    return path.endsWith(".py") ? [relative(root, path)] : [];
  });
}

/** A script that imports the stack, makes two configs and calls every builder (no engine needed). */
function importScript(configClass: string, stackClass: string, builders: string[]): string {
  return [
    "import tests.dagger_modules as m",
    "import tests.dagger_modules.up",
    "import dagger",
    `a, b = m.${configClass}(), m.${configClass}()`,
    "assert a.namespace != b.namespace, 'each config gets its own namespace'",
    "for name, value in vars(a).items():",
    "    if name.endswith('_password'):",
    "        assert value != getattr(b, name), 'each config gets its own password'",
    "        assert value not in repr(a), 'passwords stay out of repr'",
    `stack = m.${stackClass}(a, start_services=False)`,
    "# Each stack has a client of its own once connected; an unconnected one checks the calls, lazily.",
    "stack._client = dagger.Client()",
    ...builders.map((builder) => `assert isinstance(stack.${builder}(), dagger.Container)`),
    "print('ok')",
  ].join("\n");
}

describe.skipIf(typeof tools === "string")("generated Python with the pinned tools", () => {
  const { python, ruff } = tools as PythonTools;
  const roots = new Map<string, string>();

  beforeAll(() => {
    for (const [name, stack] of SPECS) roots.set(name, writeProject(generate(stack).files));
  });

  afterAll(() => {
    for (const root of roots.values()) removeProject(root);
  });

  describe.each(SPECS)("%s", (name, stack) => {
    const root = () => roots.get(name) as string;

    it("is formatted exactly as `ruff format` formats it", () => {
      const result = run(ruff, ["format", "--isolated", "--check", "--diff", "."], root());
      expect(result.output, result.output).toMatch(/files? already formatted/);
      expect(result.status).toBe(0);
    });

    it("passes `ruff check` with ruff's default rules", () => {
      const result = run(ruff, ["check", "--isolated", "--no-cache", "."], root());
      expect(result.output).toContain("All checks passed!");
      expect(result.status).toBe(0);
    });

    it("compiles", () => {
      const files = pythonFiles(root());
      expect(files.length).toBeGreaterThan(5);
      const result = run(python, ["-m", "py_compile", ...files], root());
      expect(result.output).toBe("");
      expect(result.status).toBe(0);
    });

    it("imports against the real dagger-io and builds every container lazily", () => {
      const builders = stack.services.map((service) => `build_${service.names.snake}`);
      const script = importScript(`${stack.names.pascal}Config`, `${stack.names.pascal}Stack`, builders);
      const result = run(python, ["-c", script], root());
      expect(result.output.trim()).toBe("ok");
    });

    it("collects under pytest with -m stack only, and the CI selections split the tests without overlap or gaps", () => {
      const collect = (...args: string[]) => collectWith(0, ...args);
      const collectWith = (status: number, ...args: string[]) => {
        const result = run(
          python,
          [
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "--strict-markers",
            "-p",
            "no:cacheprovider",
            ...args,
            "tests",
          ],
          root(),
        );
        expect(result.status, result.output).toBe(status);
        return result.output.split("\n").filter((line) => line.startsWith("tests/"));
      };
      // Without -m the stack's tests are left out; with no other tests, pytest says so with exit status 5.
      expect(collectWith(5)).toEqual([]);
      const all = collect("-m", "stack");
      const services = stack.services.filter(isService);
      const entries = stack.matrix.flatMap((axis) => axis.targets.map((target) => ({ axis, target })));
      expect(all.length).toBeGreaterThanOrEqual(services.length + entries.length);
      const selections = [
        collect("-m", "stack and not matrix"),
        ...entries.map(({ axis, target }) => collect("-m", `${axis.name}_${target.replace(/-/g, "_")}`)),
      ];
      for (const selected of selections.slice(1)) expect(selected).toHaveLength(1);
      expect(selections.flat().sort()).toEqual([...all].sort());
    });
  });
});

describe.skipIf(typeof tools === "string")("the layout engine against ruff", () => {
  it("lays out random nested calls, lists, tuples and dicts as ruff does", async () => {
    const { python: _python, ruff } = tools as PythonTools;
    const { randomModule } = await import("./layout-fuzz.js");
    const root = writeProject(
      Object.fromEntries([1, 2, 3, 4, 5, 6].map((seed) => [`fuzz_${seed}.py`, randomModule(seed)])),
    );
    try {
      const result = run(ruff, ["format", "--isolated", "--check", "--diff", "."], root);
      expect(result.output, result.output).toContain("6 files already formatted");
    } finally {
      removeProject(root);
    }
  });
});
