import type { FileReport } from "../../readers/report.js";
import type { VirtualTree } from "../../tree/tree.js";
import { type EnvPlan, planEnv, variableList } from "./tests-env.js";
import { wireJest } from "./tests-jest.js";
import {
  type RunnerWiring,
  type TestWiringInput,
  type TestWiringPlan,
  WIRING_PATHS,
  type WiredRunner,
  type WiringContext,
} from "./tests-model.js";
import { wirePytest } from "./tests-pytest.js";
import { selectStackTests, type TestSelection } from "./tests-selection.js";
import { userVitestConfig, vitestConfigFacts, wireVitest } from "./tests-vitest.js";

export type * from "./tests-model.js";

/**
 * Step 3 of a migration, "update tests": wires the stack into the test setup the project already has, so
 * that the tests which read connection settings from the environment (what the app's compose service
 * was given, now the spec's `testEnv`) run against the stack and pass unchanged, while the user's own
 * test command runs exactly as before, without an engine. Pure: it reads the tree and writes to it.
 * Call it after create's planner has put the stack on the tree.
 *
 * From planMigrate: the tree planCreate wrote to; the normalized stack and the spec's testEnv; the
 * picture's testRunners and package manager; the project's source files (listSourceFiles(), read before
 * planning) and, for Python, loadPythonParser()'s parser. Returns the report's `tests` entries, warnings,
 * the files it created that the manifest records as the tool's, and the stackRun planCiWiring() takes.
 */
export function planTestWiring(tree: VirtualTree, input: TestWiringInput): TestWiringPlan {
  const env = planEnv(input.stack, input.testEnv);
  const refusals = env.refused.map(
    ({ variable, reason }): FileReport => ({
      file: envFile(input),
      status: "unchanged",
      note: `${variable} is not given to your tests: ${reason}`,
    }),
  );
  const wiring = wire(tree, input, env);
  return {
    tests: [...wiring.tests, ...refusals],
    warnings: wiring.warnings,
    generated: wiring.generated,
    ...(wiring.stackRun ? { stackRun: wiring.stackRun } : {}),
  };
}

function wire(tree: VirtualTree, input: TestWiringInput, env: EnvPlan): RunnerWiring {
  if (env.entries.length === 0)
    return nothing(
      envFile(input),
      "the stack test run gives your tests no variables (the spec's testEnv names none it can give), so nothing of yours was wired",
    );
  const runner = pickRunner(input);
  if (!runner) {
    const found = input.testRunners.join(", ") || "none";
    return nothing(
      "package.json",
      `no test runner migrate can wire (vitest, jest or pytest; found: ${found}): give your tests ${variableList(env.entries)} from \`stack.urls()\` yourself`,
    );
  }
  const context: WiringContext = {
    tree,
    stack: input.stack,
    packageManager: input.packageManager,
    sourceFiles: input.sourceFiles,
    ...(input.pythonTool && { pythonTool: input.pythonTool }),
  };
  const vitestConfig = runner === "vitest" ? userVitestConfig(input.sourceFiles) : undefined;
  const facts = runner === "vitest" ? vitestConfigFacts(context, vitestConfig) : undefined;
  const selection = selectStackTests({
    runner,
    sourceFiles: input.sourceFiles,
    read: (path) => tree.read(path),
    variables: env.entries.map((entry) => entry.variable),
    isStackFile,
    ...(facts?.include ? { testPatterns: facts.include } : {}),
  });
  if (selection.bound.length === 0) {
    return nothing(
      envFile(input),
      `none of your ${runner} tests reads ${variableList(env.entries)}, itself or through your modules: the stack test run runs the stack's own tests only`,
    );
  }
  const wired = wireRunner(runner, context, env, selection, input, vitestConfig, facts);
  return { ...wired, tests: [...wired.tests, ...boundReports(selection)] };
}

function wireRunner(
  runner: WiredRunner,
  context: WiringContext,
  env: EnvPlan,
  selection: TestSelection,
  input: TestWiringInput,
  vitestConfig: string | undefined,
  facts: ReturnType<typeof vitestConfigFacts> | undefined,
): RunnerWiring {
  if (runner === "jest") return wireJest(context, env, selection);
  if (runner === "vitest")
    return wireVitest(context, env, selection, vitestConfig, facts ?? { hasTest: false, hasProjects: false });
  if (!input.pythonParser)
    throw new Error("planTestWiring needs the Python parser for a Python stack: pass loadPythonParser()'s");
  return wirePytest(context, env, selection, input.pythonParser);
}

/** Vitest before Jest when a project has both (the stack's own tests run on Vitest); pytest for Python. */
function pickRunner(input: TestWiringInput): WiredRunner | undefined {
  if (input.stack.language === "python") return "pytest";
  if (input.testRunners.includes("vitest")) return "vitest";
  return input.testRunners.includes("jest") ? "jest" : undefined;
}

/** The stack's own files: the generated stack and its tests, never one of the user's tests. */
export function isStackFile(path: string): boolean {
  return (
    /^(?:stack|tests\/stack|tests\/dagger_modules)\//.test(path) ||
    /\.stack\.[cm]?ts$/.test(path) ||
    /^(?:vitest|jest)\.stack\.config\./.test(path) ||
    /^tests\/integration\/test_[^/]*_(?:smoke|matrix)\.py$/.test(path)
  );
}

function boundReports(selection: TestSelection): FileReport[] {
  return selection.bound.map(({ path, reason }) => ({
    file: path,
    status: "unchanged",
    note: `runs in the stack test run, unchanged: it ${reason}`,
  }));
}

function envFile(input: TestWiringInput): string {
  return input.stack.language === "python" ? WIRING_PATHS.pytestPlugin : WIRING_PATHS.yourEnv;
}

function nothing(file: string, note: string): RunnerWiring {
  return { tests: [{ file, status: "unchanged", note }], warnings: [], generated: [] };
}
