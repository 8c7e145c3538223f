import { TsEditSession } from "../../edit/typescript/session.js";
import {
  addStackProject,
  readVitestConfig,
  type VitestConfigFacts,
} from "../../edit/typescript/vitest-config.js";
import { AnchorError } from "../../errors.js";
import type { FileReport } from "../../readers/report.js";
import { tsString } from "../../render/escape.js";
import { runScript } from "../../render/package-manager.js";
import { render } from "../../render/templates.js";
import { PATHS, SCRIPTS } from "../../render/typescript/names.js";
import type { EnvPlan } from "./tests-env.js";
import { variableList } from "./tests-env.js";
import {
  type RunnerWiring,
  WIRING_HEADER,
  WIRING_PATHS,
  type WiringContext,
  YOUR_TESTS_PROJECT,
} from "./tests-model.js";
import type { TestSelection } from "./tests-selection.js";
import { writeYourEnv } from "./tests-your-env.js";

/**
 * Vitest: the user's config is not touched, so `vitest` runs exactly as before. The stack's own config,
 * vitest.stack.config.mts (which `test:stack` runs), gains a project that extends the user's config and
 * runs only the tests that need the stack, with a global setup that starts the stack and a setup file
 * that copies the stack's URLs into process.env before each test file loads.
 */
const CONFIG_NAMES = ["vitest.config", "vite.config"];
const CONFIG_EXTENSIONS = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"];

/** The config `vitest` loads by itself, as Vitest looks for it: vitest.config.* first, then vite.config.*. */
export function userVitestConfig(files: readonly string[]): string | undefined {
  const present = new Set(files);
  return CONFIG_NAMES.flatMap((name) => CONFIG_EXTENSIONS.map((extension) => `${name}${extension}`)).find(
    (path) => present.has(path),
  );
}

/** The user's config facts, read once: its include decides which files are tests. */
export function vitestConfigFacts(context: WiringContext, path: string | undefined): VitestConfigFacts {
  if (path === undefined) return { hasTest: false, hasProjects: false };
  const session = new TsEditSession((file) => context.tree.read(file));
  try {
    return readVitestConfig(session.file(path));
  } finally {
    session.dispose();
  }
}

export function wireVitest(
  context: WiringContext,
  env: EnvPlan,
  selection: TestSelection,
  userConfig: string | undefined,
  facts: VitestConfigFacts,
): RunnerWiring {
  if (facts.hasProjects) {
    return refused(
      userConfig ?? PATHS.vitestConfig,
      `${userConfig} defines Vitest projects, which a project of the stack's config cannot extend: add ${WIRING_PATHS.vitestGlobalSetup} to the globalSetup and ${WIRING_PATHS.vitestSetup} to the setupFiles of the project that holds your integration tests`,
    );
  }
  const include = includeGlobs(selection);
  const tests: FileReport[] = [];
  try {
    const edited = addProject(context, include, userConfig, env);
    tests.push(
      edited
        ? {
            file: PATHS.vitestConfig,
            status: "edited",
            note: `project "${YOUR_TESTS_PROJECT}" runs ${include.join(", ")} with ${userConfig ?? "Vitest's defaults"} and the stack's URLs in ${variableList(env.entries)}; ${userConfig ?? "vitest"} is unchanged, so \`vitest\` runs as before`,
          }
        : {
            file: PATHS.vitestConfig,
            status: "unchanged",
            note: `it already has a project "${YOUR_TESTS_PROJECT}", kept as it is`,
          },
    );
  } catch (error) {
    if (!(error instanceof AnchorError)) throw error;
    return refused(PATHS.vitestConfig, `${error.message}: ${error.hint}`);
  }
  const created = writeFiles(context, env);
  tests.push(...created);
  const generated = created.map((entry) => entry.file);
  return {
    tests,
    warnings: [],
    generated,
    stackRun: {
      runner: "vitest",
      command: runScript(context.packageManager, SCRIPTS.test, `--project ${YOUR_TESTS_PROJECT}`),
      tests: [...selection.folders, ...selection.files],
    },
  };
}

/** Whole integration folders by the test endings found in them; other tests by path. */
export function includeGlobs(selection: TestSelection): string[] {
  const endings = selection.suffixes.length > 0 ? selection.suffixes : [".{test,spec}.?(c|m)[jt]s?(x)"];
  const folders = selection.folders.flatMap((folder) => endings.map((ending) => `${folder}/**/*${ending}`));
  return [...folders, ...selection.files];
}

function addProject(
  context: WiringContext,
  include: readonly string[],
  userConfig: string | undefined,
  env: EnvPlan,
): boolean {
  const session = new TsEditSession((path) => context.tree.read(path));
  try {
    const file = session.file(PATHS.vitestConfig);
    const extendsLine = userConfig ? [`  extends: ${tsString(`./${userConfig}`)},`] : [];
    const fragment = [
      `// Your tests that need the stack (they read ${variableList(env.entries)}), with your own config:`,
      `// see ${WIRING_PATHS.vitestPlugin}.`,
      "{",
      ...extendsLine,
      `  plugins: [yourTests([${include.map(tsString).join(", ")}])],`,
      `  test: { name: ${tsString(YOUR_TESTS_PROJECT)} },`,
      "}",
    ].join("\n");
    const added = addStackProject(file, {
      name: YOUR_TESTS_PROJECT,
      fragment,
      imports: [{ module: `./${WIRING_PATHS.vitestPlugin.replace(/\.ts$/, ".js")}`, name: "yourTests" }],
    });
    for (const { path, text } of session.edited()) context.tree.write(path, text, "generated");
    return added;
  } finally {
    session.dispose();
  }
}

function writeFiles(context: WiringContext, env: EnvPlan): FileReport[] {
  const view = {
    header: WIRING_HEADER.typescript,
    variables: variableList(env.entries),
    globalSetup: WIRING_PATHS.vitestGlobalSetup,
    setupFile: WIRING_PATHS.vitestSetup,
    stackConfig: PATHS.vitestConfig,
  };
  const files = [
    [
      WIRING_PATHS.vitestPlugin,
      "your-tests.ts",
      "keeps your include and setup order out of the way of the stack's",
    ],
    [
      WIRING_PATHS.vitestGlobalSetup,
      "your-tests.global-setup.ts",
      "starts the stack (shared with the stack's own tests) and hands its URLs on",
    ],
    [
      WIRING_PATHS.vitestSetup,
      "your-tests.setup.ts",
      `puts ${view.variables} in process.env before each of your test files loads`,
    ],
  ] as const;
  for (const [path, template] of files) {
    context.tree.write(path, render(`typescript/migrate/${template}.hbs`, view), "generated");
  }
  return [
    writeYourEnv(context, env),
    ...files.map(([file, , note]): FileReport => ({ file, status: "created", note })),
  ];
}

function refused(file: string, note: string): RunnerWiring {
  return { tests: [{ file, status: "unchanged", note }], warnings: [], generated: [] };
}
