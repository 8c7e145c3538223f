import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { planCreate } from "../../src/plan/create.js";
import type { RepoLayout } from "../../src/render/ci/layout.js";
import type { RenderContext } from "../../src/render/context.js";
import { loadStack } from "../../src/spec/load.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { ROOT } from "../cli/support/built-cli.js";
import { repository } from "../repo/support.js";
import { fixtureSpec, fixtureSpecNames } from "../support/builders.js";

/**
 * Every GitHub workflow the generator can write parses as YAML and passes actionlint (built by
 * scripts/ci/actionlint.sh, which .ci/run calls): each example spec in TypeScript and Python, with each
 * package manager and yarn generation, pinned or not, at a repository's root and in a workspace package.
 */
const ACTIONLINT = process.env.ACTIONLINT ?? join(ROOT, ".cache", "tools", "bin", "actionlint");

const SETUPS: Record<string, Omit<RenderContext, "layout">> = {
  npm: { packageManager: "npm" },
  pnpm: { packageManager: "pnpm" },
  "pnpm-pinned": {
    packageManager: "pnpm",
    packageManagerSetup: { declared: { version: "9.12.0", packageJson: "package.json" } },
  },
  yarn: { packageManager: "yarn" },
  "yarn-berry": { packageManager: "yarn", packageManagerSetup: { yarnBerry: true } },
  bun: { packageManager: "bun" },
  "bun-pinned": {
    packageManager: "bun",
    packageManagerSetup: { declared: { version: "1.2.0", packageJson: "package.json" } },
  },
};

const LAYOUTS: Record<string, RepoLayout | undefined> = {
  root: undefined,
  package: { stackFolder: "packages/api", installFolder: "", lockfile: "pnpm-lock.yaml" },
};

function workflows(): Map<string, string> {
  const found = new Map<string, string>();
  for (const name of fixtureSpecNames()) {
    for (const language of ["typescript", "python"] as const) {
      // The Python renderer writes its workflow at the stack's root, whatever the layout.
      const setups = language === "python" ? { pip: SETUPS.npm } : SETUPS;
      const layouts = language === "python" ? { root: undefined } : LAYOUTS;
      for (const [setup, context] of Object.entries(setups)) {
        for (const [where, layout] of Object.entries(layouts)) {
          const spec = { ...(fixtureSpec(name) as object), language, ci: "github" };
          const root = new VirtualTree(memoryReader({}));
          const tree = layout ? root.at(layout.stackFolder) : root;
          planCreate(loadStack(spec), tree, "0.0.0", { ...context, layout } as RenderContext);
          for (const path of root.changes().map((change) => change.path))
            if (path.startsWith(".github/workflows/"))
              found.set(`${name}-${language}-${setup}-${where}.yml`, root.read(path) as string);
        }
      }
    }
  }
  return found;
}

describe("every generated GitHub workflow", () => {
  const all = workflows();

  it("covers each combination and parses as YAML", () => {
    const typescript = Object.keys(SETUPS).length * Object.keys(LAYOUTS).length;
    expect(all.size).toBe(fixtureSpecNames().length * (typescript + 1));
    for (const [file, text] of all) expect(() => parseYaml(text), file).not.toThrow();
  });

  const present = existsSync(ACTIONLINT);
  const missing = `actionlint is missing at ${ACTIONLINT}: run bash scripts/ci/actionlint.sh`;
  it.skipIf(!present && !process.env.CI)(
    `passes actionlint${present ? "" : ` (skipped: ${missing})`}`,
    () => {
      expect(present, missing).toBe(true);
      const folder = join(repository({}, "cds-actionlint-"), ".github", "workflows");
      mkdirSync(folder, { recursive: true });
      for (const [file, text] of all) writeFileSync(join(folder, file), text);
      const files = [...all.keys()].map((file) => join(folder, file));
      const result = spawnSync(
        ACTIONLINT,
        ["-no-color", "-oneline", "-shellcheck=", "-pyflakes=", ...files],
        {
          encoding: "utf8",
        },
      );
      expect(result.stdout + result.stderr, "actionlint's findings").toBe("");
      expect(result.status).toBe(0);
    },
  );
});
