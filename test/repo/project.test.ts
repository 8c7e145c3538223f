import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readProject, renderContextOf } from "../../src/project/index.js";
import { json, repository } from "./support.js";

const PNPM_WORKSPACE = {
  ".git/": "",
  "package.json": json({ name: "monorepo", private: true }),
  "pnpm-workspace.yaml": 'packages:\n  - "packages/*"\n  - "!packages/legacy"\n',
  "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
  "packages/api/package.json": json({ name: "@acme/api", devDependencies: { vitest: "^4.0.0" } }),
  "packages/legacy/package.json": json({ name: "legacy" }),
  ".github/workflows/lint.yml": "on: push\n",
  ".gitlab-ci.yml": "test: { script: [true] }\n",
};

describe("readProject: the picture of the project around the target", () => {
  it("a package of a pnpm workspace: repository root, workspace, pnpm from the root lockfile, its own name", () => {
    const root = repository(PNPM_WORKSPACE);
    const picture = readProject(join(root, "packages/api"));
    expect(picture).toMatchObject({
      root,
      stackFolder: "packages/api",
      gitRoot: root,
      workspace: { root, marker: "pnpm-workspace.yaml" },
      packageManager: { name: "pnpm", source: "lockfile", lockfile: "pnpm-lock.yaml" },
      name: "api",
      languages: ["typescript"],
      testRunners: ["vitest"],
      ci: [".github/workflows/lint.yml", ".gitlab-ci.yml"],
    });
    expect(renderContextOf(picture)).toEqual({
      packageManager: "pnpm",
      packageManagerSetup: {},
      layout: { stackFolder: "packages/api", installFolder: "", lockfile: "pnpm-lock.yaml" },
      pythonTool: { name: "pip" },
    });
  });

  it("a folder the workspace excludes is not a member: it installs on its own", () => {
    const root = repository(PNPM_WORKSPACE);
    const picture = readProject(join(root, "packages/legacy"), "npm/10.8.0 node/v20.19.0");
    expect(picture.workspace).toBeUndefined();
    expect(picture.packageManager).toEqual({ name: "npm", source: "user agent" });
    expect(picture).toMatchObject({ root, stackFolder: "packages/legacy" });
  });

  it("trusts packageManager over the lockfile, and the lockfile over the user agent", () => {
    const root = repository({
      "package.json": json({ name: "app", packageManager: "yarn@4.5.0+sha512.abc", workspaces: ["apps/*"] }),
      "package-lock.json": "{}",
      "yarn.lock": "",
      "apps/web/package.json": json({ name: "web" }),
    });
    const picture = readProject(join(root, "apps/web"), "pnpm/9.0.0 npm/? node/v20");
    expect(picture.packageManager).toEqual({
      name: "yarn",
      source: "packageManager",
      lockfile: "yarn.lock",
      declared: { version: "4.5.0+sha512.abc", packageJson: "package.json" },
      yarnBerry: true,
    });
    expect(picture.workspace).toEqual({ root, marker: "package.json workspaces" });
    expect(picture.root).toBe(root);
  });

  it.each([
    ["nx.json", "{}"],
    ["turbo.json", "{}"],
  ])("%s makes a workspace of every folder below it", (file, content) => {
    const root = repository({ ".git/": "", [file]: content, "libs/db/package.json": json({ name: "db" }) });
    expect(readProject(join(root, "libs/db")).workspace).toEqual({ root, marker: file });
  });

  it("a uv workspace takes its members in and leaves its exclusions out", () => {
    const pyproject =
      '[project]\nname = "root"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/seeds"]\n';
    const root = repository({
      ".git/": "",
      "pyproject.toml": pyproject,
      "uv.lock": "",
      "packages/api/pyproject.toml": '[project]\nname = "acme-api"\n',
      "packages/seeds/pyproject.toml": '[tool.poetry]\nname = "seeds"\n',
    });
    const api = readProject(join(root, "packages/api"));
    expect(api).toMatchObject({
      workspace: { root, marker: "uv workspace" },
      name: "acme-api",
      languages: ["python"],
    });
    expect(readProject(join(root, "packages/seeds"))).toMatchObject({ workspace: undefined, name: "seeds" });
  });

  it("a new folder below an unrelated git checkout is a project of its own; inside a workspace it is a package", () => {
    const home = repository({ ".git/": "", "notes.txt": "dotfiles" });
    expect(readProject(join(home, "code/new-app"))).toMatchObject({
      root: join(home, "code/new-app"),
      stackFolder: "",
    });
    const monorepo = repository(PNPM_WORKSPACE);
    expect(readProject(join(monorepo, "packages/new"))).toMatchObject({
      root: monorepo,
      stackFolder: "packages/new",
    });
  });

  it("a git worktree's .git file marks its root too", () => {
    const root = repository({ ".git": "gitdir: /elsewhere\n", "package.json": json({ name: "solo" }) });
    expect(readProject(root)).toMatchObject({ root, stackFolder: "", gitRoot: root, name: "solo" });
  });

  it("names: a generated stack's own, pyproject's [project] or Poetry's; none when the files have none", () => {
    expect(readProject(repository({ "pyproject.toml": "[project]\nname = 'svc'\n" })).name).toBe("svc");
    expect(readProject(repository({ "pyproject.toml": '[tool.poetry]\nname = "po"\n' })).name).toBe("po");
    expect(readProject(repository({ "package.json": "{ broken" })).name).toBeUndefined();
    const generated = {
      "dagger-stack.json": json({ spec: { name: "Shop" } }),
      "package.json": json({ name: "shop" }),
    };
    expect(readProject(repository(generated)).name).toBe("Shop");
  });

  it("test runners from dependencies and config files", () => {
    const root = repository({
      "package.json": json({ devDependencies: { jest: "29.7.0" } }),
      "vitest.config.ts": "",
      "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests']\n",
    });
    expect(readProject(root)).toMatchObject({
      testRunners: ["vitest", "jest", "pytest"],
      languages: ["typescript", "python"],
    });
  });

  it("the Python tool, typed: Poetry from its lock (and the version that wrote it), pip when nothing says", () => {
    const poetry = repository({
      "pyproject.toml": '[tool.poetry]\nname = "shop"\n',
      "poetry.lock":
        "# This file is automatically @generated by Poetry 2.1.3 and should not be changed by hand.\n",
    });
    expect(readProject(poetry).pythonTool).toEqual({
      name: "poetry",
      evidence: "poetry.lock",
      lockFile: "poetry.lock",
      lockedBy: "2.1.3",
    });
    expect(readProject(repository({ "requirements.txt": "" })).pythonTool).toEqual({ name: "pip" });
  });

  it("a member of a uv workspace is uv's, locked by the workspace root's uv.lock, whatever its own files say", () => {
    const root = repository({
      ".git/": "",
      "pyproject.toml": '[project]\nname = "root"\n\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
      "uv.lock": "",
      "packages/api/pyproject.toml": '[project]\nname = "acme-api"\n',
    });
    const picture = readProject(join(root, "packages/api"));
    expect(picture.pythonTool).toEqual({ name: "uv", evidence: "../../uv.lock", lockFile: "../../uv.lock" });
    expect(renderContextOf(picture).pythonTool).toEqual(picture.pythonTool);
    expect(readProject(root).pythonTool).toEqual({ name: "uv", evidence: "uv.lock", lockFile: "uv.lock" });
  });

  it("the .py files directly in tests/, for whether tests/ is a package; none without the folder", () => {
    const root = repository({
      "tests/test_prices.py": "",
      "tests/helpers.py": "",
      "tests/data.json": "",
      "tests/unit/test_cart.py": "",
    });
    expect(readProject(root).testModules).toEqual(["helpers.py", "test_prices.py"]);
    expect(renderContextOf(readProject(root)).testModules).toEqual(["helpers.py", "test_prices.py"]);
    expect(readProject(repository({ "pyproject.toml": "" })).testModules).toBeUndefined();
  });

  it("languages: a stack generated before speaks its own first, whatever else the folder has", () => {
    const python = { "dagger-stack.json": json({ spec: { language: "python" } }), "package.json": json({}) };
    expect(readProject(repository(python)).languages).toEqual(["python", "typescript"]);
    expect(readProject(repository({ "tsconfig.json": "{}" })).languages).toEqual(["typescript"]);
  });

  it("the .gitignore files above the target up to the root, nearest first, with the target's path from each", () => {
    const root = repository({
      ...PNPM_WORKSPACE,
      ".gitignore": "node_modules/\n",
      "packages/.gitignore": "*.log\n",
      "packages/api/.gitignore": "dist\n",
    });
    expect(readProject(join(root, "packages/api")).gitignoresAbove).toEqual([
      { toStack: "api", text: "*.log\n" },
      { toStack: "packages/api", text: "node_modules/\n" },
    ]);
    expect(readProject(root).gitignoresAbove).toEqual([]);
  });
});
