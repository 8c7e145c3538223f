import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { planCreate } from "../../src/plan/create.js";
import { readProject, renderContextOf } from "../../src/project/index.js";
import { loadStack } from "../../src/spec/load.js";
import { diskReader } from "../../src/tree/disk.js";
import { VirtualTree } from "../../src/tree/tree.js";
import { type Layout, repository } from "../repo/support.js";
import { service, spec } from "../support/builders.js";

export { json } from "../repo/support.js";

/** A GitHub workflow step as the tests read it. */
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
  "working-directory"?: string;
}

export interface Generated {
  /** A generated file's text, by its path from the repository's root. */
  read(path: string): string;
  warnings: string[];
}

/**
 * create, as the CLI plans it, in a real repository layout in a temporary folder: the project picture is
 * read from the disk (package manager, lockfile, `packageManager`, `.yarnrc.yml`), nothing is written.
 */
export function createIn(layout: Layout, stackSpec: object = {}, folder = ""): Generated {
  const root = repository(layout, "cds-ci-");
  const project = readProject(join(root, folder));
  const tree = new VirtualTree(diskReader(project.root));
  const stack = loadStack(spec([service("redis")], stackSpec));
  const plan = planCreate(stack, tree.at(project.stackFolder), "0.0.0", renderContextOf(project));
  return {
    read: (path) => {
      const text = tree.read(path);
      if (text === undefined) throw new Error(`${path} was not generated`);
      return text;
    },
    warnings: plan.warnings,
  };
}

export function workflowSteps(text: string): Step[] {
  const workflow = parseYaml(text) as { jobs: Record<string, { steps: Step[] }> };
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

export function stepUsing(steps: readonly Step[], action: string): Step | undefined {
  return steps.find((step) => step.uses?.startsWith(`${action}@`));
}

/** GitHub's `${{ … }}`, written without a template literal's placeholder. */
export const expr = (inner: string): string => ["$", `{{ ${inner} }}`].join("");
