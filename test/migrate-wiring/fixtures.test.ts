import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { createTsProject, openTsFile } from "../../src/edit/typescript/file.js";
import { projectName, projectsArray } from "../../src/edit/typescript/tests.js";
import { readVitestConfig } from "../../src/edit/typescript/vitest-config.js";
import { DAGGER_SETUP } from "../../src/render/ci/gitlab.js";
import { ACTIONS, GITLAB_DIND_IMAGE } from "../../src/render/ci/pins.js";
import { sanitize } from "../golden/generate.js";
import {
  CASES,
  type Migration,
  migratedFiles,
  planFixture,
  planMigration,
  reportEntries,
} from "./support.js";

/**
 * Steps 3 and 4 on each fixture project, planned on an in-memory tree after create's planner: the report
 * entries (all of them, none unexpected), what the edited files mean, a snapshot of every file the wiring
 * wrote, and a second run that changes nothing.
 */
function statusOf(migration: Migration): [string, string][] {
  return reportEntries(migration).map((entry) => [entry.file, entry.status]);
}

/** The files steps 3 and 4 wrote or changed (not create's own), as they end up. */
function wiringOutput(migration: Migration): Record<string, string> {
  const after = migratedFiles(migration);
  return Object.fromEntries(
    Object.entries(after)
      .filter(([path, content]) => migration.afterCreate[path] !== content)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, content]) => [path, sanitize(path, content)]),
  );
}

function job(text: string, path: (string | number)[]): YAMLMap {
  const node = parseDocument(text).getIn(path, true);
  if (!isMap(node)) throw new Error(`no mapping at ${path.join(".")}`);
  return node;
}

function stepRuns(workflowJob: YAMLMap): string[] {
  const steps = workflowJob.get("steps", true);
  return isSeq(steps)
    ? steps.items.map((step) => String((step as YAMLMap).get("run") ?? (step as YAMLMap).get("uses")))
    : [];
}

