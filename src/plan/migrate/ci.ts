import type { FileReport } from "../../readers/report.js";
import { ciFiles, ROOT_LAYOUT } from "../../render/ci/index.js";
import { runScript } from "../../render/package-manager.js";
import { pytestCommand, pythonCiModel } from "../../render/python/ci.js";
import { COMMANDS } from "../../render/python/names.js";
import { SCRIPTS } from "../../render/typescript/names.js";
import type { VirtualTree } from "../../tree/tree.js";
import { dependencyTarget } from "../python-project.js";
import { wireGithubWorkflow } from "./ci-github.js";
import { wireGitlabPipeline } from "./ci-gitlab.js";
import type { CiContext, CiWiringInput, CiWiringPlan } from "./ci-model.js";
import { PYTEST_STACK_OPTION } from "./tests-model.js";

export type * from "./ci-model.js";

/**
 * Step 4 of a migration, "update CI": every workflow job that started services for the tests (GitHub
 * `services:`, GitLab job `services:`, `docker compose up` in a script) gets a Dagger counterpart that
 * runs the stack test run instead, edited in place where that is safe, else written beside it. Pure: it
 * reads the tree and writes to it. Call it after planTestWiring(), with its stackRun.
 */
export function planCiWiring(tree: VirtualTree, input: CiWiringInput): CiWiringPlan {
  const context: CiContext = {
    tree,
    input,
    command: input.stackRun?.command ?? stackTestCommand(input),
    variables: Object.keys(input.testEnv),
  };
  const outcomes = input.ciFiles.flatMap((file) => {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(file)) return [wireGithubWorkflow(context, file)];
    if (file === ".gitlab-ci.yml") return [wireGitlabPipeline(context)];
    return [];
  });
  const stackCi = pytestStackCi(tree, input);
  return {
    ci: [...outcomes.flatMap((outcome) => outcome.reports), ...stackCi],
    warnings: outcomes.flatMap((outcome) => outcome.warnings),
    generated: [...outcomes.flatMap((outcome) => outcome.generated), ...stackCi.map((entry) => entry.file)],
  };
}

/** Without a stack test run of the user's tests, CI runs the stack's own tests. */
function stackTestCommand(input: CiWiringInput): string {
  return input.stack.language === "python"
    ? COMMANDS.test
    : runScript(input.context.packageManager, SCRIPTS.test);
}

/**
 * With the stack-run plugin, pytest collects the stack's own tests only under its option: create's CI
 * for them (the stack's workflow or GitLab job) is rendered again with the option added.
 */
function pytestStackCi(tree: VirtualTree, input: CiWiringInput): FileReport[] {
  if (input.stackRun?.runner !== "pytest" || input.stack.ci === "none") return [];
  const model = pythonCiModel(input.stack, dependencyTarget(tree));
  const withOption = {
    ...model,
    test: (selection: string) => `${pytestCommand(selection)} ${PYTEST_STACK_OPTION}`,
  };
  return ciFiles(input.stack.ci, withOption, input.context.layout ?? ROOT_LAYOUT).map((file) => {
    const created = tree.original(file.path) === undefined;
    tree.write(file.path, file.content, "generated");
    return {
      file: file.path,
      status: created ? "created" : "edited",
      note: `the stack's own tests run with \`${PYTEST_STACK_OPTION}\`, which collects them now that plain \`pytest\` leaves them out`,
    };
  });
}
