import { describe, expect, it } from "vitest";
import { ignores } from "../../src/plan/gitignore.js";

/** Whether a .gitignore ignores a folder, as git reads it: [patterns, the folder from the .gitignore's, ignored]. */
const CASES: [string, string, boolean][] = [
  ["node_modules/", "node_modules", true],
  ["node_modules", "packages/api/node_modules", true],
  ["node_modules/", "packages/api/node_modules", true],
  ["/node_modules", "node_modules", true],
  ["/node_modules", "packages/api/node_modules", false],
  ["**/node_modules", "packages/api/node_modules", true],
  ["packages/*/node_modules/", "packages/api/node_modules", true],
  ["packages/web/node_modules/", "packages/api/node_modules", false],
  [".venv\n!packages/api/.venv", "packages/api/.venv", false],
  ["!.venv\n.venv", "packages/api/.venv", true],
  ["# .venv\n\n", ".venv", false],
  ["*cache*/", ".pytest_cache", true],
  ["node_modules/**", "node_modules", false],
];

describe("ignores", () => {
  it.each(CASES)("%j ignores %s: %s", (text, path, ignored) => {
    expect(ignores(text, path)).toBe(ignored);
  });
});
