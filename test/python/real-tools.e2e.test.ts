import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { BIN, ensureBuilt } from "../cli/support/built-cli.js";
import { projectToolsBin, projectToolsMissing, removeProject, reportSkip, writeProject } from "./support.js";

/**
 * `create` in Python projects managed by Poetry, uv, PDM, Hatch and pip-tools, through the built CLI,
 * checked with the real tools (scripts/ci/python-tools.sh installs them): each tool still reads the
 * project, finds the stack's dev dependencies, and its lock file is up to date afterwards.
 */
const missing = projectToolsMissing();
if (missing) reportSkip("create with the real Python tools", missing);

const TOOLS = projectToolsBin();
const SERVICES = ["--lang", "python", "--services", "postgres,redis", "--yes"];

interface Run {
  code: number | null;
  out: string;
  stdout: string;
  stderr: string;
}

/** Runs `command` in `cwd` with the tools first on PATH (or without them); never throws on failure. */
function sh(cwd: string, command: string, args: readonly string[], withTools = true): Run {
  const path = withTools ? `${TOOLS}${delimiter}${process.env.PATH}` : withoutTools(process.env.PATH ?? "");
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
    env: { ...process.env, PATH: path, NO_COLOR: "1", CI: undefined, VIRTUAL_ENV: undefined },
  });
  const stdout = result.stdout ?? "";
  const stderr = result.stderr ?? "";
  return { code: result.status, out: `${stdout}${stderr}`, stdout, stderr };
}

/** PATH without any folder that holds one of the tools: the machine may have them elsewhere too. */
function withoutTools(path: string): string {
  return path
    .split(delimiter)
    .filter(
      (dir) =>
        !["uv", "poetry", "pdm"].some((tool) => spawnSync("test", ["-x", join(dir, tool)]).status === 0),
    )
    .join(delimiter);
}

const tool = (cwd: string, name: string, ...args: string[]) => sh(cwd, join(TOOLS, name), args);
const create = (cwd: string, ...args: string[]) => sh(cwd, process.execPath, [BIN, ...SERVICES, ...args]);
const create_withoutTools = (cwd: string, ...args: string[]) =>
  sh(cwd, process.execPath, [BIN, ...SERVICES, ...args], false);
const read = (root: string, path: string) => readFileSync(join(root, path), "utf8");

function expectOk(run: Run): void {
  expect(run.code, run.out).toBe(0);
}

const POETRY_1_STYLE = [
  "[tool.poetry]",
  'name = "shop"',
  'version = "0.1.0"',
  'description = ""',
  'authors = ["Dev <dev@example.com>"]',
  "package-mode = false",
  "",
  "[tool.poetry.dependencies]",
  'python = "^3.11"',
  "",
  "[tool.poetry.group.dev.dependencies]",
  'pytest = "^7.4"',
  "",
  "[tool.pytest.ini_options]",
  'testpaths = ["tests"]',
  "",
].join("\n");

const POETRY_2_STYLE = [
  "[project]",
  'name = "shop"',
  'version = "0.1.0"',
  'requires-python = ">=3.11"',
  "dependencies = []",
  "",
  "[tool.poetry]",
  "package-mode = false",
  "",
  "[tool.poetry.group.dev.dependencies]",
  'pytest = "^7.4"',
  "",
].join("\n");

const UNIT_TEST = { "tests/test_unit.py": "def test_unit():\n    assert True\n" };

beforeAll(async () => {
  await ensureBuilt();
}, 120_000);

