import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/support/built-cli.js";
import { json, linkPackages, repository, runNode, runTool } from "./support.js";

/**
 * Issue 8, point 1: a TypeScript repository with its own vitest tests (no vitest config) and a root
 * tsconfig using `moduleResolution: node` without `include`. After create, the user's `vitest run` and
 * `tsc --noEmit` behave exactly as before, and the stack's own config still collects the stack's tests.
 */
const VITEST = "vitest/vitest.mjs";
const TSC = "typescript/bin/tsc";

const TSCONFIG = `{
  // The shop's own settings: older module resolution, everything under the folder compiled.
  "compilerOptions": {
    "target": "ES2020",
    "module": "commonjs",
    "moduleResolution": "node",
    "ignoreDeprecations": "6.0",
    "strict": true,
    "skipLibCheck": true,
    "noEmit": true,
    "types": [],
  },
}
`;

function shop(): string {
  const root = repository({
    "package.json": json({
      name: "@acme/shop",
      private: true,
      scripts: { test: "vitest run", typecheck: "tsc --noEmit" },
      devDependencies: { typescript: "6.0.3", vitest: "4.1.12" },
    }),
    "src/sum.ts": "export const sum = (a: number, b: number): number => a + b;\n",
    "tests/sum.test.ts":
      'import { expect, test } from "vitest";\nimport { sum } from "../src/sum";\n\ntest("adds", () => {\n  expect(sum(1, 2)).toBe(3);\n});\n',
    "tsconfig.json": TSCONFIG,
  });
  linkPackages(root, ["vitest", "typescript"]);
  return root;
}

/** The test files a vitest run would collect, by config (vitest's own API: no global setup runs). */
function collected(root: string, config?: string): string[] {
  const script = `
    import { createVitest } from "vitest/node";
    const vitest = await createVitest("test", { watch: false${config ? `, config: ${JSON.stringify(config)}` : ""} });
    const specs = await vitest.globTestSpecifications();
    console.log(JSON.stringify(specs.map((spec) => spec.moduleId.slice(process.cwd().length + 1)).sort()));
    await vitest.close();
  `;
  writeFileSync(join(root, "collect.mjs"), script);
  const { code, output } = runNode(root, join(root, "collect.mjs"), []);
  expect(code, output).toBe(0);
  return JSON.parse(output.trim().split("\n").at(-1) ?? "[]") as string[];
}

describe("create in a TypeScript repository with vitest and a root tsconfig", () => {
  beforeAll(ensureBuilt);

  it("leaves `vitest run` and `tsc --noEmit` as they were; test:stack still has the stack's tests", () => {
    const root = shop();
    const before = [runTool(root, VITEST, ["run"]), runTool(root, TSC, ["--noEmit", "-p", "."])];
    for (const { code, output } of before) expect(code, output).toBe(0);

    const created = runCli(["--services", "postgres,redis", "--yes"], { cwd: root });
    expect(created.code, created.stderr).toBe(0);

    expect(collected(root)).toEqual(["tests/sum.test.ts"]);
    const run = runTool(root, VITEST, ["run"]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/Test Files\s+1 passed \(1\)/);

    const tsc = runTool(root, TSC, ["--noEmit", "-p", "."]);
    expect(tsc.code, tsc.output).toBe(0);
    const tsconfig = readFileSync(join(root, "tsconfig.json"), "utf8");
    expect(tsconfig).toContain("// The shop's own settings");
    expect(tsconfig.replace(/\s/g, "")).toContain(
      '"exclude":["node_modules","bower_components","jspm_packages","stack","tests/stack","vitest.stack.config.mts"]',
    );

    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.scripts.test).toBe("vitest run");
    expect(pkg.scripts["test:stack"]).toBe("vitest run --config vitest.stack.config.mts");
    expect(collected(root, "vitest.stack.config.mts")).toEqual([
      "tests/stack/smoke/postgres.stack.ts",
      "tests/stack/smoke/redis.stack.ts",
    ]);
  });

  it("edits nothing of a tsconfig that does not take the stack in, and a second create changes nothing", () => {
    const root = shop();
    const narrow = TSCONFIG.replace(
      '    "types": [],\n  },\n',
      '    "types": [],\n  },\n  "include": ["src"],\n',
    );
    writeFileSync(join(root, "tsconfig.json"), narrow);
    expect(runCli(["--services", "postgres", "--yes"], { cwd: root }).code).toBe(0);
    expect(readFileSync(join(root, "tsconfig.json"), "utf8")).toBe(narrow);
    const again = runCli(["--services", "postgres", "--yes"], { cwd: root });
    expect(again.stdout).toContain("Nothing to change");
  });
});
