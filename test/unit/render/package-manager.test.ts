import { describe, expect, it } from "vitest";
import { ciInstallCommands, runScript, setupNodeCache } from "../../../src/render/package-manager.js";

describe("commands in the project's package manager", () => {
  it.each([
    ["npm", "npm run test:stack -- --project smoke"],
    ["pnpm", "pnpm run test:stack --project smoke"],
    ["yarn", "yarn run test:stack --project smoke"],
    ["bun", "bun run test:stack --project smoke"],
  ] as const)("%s passes script arguments its own way", (pm, expected) => {
    expect(runScript(pm, "test:stack", "--project smoke")).toBe(expected);
  });

  it("installs from the lockfile on CI, enabling corepack for pnpm and yarn", () => {
    expect(ciInstallCommands("npm")).toEqual(["npm ci"]);
    expect(ciInstallCommands("pnpm")).toEqual(["corepack enable", "pnpm install --frozen-lockfile"]);
    expect(ciInstallCommands("yarn")[0]).toBe("corepack enable");
    expect(ciInstallCommands("bun")[0]).toMatch(/^npm install --global bun@\d+\.\d+\.\d+$/);
  });

  it("lets setup-node cache only npm, the one manager on the runner before install", () => {
    expect(setupNodeCache("npm")).toBe("npm");
    expect(setupNodeCache("pnpm")).toBeUndefined();
  });
});
