import { describe, expect, it } from "vitest";
import { createIn, expr, json, stepUsing, workflowSteps } from "./support.js";

/**
 * Issue 12, point 4: the Dagger step of a generated GitHub workflow hands Dagger Cloud's token to the CLI
 * and honours a shared engine. dagger-for-github v8.4.1 runs `DAGGER_CLOUD_TOKEN=<cloud-token input>
 * dagger …`, so the token must come through `cloud-token`: the step's `env` would be overwritten by the
 * input's empty default.
 */
const PROJECTS = {
  "a TypeScript project": { layout: { "package.json": json({ name: "shop" }) }, spec: {}, folder: "" },
  "a Python project": {
    layout: { "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n' },
    spec: { language: "python" },
    folder: "",
  },
  "a package of a pnpm workspace": {
    layout: {
      ".git/": "",
      "package.json": json({ name: "mono", private: true }),
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
      "packages/api/package.json": json({ name: "@mono/api" }),
    },
    spec: {},
    folder: "packages/api",
  },
};

describe.each(Object.entries(PROJECTS))("the Dagger step in %s", (_, project) => {
  const generated = createIn(project.layout, project.spec, project.folder);
  const suffix = project.folder ? "-packages-api" : "";
  const dagger = stepUsing(
    workflowSteps(generated.read(`.github/workflows/dagger-stack${suffix}.yml`)),
    "dagger/dagger-for-github",
  );

  it("passes DAGGER_CLOUD_TOKEN from the repository's secrets as the action's cloud-token", () => {
    expect(dagger?.with?.["cloud-token"]).toBe(expr("secrets.DAGGER_CLOUD_TOKEN"));
    expect(dagger?.env ?? {}).not.toHaveProperty("DAGGER_CLOUD_TOKEN");
  });

  it("points the CLI at a shared engine when a repository variable or secret names one", () => {
    expect(dagger?.env?._EXPERIMENTAL_DAGGER_RUNNER_HOST).toBe(
      expr("vars._EXPERIMENTAL_DAGGER_RUNNER_HOST || secrets._EXPERIMENTAL_DAGGER_RUNNER_HOST"),
    );
  });
});
