import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { planCreate } from "../../src/plan/create.js";
import { loadStack } from "../../src/spec/load.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec } from "../support/builders.js";

/** GitHub's expression for the current matrix selection, as the workflow writes it. */
const SELECTION = ["$", "{{ matrix.selection }}"].join("");

function generate(packageManager: "npm" | "pnpm") {
  const tree = new VirtualTree(memoryReader({}));
  planCreate(loadStack(fixtureSpec("knowledgebeast")), tree, "0.0.0", { packageManager });
  return (path: string) => tree.read(path) ?? "";
}

describe("generated files speak the project's package manager", () => {
  it("pnpm: CI sets pnpm up with its action, caches its store and installs from the frozen lockfile", () => {
    const read = generate("pnpm");
    const workflow = parse(read(".github/workflows/dagger-stack.yml"));
    const steps = workflow.jobs.test.steps as {
      uses?: string;
      run?: string;
      with?: Record<string, unknown>;
    }[];
    expect(steps.map((step) => step.run).filter(Boolean)).toEqual([
      "pnpm install --frozen-lockfile",
      "pnpm run stack:typecheck",
    ]);
    expect(steps.at(-1)?.with?.args).toBe(`pnpm run test:stack --project ${SELECTION}`);
    const pnpm = steps.findIndex((step) => step.uses?.startsWith("pnpm/action-setup@"));
    const node = steps.findIndex((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(pnpm).toBeGreaterThan(0);
    expect(steps[node]?.with?.cache).toBe("pnpm");
    expect(pnpm).toBeLessThan(node);
    expect(read("docs/dagger-stack.md")).toContain("`pnpm run stack:up`");
    expect(read("stack/up.ts")).toContain("`pnpm run stack:up`");
  });

  it("npm: the default, with setup-node's npm cache", () => {
    const steps = parse(generate("npm")(".github/workflows/dagger-stack.yml")).jobs.test.steps;
    expect(steps[1].with.cache).toBe("npm");
    expect(steps.at(-1).with.args).toBe(`npm run test:stack -- --project ${SELECTION}`);
  });
});
