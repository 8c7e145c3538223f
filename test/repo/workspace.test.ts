import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { ensureBuilt, runCli } from "../cli/support/built-cli.js";
import { json, repository } from "./support.js";

/**
 * Issue 8, point 4: create in `packages/api` of a pnpm workspace. The package manager is pnpm; the CI
 * workflow goes to the repository's root (the only place GitHub runs workflows from), runs in the
 * package and only for changes to it; nothing is written outside the repository.
 */
const WORKSPACE = {
  "repo/.git/": "",
  "repo/package.json": json({ name: "monorepo", private: true }),
  "repo/pnpm-workspace.yaml": "packages:\n  - packages/*\n",
  "repo/pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
  "repo/packages/api/package.json": json({ name: "@acme/api", version: "1.0.0" }),
  "repo/packages/web/package.json": json({ name: "@acme/web", version: "1.0.0" }),
};

interface Workflow {
  on: { push: { paths: string[] }; pull_request: { paths: string[] } };
  jobs: {
    test: {
      defaults: { run: { "working-directory": string } };
      steps: { name?: string; run?: string; "working-directory"?: string; with?: Record<string, string> }[];
    };
  };
}

const read = (path: string) => readFileSync(path, "utf8");

describe("create in a package of a pnpm workspace", () => {
  beforeAll(ensureBuilt);

  it("says pnpm, and puts one workflow per package at the repository root, run in the package", () => {
    const outer = repository(WORKSPACE);
    const repo = join(outer, "repo");
    const api = runCli(["--services", "postgres", "--yes"], { cwd: join(repo, "packages/api") });
    expect(api.code, api.stderr).toBe(0);
    expect(api.stdout).toContain("  pnpm install\n  pnpm run stack:up\n  dagger run pnpm run test:stack");
    expect(api.stdout).toContain("create ../../.github/workflows/dagger-stack-packages-api.yml");

    expect(readdirSync(outer)).toEqual(["repo"]);
    expect(existsSync(join(repo, "packages/api/.github"))).toBe(false);
    const workflow = parseYaml(
      read(join(repo, ".github/workflows/dagger-stack-packages-api.yml")),
    ) as Workflow;
    const paths = ["packages/api/**", ".github/workflows/dagger-stack-packages-api.yml", "pnpm-lock.yaml"];
    expect(workflow.on.push.paths).toEqual(paths);
    expect(workflow.on.pull_request.paths).toEqual(paths);
    const { defaults, steps } = workflow.jobs.test;
    expect(defaults.run["working-directory"]).toBe("packages/api");
    const install = steps.find((step) => step.name === "Install dependencies");
    expect(install).toMatchObject({
      "working-directory": ".",
      run: "pnpm install --frozen-lockfile",
    });
    expect(steps.find((step) => step.name === "Check the stack")?.run).toBe("pnpm run stack:typecheck");
    expect(steps.at(-1)?.with).toMatchObject({
      workdir: "packages/api",
      args: expect.stringMatching(/^pnpm run test:stack/),
    });

    const web = runCli(["--services", "redis", "--yes"], { cwd: join(repo, "packages/web") });
    expect(web.code, web.stderr).toBe(0);
    expect(readdirSync(join(repo, ".github/workflows")).sort()).toEqual([
      "dagger-stack-packages-api.yml",
      "dagger-stack-packages-web.yml",
    ]);
  });

  it("the same from the repository root, naming the package; a second run changes nothing", () => {
    const repo = join(repository(WORKSPACE), "repo");
    const first = runCli(["packages/api", "--services", "postgres", "--yes"], { cwd: repo });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("cd packages/api\n  pnpm install");
    expect(existsSync(join(repo, ".github/workflows/dagger-stack-packages-api.yml"))).toBe(true);
    const again = runCli(["--services", "postgres", "--yes"], { cwd: join(repo, "packages/api") });
    expect(again.stdout).toContain("Nothing to change");
  });

  it("add in the package keeps to the same root: the workflow gains the new matrix entry", () => {
    const repo = join(repository(WORKSPACE), "repo");
    const cwd = join(repo, "packages/api");
    const matrix = ["--services", "postgres,mysql", "--matrix", "db=postgres,mysql", "--yes"];
    expect(runCli(matrix, { cwd }).code).toBe(0);
    const added = runCli(["add", "mariadb", "--matrix", "db", "--yes"], { cwd });
    expect(added.code, added.stderr).toBe(0);
    const workflow = read(join(repo, ".github/workflows/dagger-stack-packages-api.yml"));
    expect(workflow).toContain("- db=mariadb");
  });

  it("GitLab: the job file at the root, included from the root's pipeline, run in the package", () => {
    const repo = join(repository(WORKSPACE), "repo");
    const result = runCli(["--services", "postgres", "--ci", "gitlab", "--yes"], {
      cwd: join(repo, "packages/api"),
    });
    expect(result.code, result.stderr).toBe(0);
    expect(parseYaml(read(join(repo, ".gitlab-ci.yml")))).toEqual({
      include: [{ local: ".gitlab/dagger-stack-packages-api.yml" }],
    });
    const jobs = parseYaml(read(join(repo, ".gitlab/dagger-stack-packages-api.yml")));
    const job = jobs["dagger-stack-packages-api"];
    expect(job.rules).toEqual([
      { changes: ["packages/api/**/*", ".gitlab/dagger-stack-packages-api.yml", "pnpm-lock.yaml"] },
    ]);
    const tools = job.before_script.findIndex((line: string) => line.includes("/usr/local/bin dagger")) + 1;
    expect(job.before_script.slice(tools)).toEqual([
      expect.stringMatching(/^npm install --global pnpm@\d+\.\d+\.\d+$/),
      "pnpm install --frozen-lockfile",
      "cd packages/api",
      "pnpm run stack:typecheck",
    ]);
  });
});

