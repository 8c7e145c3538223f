import { describe, expect, it } from "vitest";
import { planEnv } from "../../src/plan/migrate/tests-env.js";
import { localImports } from "../../src/plan/migrate/tests-imports.js";
import { selectStackTests } from "../../src/plan/migrate/tests-selection.js";
import { loadStack } from "../../src/spec/load.js";
import { CASES, fixtureDir, planMigration, readFolder } from "./support.js";

/** The planners' decisions on small projects: which tests need the stack, what the env can say, edge cases. */
const stack = loadStack(
  {
    name: "shop",
    services: [
      { name: "db", kind: "postgres", version: "16" },
      { name: "cache", kind: "redis", version: "7.4" },
      { name: "worker", kind: "custom", image: "busybox:1.36" },
    ],
  },
  "shop.yaml",
);

describe("which of the user's tests the stack run takes", () => {
  const files: Record<string, string> = {
    "src/settings.ts": "export const url = process.env.DATABASE_URL;\n",
    "src/repo.ts": 'import { url } from "./settings.js";\nexport const repo = () => url;\n',
    "src/math.ts": "export const add = (a: number, b: number) => a + b;\n",
    "src/math.test.ts": 'import { add } from "./math.js";\n',
    "src/repo.test.ts": 'import { repo } from "./repo";\n',
    "test/e2e/api.spec.ts": 'import { repo } from "../../src/repo.js";\n',
    "test/e2e/health.spec.ts": "// no database here\n",
    "stack/stack.ts": "process.env.DATABASE_URL\n",
    "tests/stack/smoke/db.stack.ts": "process.env.DATABASE_URL\n",
  };
  const select = () =>
    selectStackTests({
      runner: "vitest",
      sourceFiles: Object.keys(files),
      read: (path) => files[path],
      variables: ["DATABASE_URL"],
      isStackFile: (path) => path.startsWith("stack/") || path.startsWith("tests/stack/"),
    });

  it("follows imports to the module that reads the variable, and says through which", () => {
    expect(select().bound).toEqual([
      { path: "src/repo.test.ts", reason: "imports src/repo.ts → src/settings.ts, which reads DATABASE_URL" },
      {
        path: "test/e2e/api.spec.ts",
        reason: "imports src/repo.ts → src/settings.ts, which reads DATABASE_URL",
      },
    ]);
  });

  it("takes an integration folder whole, by its test endings, and a test elsewhere alone", () => {
    const { folders, files: alone, suffixes } = select();
    expect({ folders, alone, suffixes }).toEqual({
      folders: ["test/e2e"],
      alone: ["src/repo.test.ts"],
      suffixes: [".spec.ts", ".test.ts"],
    });
  });

  it("resolves Python imports: absolute, from a package, relative, and the src layout", () => {
    const python = new Set([
      "src/app/__init__.py",
      "src/app/settings.py",
      "tests/integration/helpers.py",
      "tests/integration/test_a.py",
    ]);
    expect(
      localImports(
        "tests/integration/test_a.py",
        "from app import settings\nfrom .helpers import make\n",
        python,
      ),
    ).toEqual(["src/app/__init__.py", "src/app/settings.py", "tests/integration/helpers.py"]);
  });
});

describe("what the stack test run can put in the environment", () => {
  it("takes parts of a service's host URL, and refuses what no URL carries, with the reason", () => {
    const plan = planEnv(stack, {
      DATABASE_URL: { service: "db", value: "url" },
      PGPASSWORD: { service: "db", value: "password" },
      REDIS_DB: { service: "cache", value: "database" },
      WORKER_URL: { service: "worker", value: "url" },
      MAIL_URL: { service: "mail", value: "url" },
      JWT_SECRET: { secret: "jwt" },
    });
    expect(plan.entries.map((entry) => [entry.variable, entry.service.name, entry.part])).toEqual([
      ["DATABASE_URL", "db", "url"],
      ["PGPASSWORD", "db", "password"],
    ]);
    expect(plan.refused.map((entry) => [entry.variable, entry.reason.split(/[,;]/)[0]])).toEqual([
      ["JWT_SECRET", "it is the stack secret jwt"],
      ["MAIL_URL", "the stack has no service mail"],
      ["REDIS_DB", "cache's URL carries no database"],
      ["WORKER_URL", "worker has no port"],
    ]);
  });
});