describe.skipIf(missing !== undefined)("create with the real Python tools", () => {
  describe.each([
    ["Poetry 1.x-style groups", POETRY_1_STYLE],
    ["PEP 621 with [tool.poetry] (Poetry 2)", POETRY_2_STYLE],
  ])("a Poetry project, %s, that requires pytest ^7.4", (_name, pyproject) => {
    it("keeps pytest ^7.4, adds the rest to the dev group, updates poetry.lock, and Poetry accepts it all", () => {
      const root = writeProject({ "pyproject.toml": pyproject, ...UNIT_TEST });
      try {
        expectOk(tool(root, "poetry", "lock"));
        const run = create(root);
        expectOk(run);
        const after = read(root, "pyproject.toml");
        expect(after.match(/^pytest\b/gm)).toEqual(["pytest"]);
        expect(after).toContain(
          '[tool.poetry.group.dev.dependencies]\npytest = "^7.4"\ndagger-io = "^0.21.9"\n',
        );
        expect(after).not.toContain("[dependency-groups]");
        expect(run.stdout).toContain("Updated poetry.lock with `poetry lock`");
        expect(run.stdout).toMatch(/Next steps:\n\s+poetry install --with dev\n/);
        expectOk(tool(root, "poetry", "check", "--lock"));
        expect(read(root, "poetry.lock")).toMatch(/name = "dagger-io"\nversion = "0\.21\.\d+"/);
        expect(read(root, "poetry.lock")).toMatch(/name = "pytest"\nversion = "7\.4\.\d+"/);
        expectOk(tool(root, "poetry", "lock"));
      } finally {
        removeProject(root);
      }
    });
  });

  it("stops at a Poetry requirement no generated test can run with, and --force keeps it", () => {
    const root = writeProject({ "pyproject.toml": POETRY_1_STYLE.replace('"^7.4"', '"^6.2"') });
    try {
      const before = read(root, "pyproject.toml");
      const stopped = create(root);
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain(
        'pyproject.toml [tool.poetry.group.dev.dependencies]: pytest = "^6.2" allows no version the generated tests run on (pytest>=7.0.1,<10)',
      );
      expect(stopped.stderr).toContain("--force");
      expect(read(root, "pyproject.toml")).toBe(before);
      expectOk(create(root, "--force"));
      expect(read(root, "pyproject.toml")).toContain('pytest = "^6.2"\ndagger-io = "^0.21.9"');
      expectOk(tool(root, "poetry", "lock"));
      expectOk(tool(root, "poetry", "check", "--lock"));
    } finally {
      removeProject(root);
    }
  });

  describe("a uv project with uv.lock and [dependency-groups]", () => {
    const pyproject = [
      "[project]",
      'name = "shop"',
      'version = "0.1.0"',
      'requires-python = ">=3.11"',
      "dependencies = []",
      "",
      "[dependency-groups]",
      'dev = ["pytest>=8"]',
      "",
    ].join("\n");

    it("gets uv.lock updated with `uv lock`, as `uv add --dev` would, and never on --dry-run", () => {
      const root = writeProject({ "pyproject.toml": pyproject });
      try {
        expectOk(tool(root, "uv", "lock"));
        const lock = read(root, "uv.lock");
        const dry = create(root, "--dry-run");
        expectOk(dry);
        expect(dry.stdout).toContain("After writing, `uv lock` would update uv.lock");
        expect(read(root, "uv.lock")).toBe(lock);
        const run = create(root);
        expectOk(run);
        expect(run.stdout).toContain("Updated uv.lock with `uv lock`");
        expectOk(tool(root, "uv", "lock", "--check"));
        expect(read(root, "uv.lock")).toContain('name = "dagger-io"');
        expect(run.stdout).toMatch(
          /Next steps:\n\s+uv sync\n\s+uv run python -m tests\.dagger_modules\.up\n/,
        );
        expect(read(root, ".github/workflows/dagger-stack.yml")).toContain("run: uv sync --locked");
      } finally {
        removeProject(root);
      }
    });

    it("without uv on PATH, says uv.lock is stale and puts `uv lock` first in the next steps", () => {
      const root = writeProject({ "pyproject.toml": pyproject });
      try {
        expectOk(tool(root, "uv", "lock"));
        const run = create_withoutTools(root);
        expectOk(run);
        expect(run.stderr).toContain("uv.lock is out of date: uv is not on PATH; run `uv lock` first.");
        expect(run.stdout).toMatch(/Next steps:\n\s+uv lock\n\s+uv sync\n/);
        expect(tool(root, "uv", "lock", "--check").code).not.toBe(0);
      } finally {
        removeProject(root);
      }
    });
  });

  it("a PDM project gets the dev group PDM installs from, and pdm.lock updated", () => {
    const pyproject =
      '[project]\nname = "shop"\nversion = "0.1.0"\nrequires-python = ">=3.11"\ndependencies = []\n\n[tool.pdm]\ndistribution = false\n';
    const root = writeProject({ "pyproject.toml": pyproject });
    try {
      expectOk(tool(root, "pdm", "lock"));
      const run = create(root);
      expectOk(run);
      expect(run.stdout).toContain("Updated pdm.lock with `pdm lock --update-reuse -G :all`");
      expectOk(tool(root, "pdm", "lock", "--check"));
      expect(read(root, "pdm.lock")).toMatch(/groups = \["default", "dev"\]/);
      expect(read(root, "pdm.lock")).toContain('name = "dagger-io"');
    } finally {
      removeProject(root);
    }
  });

  it("a Hatch project's environment lists the stack's dev dependencies", () => {
    const pyproject = [
      "[project]",
      'name = "shop"',
      'version = "0.1.0"',
      "",
      "[build-system]",
      'requires = ["hatchling"]',
      'build-backend = "hatchling.build"',
      "",
      "[tool.hatch.envs.default]",
      'dependencies = ["pytest>=8"]',
      "",
    ].join("\n");
    const root = writeProject({ "pyproject.toml": pyproject });
    try {
      const run = create(root);
      expectOk(run);
      expect(run.stdout).toMatch(
        /Next steps:\n\s+hatch env create\n\s+hatch run python -m tests\.dagger_modules\.up\n/,
      );
      const shown = tool(root, "hatch", "env", "show", "--json");
      expectOk(shown);
      const envs = JSON.parse(shown.stdout) as Record<string, { dependencies?: string[] }>;
      expect(envs.default?.dependencies).toEqual(
        expect.arrayContaining([
          "pytest>=8",
          "dagger-io==0.21.9",
          "anyio==4.16.0",
          "asyncpg==0.32.0",
          "redis==8.1.0",
        ]),
      );
    } finally {
      removeProject(root);
    }
  });

  it("a pip-tools project gets requirements-dev.in edited and requirements-dev.txt compiled from it", () => {
    const root = writeProject({ "requirements-dev.in": "pytest>=8\n" });
    try {
      expectOk(tool(root, "pip-compile", "--quiet", "requirements-dev.in"));
      const run = create(root);
      expectOk(run);
      expect(read(root, "requirements-dev.in")).toBe(
        "pytest>=8\ndagger-io>=0.21.9,<0.22\nanyio>=4.16.0,<5\nasyncpg>=0.32.0,<1\nredis>=8.1.0,<9\n",
      );
      expect(run.stdout).toContain("Updated requirements-dev.txt with `pip-compile requirements-dev.in`");
      expect(read(root, "requirements-dev.txt")).toMatch(/^dagger-io==0\.21\.\d+$/m);
      expect(run.stdout).toMatch(
        /Next steps:\n\s+python3 -m venv \.venv\n\s+\.venv\/bin\/python -m pip install -r requirements-dev\.txt\n/,
      );
    } finally {
      removeProject(root);
    }
  });
});

