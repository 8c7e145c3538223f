import { describe, expect, it } from "vitest";
import { DAGGER_VERSION } from "../../src/render/ci/pins.js";
import { createIn, json } from "./support.js";

/**
 * Issue 12, point 4: the generated doc explains Dagger Cloud's token and a shared engine, and how a team
 * runs the stack tests on one engine instead of each laptop, with the security note.
 */
const PROJECTS = {
  typescript: { layout: { "package.json": json({ name: "shop" }) }, test: "npm run test:stack" },
  python: {
    layout: { "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n' },
    test: ".venv/bin/python -m pytest tests -m stack",
  },
};

describe.each(Object.entries(PROJECTS))("docs/dagger-stack.md in a %s project", (language, project) => {
  const doc = (ci: string) => createIn(project.layout, { language, ci }).read("docs/dagger-stack.md");

  it("tells how to send traces to Dagger Cloud, locally and from GitHub's secrets", () => {
    const text = doc("github");
    expect(text).toContain("## Dagger Cloud and a shared engine");
    expect(text).toContain("`export DAGGER_CLOUD_TOKEN=<token>`");
    expect(text).toMatch(/repository secret named `DAGGER_CLOUD_TOKEN`[\s\S]*`cloud-token`/);
  });

  it("shows a team how to run the stack tests on one shared engine, and what that address points at", () => {
    const text = doc("github");
    expect(text).toContain(`registry.dagger.io/engine:v${DAGGER_VERSION} --addr tcp://0.0.0.0:1234`);
    expect(text).toContain("export _EXPERIMENTAL_DAGGER_RUNNER_HOST=tcp://<engine-host>:1234");
    expect(text).toContain(`dagger run ${project.test}`);
    expect(text).toMatch(/repository variable named `_EXPERIMENTAL_DAGGER_RUNNER_HOST`/);
  });

  it("warns that the shared engine is privileged and its tcp:// port unauthenticated", () => {
    const text = doc("github");
    expect(text).toMatch(/\*\*Security\.\*\* The engine runs privileged/);
    expect(text).toMatch(/`tcp:\/\/`\s+has neither authentication nor encryption/);
  });

  it("speaks of GitLab's CI/CD variables on GitLab, and of no CI without one", () => {
    const gitlab = doc("gitlab");
    expect(gitlab).toMatch(/masked CI\/CD variable named `DAGGER_CLOUD_TOKEN`/);
    expect(gitlab).toMatch(/CI\/CD variable named `_EXPERIMENTAL_DAGGER_RUNNER_HOST`/);
    expect(gitlab).not.toContain("GitHub Actions");
    const none = doc("none");
    expect(none).toContain("export _EXPERIMENTAL_DAGGER_RUNNER_HOST");
    expect(none).not.toMatch(/GitHub Actions|GitLab CI/);
  });
});
