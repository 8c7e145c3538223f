import { mergePackageJson } from "../../edit/json/package-json.js";
import { runScript } from "../../render/package-manager.js";
import { render } from "../../render/templates.js";
import { typeScriptNames } from "../../render/typescript/names.js";
import { type EnvPlan, variableList } from "./tests-env.js";
import {
  JEST_STACK_SCRIPT,
  type RunnerWiring,
  WIRING_HEADER,
  WIRING_PATHS,
  type WiringContext,
} from "./tests-model.js";
import type { TestSelection } from "./tests-selection.js";
import { writeYourEnv } from "./tests-your-env.js";

/**
 * Jest: the user's config is not touched, so `jest` runs exactly as before. A second config,
 * jest.stack.config.mjs, loads the user's, keeps every setting but the tests it runs (those that need the
 * stack) and wraps the user's global setup and teardown in the stack's: Jest runs global setup in its main
 * process before it starts workers, so the variables it puts in process.env reach every test file.
 */
const CONFIG_FILES = ["jest.config.js", "jest.config.mjs", "jest.config.cjs", "jest.config.json"];
const UNSUPPORTED = ["jest.config.ts", "jest.config.mts", "jest.config.cts"];

interface UserJestConfig {
  /** How the stack config loads it: an ES import (JavaScript), or require (JSON). */
  importsYours: boolean;
  userConfig: string;
  /** `.jest` for package.json's key; "" for a JSON file. */
  jsonKey: string;
}

export function wireJest(context: WiringContext, env: EnvPlan, selection: TestSelection): RunnerWiring {
  const typescriptConfig = UNSUPPORTED.find((path) => context.tree.exists(path));
  if (typescriptConfig) {
    return {
      tests: [
        {
          file: typescriptConfig,
          status: "unchanged",
          note: `a Jest config in TypeScript cannot be loaded by ${WIRING_PATHS.jestConfig}: write the stack run's config yourself, from your config with testMatch ${testMatchGlobs(selection).join(", ")}, globalSetup ${WIRING_PATHS.jestSetup} and globalTeardown ${WIRING_PATHS.jestTeardown}`,
        },
      ],
      warnings: [],
      generated: [],
    };
  }
  const user = userJestConfig(context);
  const command = runScript(context.packageManager, JEST_STACK_SCRIPT);
  const names = typeScriptNames(context.stack);
  const view = {
    header: WIRING_HEADER.typescript,
    ...user,
    command,
    variables: variableList(env.entries),
    testMatch: testMatchGlobs(selection),
    setupModule: WIRING_PATHS.jestSetup,
    teardownModule: WIRING_PATHS.jestTeardown,
    stackClass: names.stackClass,
    sharedKey: `${names.sharedKey}ForJest`,
  };
  const files = [
    [WIRING_PATHS.jestConfig, "jest.stack.config.mjs"],
    [WIRING_PATHS.jestHooks, "your-tests.jest.mjs"],
    [WIRING_PATHS.jestSetup, "your-tests.jest-setup.mjs"],
    [WIRING_PATHS.jestTeardown, "your-tests.jest-teardown.mjs"],
  ] as const;
  for (const [path, template] of files) {
    context.tree.write(path, render(`typescript/migrate/${template}.hbs`, view), "generated");
  }
  const yourEnv = writeYourEnv(context, env);
  const script = addScript(context);
  const generated = [yourEnv.file, ...files.map(([path]) => path)];
  return {
    tests: [
      yourEnv,
      {
        file: WIRING_PATHS.jestConfig,
        status: "created",
        note: `\`${command}\` runs ${testMatchGlobs(selection).join(", ")} with ${user.userConfig === "package.json" ? "your package.json Jest settings" : `your ${user.userConfig}`}, after the stack has started and put ${variableList(env.entries)} in process.env; \`jest\` runs as before`,
      },
      {
        file: WIRING_PATHS.jestHooks,
        status: "created",
        note: "the global setup and teardown of the stack run: the stack around your own global setup and teardown",
      },
      ...script.tests,
    ],
    warnings: script.warnings,
    generated,
    stackRun: { runner: "jest", command, tests: [...selection.folders, ...selection.files] },
  };
}

function userJestConfig(context: WiringContext): UserJestConfig {
  const file = CONFIG_FILES.find((path) => context.tree.exists(path));
  if (file) return { importsYours: !file.endsWith(".json"), userConfig: file, jsonKey: "" };
  return { importsYours: false, userConfig: "package.json", jsonKey: ".jest" };
}

/** Jest matches testMatch against absolute paths: the config puts its own folder in front. */
export function testMatchGlobs(selection: TestSelection): string[] {
  const endings = selection.suffixes.length > 0 ? selection.suffixes : [".[jt]s?(x)"];
  const folders = selection.folders.flatMap((folder) => endings.map((ending) => `${folder}/**/*${ending}`));
  return [...folders, ...selection.files];
}

function addScript(context: WiringContext): Pick<RunnerWiring, "tests" | "warnings"> {
  const text = context.tree.read("package.json");
  if (text === undefined) return { tests: [], warnings: [] };
  const merge = mergePackageJson(text, {
    scripts: { [JEST_STACK_SCRIPT]: `jest --config ${WIRING_PATHS.jestConfig}` },
    devDependencies: {},
  });
  if (merge.text === text) return { tests: [], warnings: merge.warnings };
  context.tree.write("package.json", merge.text, "merged");
  return {
    tests: [
      {
        file: "package.json",
        status: "edited",
        note: `script "${JEST_STACK_SCRIPT}": the Jest stack test run`,
      },
    ],
    warnings: merge.warnings,
  };
}
