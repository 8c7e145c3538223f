import { readFileSync } from "node:fs";
import { type CreatePlan, planCreate } from "../../src/plan/create.js";
import { loadStack } from "../../src/spec/load.js";
import type { NormalizedStack } from "../../src/spec/model.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec } from "../support/builders.js";

/** The CLI's own version, as planCreate records it in the manifest. */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

export interface Generated {
  stack: NormalizedStack;
  plan: CreatePlan;
  /** Every file of the project after the run, by path. */
  files: Record<string, string>;
  /** What the run changed, by path. */
  changed: string[];
}

/** Runs `create` for a stack on an in-memory folder holding `existing`. */
export function generate(stack: NormalizedStack, existing: Readonly<Record<string, string>> = {}): Generated {
  const tree = new VirtualTree(memoryReader(existing));
  const plan = planCreate(stack, tree, TOOL_VERSION);
  const changes = tree.changes();
  const files = { ...existing };
  for (const change of changes) files[change.path] = change.content;
  return { stack, plan, files, changed: changes.map((change) => change.path) };
}

/** Runs `create` for an example spec on an empty in-memory folder. */
export function generateFixture(name: string): Generated {
  return generate(loadStack(fixtureSpec(name), `${name}.yaml`));
}

/** The tool version is the only thing in the output that changes between releases without a code change. */
export function sanitize(path: string, content: string): string {
  if (path !== "dagger-stack.json") return content;
  const manifest = JSON.parse(content) as { tool: { version: string } };
  if (`${JSON.stringify(manifest, null, 2)}\n` !== content)
    throw new Error("manifest is not in canonical JSON");
  manifest.tool.version = "<tool-version>";
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
