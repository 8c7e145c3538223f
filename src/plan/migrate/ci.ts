import type { FileReport } from "../../readers/report.js";
import { ciFiles } from "../../render/ci/index.js";
import { runScript } from "../../render/package-manager.js";
import { pythonCiModel, pythonCommands } from "../../render/python/ci.js";
import { SCRIPTS } from "../../render/typescript/names.js";
import type { VirtualTree } from "../../tree/tree.js";
import { wireGithubWorkflow } from "./ci-github.js";
import { wireGitlabPipeline } from "./ci-gitlab.js";
import type { CiContext, CiWiringInput, CiWiringPlan } from "./ci-model.js";
import {
  hasOtherRoots,
  projectPythonSetup,
  pytestSelectionCommand,
  pytestStackCommand,
  testRoots,
} from "./tests-pytest-command.js";

export type * from "./ci-model.js";

/**
 * Step 4 of a migration, "update CI": every workflow job that started services for the tests (GitHub
 * `services:`, GitLab job `services:`, `docker compose up` in a script) gets a Dagger counterpart that
 * runs the stack test run instead, edited in place where that is safe, else written beside it. Pure: it
 * reads the tree and writes to it. Call it after planTestWiring(), with its stackRun.
 *
 * From planMigrate: the tree planCreate wrote to; the normalized stack and the spec's testEnv; ciFiles
 * and the render context from the project picture (picture.ci, renderContextOf(picture)). Returns the
 * report's `ci` entries, warnings, and the files it created that the manifest records as the tool's.
 */
export function planCiWiring(tree: VirtualTree, input: CiWiringInput): CiWiringPlan {
  const roots = testRoots(input.stackRun?.runner === "pytest" ? input.stackRun.tests : []);
  const context: CiContext = {
    tree,
    input,
    command: input.stackRun?.command ?? stackTestCommand(tree, input),
    variables: Object.keys(input.testEnv),
    roots,
  };
  const outcomes = input.ciFiles.flatMap((file) => {
    if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(file)) return [wireGithubWorkflow(context, file)];
    if (file === ".gitlab-ci.yml") return [wireGitlabPipeline(context)];
    return [];
  });
  const stackCi = stackCiOverRoots(tree, input, roots);
  return {
    ci: [...outcomes.flatMap((outcome) => outcome.reports), ...stackCi],
    warnings: outcomes.flatMap((outcome) => outcome.warnings),
    generated: [...outcomes.flatMap((outcome) => outcome.generated), ...stackCi.map((entry) => entry.file)],
  };
}

/** Without a stack test run of the user's tests, CI runs the stack's own tests. */
function stackTestCommand(tree: VirtualTree, input: CiWiringInput): string {
  return input.stack.language === "python"
    ? pytestStackCommand(tree, testRoots([]), input.pythonTool)
    : runScript(input.context.packageManager, SCRIPTS.test);
}

/**
 * The stack's CI (create's workflow or GitLab job) runs `pytest tests -m <selection>`; when the user's
 * tests that need the stack live outside tests/, it is rendered again to collect their folders too.
 */
function stackCiOverRoots(tree: VirtualTree, input: CiWiringInput, roots: readonly string[]): FileReport[] {
  if (!hasOtherRoots(roots) || input.stack.ci === "none") return [];
  const setup = projectPythonSetup(tree, input.pythonTool);
  const { run } = pythonCommands(setup);
  const model = {
    ...pythonCiModel(input.stack, setup),
    test: (selection: string) => run(pytestSelectionCommand(roots, selection)),
  };
  const others = roots.filter((root) => root !== "tests").join(", ");
  // As create renders it (render/python/index.ts): at the root of the repository.
  return ciFiles(input.stack.ci, model).map((file) => {
    const created = tree.original(file.path) === undefined;
    tree.write(file.path, file.content, "generated");
    return {
      file: file.path,
      status: created ? "created" : "edited",
      note: `the stack's test jobs collect ${others} too, where your tests that need the stack live`,
    };
  });
}
