import { describe, expect, it } from "vitest";
import { runScript } from "../../../src/render/package-manager.js";

// How CI installs each package manager: test/ci/package-managers.test.ts.
describe("commands in the project's package manager", () => {
  it.each([
    ["npm", "npm run test:stack -- --project smoke"],
    ["pnpm", "pnpm run test:stack --project smoke"],
    ["yarn", "yarn run test:stack --project smoke"],
    ["bun", "bun run test:stack --project smoke"],
  ] as const)("%s passes script arguments its own way", (pm, expected) => {
    expect(runScript(pm, "test:stack", "--project smoke")).toBe(expected);
  });
});