describe("migrate wiring: a TypeScript API with Vitest and a GitHub workflow (ts-vitest-api)", async () => {
  const migration = await planFixture("ts-vitest-api");
  const files = migratedFiles(migration);

  it("reports every file it touched and every test it wired, and nothing else", () => {
    expect(statusOf(migration)).toEqual([
      ["vitest.stack.config.mts", "edited"],
      ["tests/stack/your-env.ts", "created"],
      ["tests/stack/your-tests.ts", "created"],
      ["tests/stack/your-tests.global-setup.ts", "created"],
      ["tests/stack/your-tests.setup.ts", "created"],
      ["tests/integration/cache.test.ts", "unchanged"],
      ["tests/integration/orders.test.ts", "unchanged"],
      [".github/workflows/ci.yml", "edited"],
    ]);
    expect(reportEntries(migration)).toMatchSnapshot();
    expect(migration.tests.warnings).toEqual([]);
    expect(migration.ci.warnings).toEqual([]);
  });

  it("leaves the user's Vitest config alone and runs their integration folder in a project that extends it", () => {
    expect(files["vitest.config.ts"]).toBe(migration.before["vitest.config.ts"]);
    const config = openTsFile(
      createTsProject(),
      "vitest.stack.config.mts",
      files["vitest.stack.config.mts"] ?? "",
    );
    const project = projectsArray(config)
      .getElements()
      .find((element) => projectName(element) === "integration");
    expect(project?.getText()).toContain('extends: "./vitest.config.ts"');
    expect(project?.getText()).toContain('yourTests(["tests/integration/**/*.test.ts"])');
    expect(readVitestConfig(config).hasProjects).toBe(true);
    expect(migration.tests.stackRun).toEqual({
      runner: "vitest",
      command: "npm run test:stack -- --project integration",
      tests: ["tests/integration"],
    });
    expect(migration.tests.generated).toEqual([
      "tests/stack/your-env.ts",
      "tests/stack/your-tests.ts",
      "tests/stack/your-tests.global-setup.ts",
      "tests/stack/your-tests.setup.ts",
    ]);
  });

  it("maps each variable to the host URL of the service the app's compose environment named", () => {
    const env = files["tests/stack/your-env.ts"] ?? "";
    expect(env).toContain("DATABASE_URL: stack.db.host,");
    expect(env).toContain("REDIS_URL: stack.cache.host,");
    expect(files["tests/stack/your-tests.setup.ts"]).toContain(
      'Object.assign(process.env, inject("yourEnv"));',
    );
  });

  it("moves the test job from services and compose onto the Dagger step, keeping the rest and its comments", () => {
    const before = migration.before[".github/workflows/ci.yml"] ?? "";
    const after = files[".github/workflows/ci.yml"] ?? "";
    const test = job(after, ["jobs", "test"]);
    expect(test.has("services")).toBe(false);
    expect((test.get("env") as YAMLMap).toJSON()).toEqual({ NODE_ENV: "test" });
    expect(stepRuns(test)).toEqual([
      "actions/checkout@v4",
      "actions/setup-node@v4",
      "npm ci",
      "npm test",
      ACTIONS.dagger,
    ]);
    const dagger = (test.get("steps") as { items: YAMLMap[] }).items.at(-1);
    expect(dagger?.getIn(["with", "args"])).toBe("npm run test:stack -- --project integration");
    expect(job(after, ["jobs", "lint"]).toJSON()).toEqual(job(before, ["jobs", "lint"]).toJSON());
    for (const comment of [
      "# Lint, unit and integration tests on every push.",
      "cache: npm # the lockfile's packages",
    ])
      expect(after).toContain(comment);
    expect(after).not.toMatch(/docker compose/);
  });

  it("writes what the snapshot holds", () => {
    expect(wiringOutput(migration)).toMatchSnapshot();
  });

  it("changes nothing when run again on its own output", async () => {
    const again = await planMigration(CASES["ts-vitest-api"] as never, files);
    expect(again.tree.changes().map((change) => change.path)).toEqual([]);
  });
});

describe("migrate wiring: a Python app with pytest and a GitLab pipeline (python-pytest-gitlab)", async () => {
  const migration = await planFixture("python-pytest-gitlab");
  const files = migratedFiles(migration);

  it("reports every file it touched and every test it wired, and nothing else", () => {
    expect(statusOf(migration)).toEqual([
      ["tests/conftest.py", "created"],
      ["tests/dagger_modules/stack_run.py", "created"],
      ["tests/integration/test_orders.py", "unchanged"],
      [".gitlab-ci.yml", "edited"],
    ]);
    expect(reportEntries(migration)).toMatchSnapshot();
  });

  it("loads the stack-run plugin beside the fixtures: `pytest -m stack` runs the user's integration tests too", () => {
    const conftest = files["tests/conftest.py"] ?? "";
    expect(conftest).toMatch(
      /^pytest_plugins = \["tests\.dagger_modules\.fixtures", "tests\.dagger_modules\.stack_run"\]$/m,
    );
    const plugin = files["tests/dagger_modules/stack_run.py"] ?? "";
    expect(plugin).toContain('YOUR_TESTS: tuple[str, ...] = ("tests/integration",)');
    expect(plugin).toContain('return {"DATABASE_URL": urls["db"].host}');
    expect(migration.tests.stackRun).toEqual({
      runner: "pytest",
      command: "python -m pytest tests -m stack",
      tests: ["tests/integration"],
    });
  });

  it("moves the GitLab job onto Docker-in-Docker and `dagger run`, keeping the rest", () => {
    const test = job(files[".gitlab-ci.yml"] ?? "", ["test"]);
    expect((test.get("services") as YAMLMap).toJSON()).toEqual([
      { name: GITLAB_DIND_IMAGE, alias: "docker" },
    ]);
    const variables = (test.get("variables") as YAMLMap).toJSON() as Record<string, string>;
    expect(Object.keys(variables)).toEqual([
      "POSTGRES_USER",
      "POSTGRES_PASSWORD",
      "POSTGRES_DB",
      "DOCKER_HOST",
      "DOCKER_TLS_CERTDIR",
      "DOCKER_VERSION",
      "DAGGER_VERSION",
    ]);
    const script = (test.get("script") as { items: unknown[] }).items.map((item) =>
      String(isScalar(item) ? item.value : item),
    );
    expect(script.at(0)).toBe("pip install -r requirements-dev.txt");
    expect(script.slice(2, -1)).toEqual([...DAGGER_SETUP.tools]);
    expect(script.at(-1)).toBe("dagger run python -m pytest tests -m stack");
    expect(files[".gitlab-ci.yml"]).toContain("- pytest # unit and integration tests");
    // create's job for the stack's tests stays as create wrote it: its selections take the user's tests too.
    expect(files[".gitlab/dagger-stack.yml"]).toBe(migration.afterCreate[".gitlab/dagger-stack.yml"]);
    expect(files[".gitlab/dagger-stack.yml"]).toMatch(
      /dagger run \S*python -m pytest tests -m "\$SELECTION"/,
    );
  });

  it("writes what the snapshot holds", () => {
    expect(wiringOutput(migration)).toMatchSnapshot();
  });

  it("changes nothing when run again on its own output", async () => {
    const again = await planMigration(CASES["python-pytest-gitlab"] as never, files);
    expect(again.tree.changes().map((change) => change.path)).toEqual([]);
  });
});