describe("the default project name (issue 8, point 8)", () => {
  beforeAll(ensureBuilt);

  const specName = (root: string) => JSON.parse(read(join(root, "dagger-stack.json"))).spec.name;

  it.each([
    [
      "package.json's name without its scope",
      { "package.json": json({ name: "@acme/web-shop" }) },
      "web-shop",
    ],
    ["pyproject.toml's [project] name", { "pyproject.toml": '[project]\nname = "billing"\n' }, "billing"],
    [
      "the folder's name when the manifests have none",
      { "package.json": json({ private: true }) },
      "my-folder",
    ],
  ])("%s", (_, layout, expected) => {
    const outer = repository(
      Object.fromEntries(Object.entries(layout).map(([path, text]) => [`my-folder/${path}`, text])),
    );
    const root = join(outer, "my-folder");
    const result = runCli(["--services", "redis", "--yes"], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(specName(root)).toBe(expected);
  });
});

describe(".gitignore in a package of a workspace (only what the repository does not ignore already)", () => {
  beforeAll(ensureBuilt);

  it("no .gitignore in the package when the root's already ignores node_modules at every depth", () => {
    const repo = join(repository({ ...WORKSPACE, "repo/.gitignore": "node_modules/\ndist\n" }), "repo");
    const result = runCli(["--services", "postgres", "--yes"], { cwd: join(repo, "packages/api") });
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(repo, "packages/api/.gitignore"))).toBe(false);
    expect(read(join(repo, ".gitignore"))).toBe("node_modules/\ndist\n");
  });

  it("a root entry anchored to the root does not cover the package: the package's own gets the entry", () => {
    const repo = join(repository({ ...WORKSPACE, "repo/.gitignore": "/node_modules\n" }), "repo");
    const result = runCli(["--services", "postgres", "--yes"], { cwd: join(repo, "packages/api") });
    expect(result.code, result.stderr).toBe(0);
    expect(read(join(repo, "packages/api/.gitignore"))).toBe("node_modules/\n");
  });

  it("Python in a uv workspace: the package's .gitignore gets only what the root's leaves out", () => {
    const repo = join(
      repository({
        "repo/.git/": "",
        "repo/.gitignore": "# Python\n.venv\n**/__pycache__/\n",
        "repo/pyproject.toml": '[project]\nname = "acme"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
        "repo/packages/api/pyproject.toml": '[project]\nname = "acme-api"\nversion = "0.1.0"\n',
        "repo/packages/api/.gitignore": "*.egg-info/\n",
      }),
      "repo",
    );
    const api = join(repo, "packages/api");
    const result = runCli(["--services", "redis", "--yes"], { cwd: api });
    expect(result.code, result.stderr).toBe(0);
    expect(read(join(api, ".gitignore"))).toBe("*.egg-info/\n# create-dagger-stack\n.pytest_cache/\n");
    expect(runCli(["--services", "redis", "--yes"], { cwd: api }).stdout).toContain("Nothing to change");
  });
});
