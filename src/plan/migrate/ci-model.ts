import type { PythonTool } from "../../project/python-tool.js";
import type { FileReport } from "../../readers/report.js";
import type { RenderContext } from "../../render/context.js";
import type { NormalizedStack } from "../../spec/model.js";
import type { VirtualTree } from "../../tree/tree.js";
import type { StackRun, TestEnv } from "./tests-model.js";

/** Step 4 of a migration ("update CI"): the planner's inputs and outputs; ci.ts is the entry point. */
export interface CiWiringInput {
  stack: NormalizedStack;
  testEnv: TestEnv;
  /** CI files at the repository root, from the root (ProjectPicture.ci). */
  ciFiles: readonly string[];
  /** planTestWiring()'s stack test run; without one, CI runs the stack's own tests. */
  stackRun?: StackRun;
  context: RenderContext;
  /** GitHub job services the migration leaves where they are (not carried over into the stack). */
  keptServices?: readonly KeptService[];
  /** Python: the project's tool (Poetry, uv, ...), as create used it; detected from the tree when absent. */
  pythonTool?: PythonTool;
}

export interface KeptService {
  /** The workflow, from the repository root. */
  file: string;
  job: string;
  service: string;
}

export interface CiWiringPlan {
  /** The report's `ci` entries: each file edited in place, created beside, or left, and why. */
  ci: FileReport[];
  warnings: string[];
  /** Files this step created that the tool owns from now on: their hashes belong in the manifest. */
  generated: string[];
}

/** What the GitHub and GitLab halves share. */
export interface CiContext {
  tree: VirtualTree;
  input: CiWiringInput;
  /** The stack test run's command, from the stack's folder. */
  command: string;
  variables: readonly string[];
  /** Python: the folders pytest collects in the stack test run (`tests`, and the user's tests outside it). */
  roots: readonly string[];
}

/** Whether the stack starts every service a `docker compose up` line names, so the line can go. */
export function stackStartsAll(stack: NormalizedStack): (services: readonly string[]) => boolean {
  return (services) => services.every((name) => stack.services.some((service) => service.name === name));
}

/** The comment left where a job's services were; `runner` names what runs the command below. */
export function servicesComment(command: string, runner: string): string[] {
  return [
    "The services these tests used come from the Dagger stack now (create-dagger-stack migrate):",
    `${runner} runs \`${command}\`,`,
    "which starts the stack and gives the tests its URLs.",
  ];
}
