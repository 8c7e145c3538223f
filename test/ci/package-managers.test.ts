import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { readProject } from "../../src/project/index.js";
import { PACKAGE_MANAGER_VERSIONS } from "../../src/render/ci/pins.js";
import { type Layout, repository } from "../repo/support.js";
import { createIn, json, type Step, stepUsing, workflowSteps } from "./support.js";

/**
 * Issue 12, point 4: pnpm comes from pnpm/action-setup and bun from oven-sh/setup-bun, pinned by commit,
 * with their caches; yarn berry installs with --immutable. The package manager, its pinned version and
 * yarn's generation come from the project picture, read from a real layout.
 */
const pkg = (fields: object = {}) => json({ name: "shop", ...fields });

function github(layout: Layout, folder = "") {
  const generated = createIn(layout, {}, folder);
  const path = `.github/workflows/dagger-stack${folder ? `-${folder.replace("/", "-")}` : ""}.yml`;
  const text = generated.read(path);
  const steps = workflowSteps(text);
  const install = steps.find((step) => step.name === "Install dependencies") as Step;
  return { text, steps, install: install.run?.split("\n") ?? [], installStep: install };
}

function gitlab(layout: Layout): string[] {
  const jobs = parseYaml(createIn(layout, { ci: "gitlab" }).read(".gitlab/dagger-stack.yml"));
  return (jobs["dagger-stack"] as { before_script: string[] }).before_script;
}

const index = (steps: Step[], action: string) =>
  steps.findIndex((step) => step.uses?.startsWith(`${action}@`));