describe("migrate wiring: a JavaScript project on Jest, its workflow in a job container (jest-js)", async () => {
  const migration = await planFixture("jest-js");
  const files = migratedFiles(migration);

  it("reports every file it touched and every test it wired, and nothing else", () => {
    expect(statusOf(migration)).toEqual([
      ["tests/stack/your-env.ts", "created"],
      ["jest.stack.config.mjs", "created"],
      ["tests/stack/your-tests.jest.mjs", "created"],
      ["package.json", "edited"],
      ["test/integration/items.test.js", "unchanged"],
      [".github/workflows/test.yml", "unchanged"],
      [".github/workflows/test-dagger.yml", "created"],
    ]);
    expect(reportEntries(migration)).toMatchSnapshot();
  });

  it("runs the integration tests with the user's own Jest config, whose file stays as it was", () => {
    expect(files["jest.config.js"]).toBe(migration.before["jest.config.js"]);
    const config = files["jest.stack.config.mjs"] ?? "";
    expect(config).toContain('import yours from "./jest.config.js";');
    expect(config).toContain("`${here}/test/integration/**/*.test.js`");
    const scripts = (JSON.parse(files["package.json"] ?? "{}") as { scripts: Record<string, string> })
      .scripts;
    expect(scripts).toMatchObject({ test: "jest", "test:stack:jest": "jest --config jest.stack.config.mjs" });
  });

  it("leaves a job that runs in a container alone and writes its Dagger counterpart beside it", () => {
    expect(files[".github/workflows/test.yml"]).toBe(migration.before[".github/workflows/test.yml"]);
    const beside = parseDocument(files[".github/workflows/test-dagger.yml"] ?? "");
    expect(beside.get("name")).toBe("test on Dagger");
    expect(beside.getIn(["concurrency", "group"])).toBe("dagger-test-${{ github.ref }}");
    expect(files[".github/workflows/test-dagger.yml"]).toContain("args: npm run test:stack:jest");
    expect(migration.ci.generated).toEqual([".github/workflows/test-dagger.yml"]);
  });

  it("writes what the snapshot holds", () => {
    expect(wiringOutput(migration)).toMatchSnapshot();
  });

  it("changes nothing when run again on its own output", async () => {
    const again = await planMigration(CASES["jest-js"] as never, files);
    expect(again.tree.changes().map((change) => change.path)).toEqual([]);
  });
});