describe("test wiring on variations of the fixtures", () => {
  const vitest = CASES["ts-vitest-api"] as (typeof CASES)[string];
  const jest = CASES["jest-js"] as (typeof CASES)[string];

  it("says so, and wires nothing, when no test reads the variables", async () => {
    const files = readFolder(fixtureDir("ts-vitest-api"));
    const migration = await planMigration(
      { ...vitest, testEnv: { AMQP_URL: { service: "db", value: "url" } } },
      files,
    );
    expect(migration.tests.tests).toEqual([
      {
        file: "tests/stack/your-env.ts",
        status: "unchanged",
        note: "none of your vitest tests reads AMQP_URL, itself or through your modules: the stack test run runs the stack's own tests only",
      },
    ]);
    expect(migration.tests.stackRun).toBeUndefined();
    expect(migration.ci.ci[0]?.note).toContain("`npm run test:stack`");
  });

  it("finds Vitest's config in vite.config.ts, and extends that", async () => {
    const files = readFolder(fixtureDir("ts-vitest-api"));
    files["vite.config.ts"] = files["vitest.config.ts"] ?? "";
    delete files["vitest.config.ts"];
    const migration = await planMigration(vitest, files);
    expect(migration.tree.read("vitest.stack.config.mts")).toContain('extends: "./vite.config.ts"');
  });

  it("does not extend a config that is a set of projects, and says what to do by hand", async () => {
    const files = readFolder(fixtureDir("ts-vitest-api"));
    files["vitest.config.ts"] =
      'import { defineConfig } from "vitest/config";\nexport default defineConfig({ test: { projects: ["packages/*"] } });\n';
    const migration = await planMigration(vitest, files);
    expect(migration.tests.tests[0]).toMatchObject({ file: "vitest.config.ts", status: "unchanged" });
    expect(migration.tests.tests[0]?.note).toContain("tests/stack/your-tests.global-setup.ts");
    expect(migration.tests.stackRun).toBeUndefined();
  });

  it("reads Jest's settings from package.json when there is no jest.config file", async () => {
    const files = readFolder(fixtureDir("jest-js"));
    const config = files["jest.config.js"];
    delete files["jest.config.js"];
    const pkg = JSON.parse(files["package.json"] ?? "{}") as Record<string, unknown>;
    files["package.json"] = `${JSON.stringify({ ...pkg, jest: { testEnvironment: "node" } }, null, 2)}\n`;
    const migration = await planMigration(jest, files);
    expect(config).toBeDefined();
    expect(migration.tree.read("jest.stack.config.mjs")).toContain(
      'createRequire(import.meta.url)("./package.json").jest ?? {};',
    );
  });

  it("leaves a Jest config in TypeScript to the user, saying what the stack run needs", async () => {
    const files = readFolder(fixtureDir("jest-js"));
    files["jest.config.ts"] = files["jest.config.js"] ?? "";
    delete files["jest.config.js"];
    const migration = await planMigration(jest, files);
    expect(migration.tests.tests[0]).toMatchObject({ file: "jest.config.ts", status: "unchanged" });
    expect(migration.tests.tests[0]?.note).toContain("globalSetup tests/stack/your-tests.jest-setup.mjs");
  });

  it("collects Python tests that need the stack outside tests/ in the stack test run and in the stack's CI", async () => {
    const python = CASES["python-pytest-gitlab"] as (typeof CASES)[string];
    const files = readFolder(fixtureDir("python-pytest-gitlab"));
    files["it/test_orders.py"] = files["tests/integration/test_orders.py"] ?? "";
    delete files["tests/integration/test_orders.py"];
    const migration = await planMigration(python, files);
    expect(migration.tests.stackRun).toEqual({
      runner: "pytest",
      command: "python -m pytest tests it -m stack",
      tests: ["it"],
    });
    expect(migration.tree.read("tests/dagger_modules/stack_run.py")).toContain(
      'YOUR_TESTS: tuple[str, ...] = ("it",)',
    );
    expect(migration.tree.read(".gitlab-ci.yml")).toContain(
      "- dagger run python -m pytest tests it -m stack",
    );
    expect(migration.tree.read(".gitlab/dagger-stack.yml")).toContain(
      '- dagger run .venv/bin/python -m pytest tests it -m "$SELECTION"',
    );
    expect(migration.ci.ci.map((entry) => [entry.file, entry.status])).toEqual([
      [".gitlab-ci.yml", "edited"],
      [".gitlab/dagger-stack.yml", "created"],
    ]);
    expect(migration.ci.generated).toEqual([".gitlab/dagger-stack.yml"]);
  });

  it("runs the stack test run through the project's Python tool", async () => {
    const python = CASES["python-pytest-gitlab"] as (typeof CASES)[string];
    const files = readFolder(fixtureDir("python-pytest-gitlab"));
    files["pyproject.toml"] = '[project]\nname = "orders"\nversion = "1.0.0"\n\n[tool.uv]\npackage = false\n';
    files["uv.lock"] = "version = 1\n";
    const migration = await planMigration(python, files);
    expect(migration.tests.stackRun?.command).toBe("uv run python -m pytest tests -m stack");
    expect(migration.tree.read(".gitlab-ci.yml")).toContain(
      "- dagger run uv run python -m pytest tests -m stack",
    );
  });

  it("runs the stack test run through the Python tool it is given, as create used it", async () => {
    const python = CASES["python-pytest-gitlab"] as (typeof CASES)[string];
    const files = readFolder(fixtureDir("python-pytest-gitlab"));
    const migration = await planMigration(python, files, { name: "poetry", evidence: "[tool.poetry]" });
    expect(migration.tests.stackRun?.command).toBe("poetry run python -m pytest tests -m stack");
    expect(migration.tree.read("tests/conftest.py")).toContain(
      "`poetry run python -m pytest tests -m stack` starts the stack",
    );
    expect(migration.tree.read(".gitlab-ci.yml")).toContain(
      "- dagger run poetry run python -m pytest tests -m stack",
    );
  });

  it("writes a GitLab job that cannot be edited beside the pipeline, included by it", async () => {
    const python = CASES["python-pytest-gitlab"] as (typeof CASES)[string];
    const files = readFolder(fixtureDir("python-pytest-gitlab"));
    files[".gitlab-ci.yml"] = (files[".gitlab-ci.yml"] ?? "").replace(
      "  stage: test\n",
      "  stage: test\n  extends: .python\n",
    );
    const migration = await planMigration(python, files);
    const pipeline = migration.tree.read(".gitlab-ci.yml") ?? "";
    expect(pipeline).toContain("  - local: .gitlab/dagger-test.yml");
    expect(pipeline).toContain("    - name: postgres:16");
    expect(migration.tree.read(".gitlab/dagger-test.yml")).toMatch(/^test-dagger:$/m);
    expect(migration.ci.ci.map((entry) => [entry.file, entry.status])).toEqual([
      [".gitlab-ci.yml", "edited"],
      [".gitlab/dagger-test.yml", "created"],
    ]);
  });
});
