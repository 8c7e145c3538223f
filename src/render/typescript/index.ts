import type { GeneratedFile, ProjectOutput } from "../../plan/output.js";
import type { NormalizedStack } from "../../spec/model.js";
import { ciFiles, ciRootPath } from "../ci/index.js";
import type { CiModel } from "../ci/model.js";
import { frozenInstall } from "../ci/node-tools.js";
import type { RenderContext } from "../context.js";
import { docView } from "../docs.js";
import { runScript } from "../package-manager.js";
import { render } from "../templates.js";
import { configView } from "./config-view.js";
import { moduleExample, typeScriptModuleFiles } from "./module.js";
import { PATHS, SCRIPTS, typeScriptNames } from "./names.js";
import { packageJsonAdditions, stackTsconfig } from "./packages.js";
import { stackView } from "./stack-view.js";
import {
  smokeTemplate,
  smokeView,
  testEnvView,
  testSelections,
  testsView,
  vitestConfigView,
} from "./tests-view.js";

/** The whole TypeScript project for a stack: files, package.json additions and the scripts to run next. */
export function renderTypeScriptProject(stack: NormalizedStack, context: RenderContext): ProjectOutput {
  const pm = context.packageManager;
  const files: GeneratedFile[] = [
    file(PATHS.config, "stack/config.ts.hbs", configView(stack)),
    file(PATHS.stack, "stack/stack.ts.hbs", stackView(stack)),
    file(PATHS.up, "stack/up.ts.hbs", {
      ...testsView(stack),
      upCommand: runScript(pm, SCRIPTS.up),
      namePad: namePad(stack),
    }),
    { path: PATHS.tsconfig, content: stackTsconfig(stack.module) },
    file(PATHS.globalSetup, "tests/stack/global-setup.ts.hbs", testsView(stack)),
    file(PATHS.fixtures, "tests/stack/fixtures.ts.hbs", testsView(stack)),
    ...stack.services.map((service) =>
      file(PATHS.smoke(service.name), smokeTemplate(service), smokeView(stack, service)),
    ),
    ...stack.matrix.map((axis) =>
      file(PATHS.matrix(axis.name), "tests/stack/matrix/axis.test.ts.hbs", {
        ...testsView(stack),
        ...testsView(stack).matrix.find((view) => view.name === axis.name),
      }),
    ),
    ...(stack.testEnv.length > 0
      ? [file(PATHS.testEnv, "tests/stack/test-env.test.ts.hbs", testEnvView(stack))]
      : []),
    file(PATHS.vitestConfig, "vitest.stack.config.ts.hbs", vitestConfigView(stack)),
    ...ciFiles(stack.ci, typeScriptCiModel(stack, context), context.layout),
    ...typeScriptModuleFiles(stack, context),
  ];
  files.push(file(PATHS.doc, "docs/dagger-stack.md.hbs", docView(stack, docCommands(stack, context))));
  return {
    files,
    packageJson: packageJsonAdditions(stack),
    esmFolders: ["stack", "tests/stack"],
    nextScripts: [SCRIPTS.up, SCRIPTS.test],
  };
}

function file(path: string, template: string, view: object): GeneratedFile {
  return { path, content: render(`typescript/${template}`, view) };
}

function namePad(stack: NormalizedStack): number {
  return Math.max(...stack.services.map((service) => service.names.camel.length)) + 2;
}

/** The CI model of a TypeScript stack: its Node versions × test selections, in the project's package manager. */
export function typeScriptCiModel(stack: NormalizedStack, context: RenderContext): CiModel {
  const pm = context.packageManager;
  const packageManager = { name: pm, ...context.packageManagerSetup };
  return {
    runtime: "node",
    versions: stack.nodeVersions,
    selections: testSelections(stack),
    packageManager,
    install: [frozenInstall(packageManager)],
    check: runScript(pm, SCRIPTS.typecheck),
    test: (selection) => runScript(pm, SCRIPTS.test, `--project ${selection}`),
  };
}

function docCommands(stack: NormalizedStack, { packageManager: pm, layout }: RenderContext) {
  const names = typeScriptNames(stack);
  const ciFile = ciRootPath(stack.ci, layout);
  return {
    upCommand: runScript(pm, SCRIPTS.up),
    testCommand: runScript(pm, SCRIPTS.test),
    typecheckCommand: runScript(pm, SCRIPTS.typecheck),
    configType: names.configType,
    configFactory: names.configFactory,
    stackClass: names.stackClass,
    testEnvHow:
      "tests/stack/global-setup.ts sets them in the environment of the test run (from `testEnv()` of the stack), before any test file runs.",
    ciFile,
    ciMatrix: ciFile
      ? `Node ${stack.nodeVersions.join(", ")} × ${testSelections(stack).join(", ")}`
      : undefined,
    moduleCall: stack.module ? moduleExample(stack) : undefined,
  };
}