/** A uv workspace: the root's pyproject.toml names the members, the one uv.lock is at the root. */
const UV_WORKSPACE = {
  "pyproject.toml": [
    "[project]",
    'name = "acme"',
    'version = "0.1.0"',
    'requires-python = ">=3.11"',
    "dependencies = []",
    "",
    "[tool.uv.workspace]",
    'members = ["packages/*"]',
    "",
  ].join("\n"),
  "packages/api/pyproject.toml": [
    "[project]",
    'name = "acme-api"',
    'version = "0.1.0"',
    'requires-python = ">=3.11"',
    "dependencies = []",
    "",
  ].join("\n"),
};

interface Workflow {
  on: { push: { paths: string[] }; pull_request: { paths: string[] } };
  jobs: { test: { defaults: { run: { "working-directory": string } }; steps: Record<string, unknown>[] } };
}

describe.skipIf(missing !== undefined)("create in a member of a uv workspace", () => {
  it("puts the workflow at the repository root, run in the member, and locks at the workspace root", () => {
    const root = writeProject(UV_WORKSPACE);
    try {
      mkdirSync(join(root, ".git"));
      expectOk(tool(root, "uv", "lock"));
      const api = join(root, "packages/api");
      const run = create(api);
      expectOk(run);
      expect(run.stdout).toContain("Updated ../../uv.lock with `uv lock`");
      expect(existsSync(join(api, "uv.lock"))).toBe(false);
      expectOk(tool(root, "uv", "lock", "--check"));
      expect(read(root, "uv.lock")).toContain('name = "dagger-io"');
      expect(read(api, "pyproject.toml")).toMatch(/\[dependency-groups\]\ndev = \[\n\s+"dagger-io[>=]/);
      expect(run.stdout).toMatch(/Next steps:\n\s+uv sync\n/);

      expect(existsSync(join(api, ".github"))).toBe(false);
      const path = ".github/workflows/dagger-stack-packages-api.yml";
      const workflow = parseYaml(read(root, path)) as Workflow;
      const paths = ["packages/api/**", path, "uv.lock"];
      expect(workflow.on.push.paths).toEqual(paths);
      expect(workflow.on.pull_request.paths).toEqual(paths);
      expect(workflow.jobs.test.defaults.run["working-directory"]).toBe("packages/api");
      const install = workflow.jobs.test.steps.find((step) => step.name === "Install dependencies");
      expect(install).toEqual({ name: "Install dependencies", run: "uv sync --locked" });
      expect(workflow.jobs.test.steps.at(-1)?.with).toMatchObject({ workdir: "packages/api" });
      expect(read(api, "docs/dagger-stack.md")).toContain(`\`${path}\``);

      // What the workflow's install step runs, in the member: uv takes the lock as it is and installs the stack's tests' dependencies.
      expectOk(tool(api, "uv", "sync", "--locked"));
      expectOk(tool(api, "uv", "run", "python", "-c", "import dagger, pytest"));
    } finally {
      removeProject(root);
    }
  });
});