describe("the project picture", () => {
  it.each([
    ["packageManager yarn 4", { "package.json": pkg({ packageManager: "yarn@4.5.3" }) }, true],
    [
      "packageManager yarn 1, even beside a .yarnrc.yml",
      { "package.json": pkg({ packageManager: "yarn@1.22.22" }), ".yarnrc.yml": "" },
      false,
    ],
    [
      "a .yarnrc.yml beside yarn.lock",
      { "package.json": pkg(), "yarn.lock": "", ".yarnrc.yml": "nodeLinker: node-modules\n" },
      true,
    ],
    ["yarn.lock alone", { "package.json": pkg(), "yarn.lock": "" }, false],
  ])("tells yarn berry from yarn 1: %s", (_, layout, berry) => {
    const picture = readProject(repository(layout));
    expect(picture.packageManager.name).toBe("yarn");
    expect(picture.packageManager.yarnBerry).toBe(berry);
  });

  it("records the version `packageManager` pins and the package.json that pins it, from the root", () => {
    const root = repository({
      ".git/": "",
      "package.json": pkg({ packageManager: "pnpm@9.12.0+sha512.abc" }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "packages/api/package.json": json({ name: "api" }),
    });
    expect(readProject(`${root}/packages/api`).packageManager).toMatchObject({
      name: "pnpm",
      declared: { version: "9.12.0+sha512.abc", packageJson: "package.json" },
    });
  });
});

describe("GitHub: pnpm", () => {
  it("sets pnpm up with its pinned action before setup-node, which caches its store", () => {
    const { text, steps, install } = github({ "package.json": pkg(), "pnpm-lock.yaml": "" });
    const pnpm = stepUsing(steps, "pnpm/action-setup");
    expect(pnpm?.with).toEqual({ version: PACKAGE_MANAGER_VERSIONS.pnpm });
    expect(index(steps, "pnpm/action-setup")).toBeLessThan(index(steps, "actions/setup-node"));
    expect(stepUsing(steps, "actions/setup-node")?.with?.cache).toBe("pnpm");
    expect(install).toEqual(["pnpm install --frozen-lockfile"]);
    expect(text).toMatch(/uses: pnpm\/action-setup@[0-9a-f]{40} # v\d+\.\d+\.\d+\n/);
  });

  it("lets the action read `packageManager` (it refuses a second version beside it)", () => {
    const { steps } = github({
      "package.json": pkg({ packageManager: "pnpm@9.12.0" }),
      "pnpm-lock.yaml": "",
    });
    expect(stepUsing(steps, "pnpm/action-setup")).not.toHaveProperty("with");
  });

  it("in a workspace package: caches by the root's lockfile and points the action at the package.json that pins", () => {
    const { steps, installStep } = github(
      {
        ".git/": "",
        "package.json": json({ name: "mono", private: true }),
        "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
        "pnpm-lock.yaml": "",
        "packages/api/package.json": json({ name: "api", packageManager: "pnpm@10.0.0" }),
      },
      "packages/api",
    );
    expect(stepUsing(steps, "pnpm/action-setup")?.with).toEqual({
      package_json_file: "packages/api/package.json",
    });
    expect(stepUsing(steps, "actions/setup-node")?.with).toMatchObject({
      cache: "pnpm",
      "cache-dependency-path": "pnpm-lock.yaml",
    });
    expect(installStep["working-directory"]).toBe(".");
  });
});

describe("GitHub: bun", () => {
  it("sets bun up with its pinned action and caches bun's packages by the lockfile", () => {
    const { text, steps, install } = github({ "package.json": pkg(), "bun.lock": "" });
    expect(stepUsing(steps, "oven-sh/setup-bun")?.with).toEqual({
      "bun-version": PACKAGE_MANAGER_VERSIONS.bun,
    });
    const cache = stepUsing(steps, "actions/cache");
    expect(cache?.with).toMatchObject({ path: "~/.bun/install/cache" });
    expect(cache?.with?.key).toContain("hashFiles('bun.lock')");
    expect(index(steps, "actions/cache")).toBeLessThan(
      steps.findIndex((step) => step.name === "Install dependencies"),
    );
    expect(install).toEqual(["bun install --frozen-lockfile"]);
    for (const action of ["oven-sh/setup-bun", "actions/cache"])
      expect(text).toMatch(new RegExp(`uses: ${action}@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+\\n`));
  });

  it("takes bun's version from `packageManager` when package.json pins one", () => {
    const { steps } = github({ "package.json": pkg({ packageManager: "bun@1.2.0" }), "bun.lock": "" });
    expect(stepUsing(steps, "oven-sh/setup-bun")?.with).toEqual({ "bun-version-file": "package.json" });
  });
});

describe("GitHub: yarn and npm", () => {
  it.each([
    [
      "yarn berry by packageManager",
      { "package.json": pkg({ packageManager: "yarn@4.5.3" }), "yarn.lock": "" },
      "yarn install --immutable",
    ],
    [
      "yarn berry by .yarnrc.yml",
      { "package.json": pkg(), "yarn.lock": "", ".yarnrc.yml": "" },
      "yarn install --immutable",
    ],
    ["yarn 1", { "package.json": pkg(), "yarn.lock": "" }, "yarn install --frozen-lockfile"],
  ])("%s: corepack, then %s", (_, layout, command) => {
    const { install } = github(layout);
    expect(install).toEqual([
      `npm install --global corepack@${PACKAGE_MANAGER_VERSIONS.corepack}`,
      "corepack enable",
      command,
    ]);
  });

  it("npm: setup-node caches npm's store, npm ci installs", () => {
    const { steps, install } = github({ "package.json": pkg(), "package-lock.json": "{}" });
    expect(stepUsing(steps, "actions/setup-node")?.with?.cache).toBe("npm");
    expect(install).toEqual(["npm ci"]);
  });
});

describe("GitLab: the package manager on a node image", () => {
  const tail = (script: string[]) =>
    script.slice(script.findIndex((line) => line.includes("/usr/local/bin dagger")) + 1);

  it.each([
    [
      "pnpm",
      { "package.json": pkg(), "pnpm-lock.yaml": "" },
      [`npm install --global pnpm@${PACKAGE_MANAGER_VERSIONS.pnpm}`, "pnpm install --frozen-lockfile"],
    ],
    [
      "pnpm pinned with corepack's hash",
      { "package.json": pkg({ packageManager: "pnpm@9.12.0+sha512.abc" }) },
      ["npm install --global pnpm@9.12.0", "pnpm install --frozen-lockfile"],
    ],
    [
      "bun",
      { "package.json": pkg(), "bun.lock": "" },
      [`npm install --global bun@${PACKAGE_MANAGER_VERSIONS.bun}`, "bun install --frozen-lockfile"],
    ],
    [
      "yarn berry",
      { "package.json": pkg({ packageManager: "yarn@4.5.3" }) },
      [
        `npm install --global corepack@${PACKAGE_MANAGER_VERSIONS.corepack}`,
        "corepack enable",
        "yarn install --immutable",
      ],
    ],
  ])("%s", (_, layout, commands) => {
    expect(tail(gitlab(layout)).slice(0, commands.length)).toEqual(commands);
  });
});
