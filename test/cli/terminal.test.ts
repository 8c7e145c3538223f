import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nextSteps } from "../../src/cli/changes/next-steps.js";
import { colorEnabled } from "../../src/cli/colors.js";
import { isInteractive } from "../../src/cli/interactive.js";
import { readProject } from "../../src/project/index.js";
import { toolVersion } from "../../src/version.js";
import { usageProblems } from "../support/usage-error.js";

const tty = { isTTY: true } as NodeJS.WriteStream;
const pipe = { isTTY: false } as NodeJS.WriteStream;

describe("colorEnabled", () => {
  it.each([
    ["a terminal", tty, {}, true],
    ["a pipe", pipe, {}, false],
    ["NO_COLOR on a terminal", tty, { NO_COLOR: "1" }, false],
    ["an empty NO_COLOR", tty, { NO_COLOR: "" }, true],
    ["FORCE_COLOR on a pipe", pipe, { FORCE_COLOR: "1" }, true],
    ["FORCE_COLOR over NO_COLOR", pipe, { FORCE_COLOR: "1", NO_COLOR: "1" }, true],
    ["FORCE_COLOR=0 on a terminal", tty, { FORCE_COLOR: "0" }, false],
    ["TERM=dumb", tty, { TERM: "dumb" }, false],
  ])("%s", (_, stream, env, expected) => {
    expect(colorEnabled(stream, env)).toBe(expected);
  });
});

describe("isInteractive", () => {
  const both = { stdin: tty, stdout: tty };
  it.each([
    ["both TTYs", both, {}, undefined, true],
    ["stdin piped", { stdin: pipe, stdout: tty }, {}, undefined, false],
    ["CI set", both, { CI: "true" }, undefined, false],
    ["CI=false", both, { CI: "false" }, undefined, true],
    ["--interactive with stdin a TTY, stdout piped", { stdin: tty, stdout: pipe }, {}, true, true],
    ["--no-interactive on a TTY", both, {}, false, false],
  ])("%s", (_, streams, env, forced, expected) => {
    expect(isInteractive({ ...streams, env }, forced)).toBe(expected);
  });

  it("--interactive without a terminal on stdin is a usage error, not a cancelled run", () => {
    const problems = usageProblems(() => isInteractive({ stdin: pipe, stdout: tty, env: {} }, true));
    expect(problems).toEqual([
      expect.objectContaining({
        path: "--interactive",
        message: expect.stringContaining("stdin is not a terminal"),
      }),
    ]);
  });
});

describe("next steps", () => {
  const withLockfile = (file?: string) => {
    const dir = mkdtempSync(join(tmpdir(), "cds-pm-"));
    if (file) writeFileSync(join(dir, file), "");
    return dir;
  };

  it.each([
    ["yarn.lock", {}, "yarn"],
    ["bun.lock", { npm_config_user_agent: "pnpm/9.0.0 npm/? node/v20" }, "bun"],
    [undefined, { npm_config_user_agent: "pnpm/9.0.0 npm/? node/v20" }, "pnpm"],
    [undefined, { npm_config_user_agent: "something-else/1" }, "npm"],
    [undefined, {}, "npm"],
  ])("lockfile %s with %j → %s", (file, env, expected) => {
    const dir = withLockfile(file);
    const userAgent = (env as { npm_config_user_agent?: string }).npm_config_user_agent;
    expect(readProject(dir, userAgent).packageManager.name).toBe(expected);
    rmSync(dir, { recursive: true });
  });

  it("TypeScript: cd (quoted when needed), install, run scripts; tests go through dagger run", () => {
    expect(nextSteps("typescript", "pnpm", "my app", ["stack:up", "test:stack"])).toEqual([
      "cd 'my app'",
      "pnpm install",
      "pnpm run stack:up",
      "dagger run pnpm run test:stack",
    ]);
    expect(nextSteps("typescript", "npm", ".", ["stack:up"])).toEqual(["npm install", "npm run stack:up"]);
  });

  it("Python: the renderer's commands as they are", () => {
    const commands = ["python -m tests.dagger_modules.up", "dagger run python -m pytest tests"];
    expect(nextSteps("python", "npm", "app", commands)).toEqual(["cd app", ...commands]);
  });
});

describe("toolVersion", () => {
  it("is the version in package.json", async () => {
    const { default: pkg } = await import("../../package.json", { with: { type: "json" } });
    expect(toolVersion()).toBe(pkg.version);
  });
});
