import type { GeneratedFile } from "../../plan/output.js";
import type { NormalizedService, NormalizedStack } from "../../spec/model.js";
import { ROOT_LAYOUT } from "../ci/layout.js";
import { frozenInstall, packageManagerCommands } from "../ci/node-tools.js";
import type { RenderContext } from "../context.js";
import { commentText, tsString } from "../escape.js";
import {
  DAGGER_JSON,
  daggerJson,
  moduleName,
  moduleObjectName,
  moduleServices,
  readsProjectFolders,
  type TestRun,
  testFolders,
  testRunnerImage,
} from "../module.js";
import { runScript } from "../package-manager.js";
import { render } from "../templates.js";
import { HEADER, SCRIPTS, typeScriptNames } from "./names.js";

/**
 * The TypeScript Dagger module (`--module`): dagger.json at the project folder with `"source": "stack"`,
 * and the module's code in stack/src/index.ts, beside the stack it imports.
 *
 * Why stack/ is the module's source: the TypeScript runtime copies only the source folder into the
 * function's container (sdk/typescript/runtime/runtime_node.go, SetupContainer: `WithDirectory(".",
 * cfg.wrappedSourceCodeDirectory())`, which is `ContextDirectory().Directory(subPath)` in config.go), so
 * code outside it cannot be imported, whatever dagger.json's `include` loads. With `source: "stack"`,
 * `../stack.js` is in the container, and the runtime's entrypoint loads the .ts files under stack/src
 * only (tsutils/bin/__dagger.entrypoint.ts), so stack.ts and config.ts run as imports, not as module code.
 */
export const MODULE_SOURCE_FOLDER = "stack";
export const MODULE_SOURCE = `${MODULE_SOURCE_FOLDER}/src/index.ts`;

export function typeScriptModuleFiles(stack: NormalizedStack, context: RenderContext): GeneratedFile[] {
  if (!stack.module) return [];
  return [
    { path: DAGGER_JSON, content: daggerJson(stack, { sdk: "typescript", source: MODULE_SOURCE_FOLDER }) },
    { path: MODULE_SOURCE, content: render("typescript/module/index.ts.hbs", moduleView(stack, context)) },
  ];
}

/** The name of the function `add` puts in the module for a service: its TypeScript member name. */
export function moduleFunctionName(service: NormalizedService): string {
  return service.names.camel;
}

function moduleView(stack: NormalizedStack, context: RenderContext) {
  const names = typeScriptNames(stack);
  const services = moduleServices(stack).map((service) => serviceView(stack, service));
  const run = testRun(stack, context);
  return {
    header: HEADER,
    project: stack.names.kebab,
    objectName: moduleObjectName(moduleName(stack)),
    stackClass: names.stackClass,
    configFactory: names.configFactory,
    services,
    example: moduleExample(stack),
    image: tsString(run.image),
    setup: tsString(run.setup.join(" && ")),
    test: tsString(run.test),
    projectPath: tsString(run.projectPath),
    stackPath: run.stackPath === "" ? undefined : tsString(`/project/${run.stackPath}`),
    ignore: PROJECT_IGNORE.map(tsString).join(", "),
    serviceIgnore: [...PROJECT_IGNORE, MODULE_SOURCE_FOLDER].map(tsString).join(", "),
  };
}

/** The call the docs show first: start the first service, or run the tests when there is no service. */
export function moduleExample(stack: NormalizedStack): string {
  const first = moduleServices(stack)[0];
  return first ? upCommand(first) : "test stdout";
}

function upCommand(service: NormalizedService): string {
  return `${service.names.kebab} up --ports ${service.hostPort}:${service.containerPort}`;
}

function serviceView(stack: NormalizedStack, service: NormalizedService) {
  return {
    method: moduleFunctionName(service),
    key: tsString(service.names.camel),
    doc: commentText(`${service.name}, started by \`dagger call ${upCommand(service)}\`.`),
    readsFolders: readsProjectFolders(stack, service),
  };
}

/**
 * What the functions copy of the project: everything but installed packages, git's store, the tool's
 * own folder and what `dagger develop` generates in stack/sdk.
 */
const PROJECT_IGNORE = ["**/node_modules", "**/.git", "**/.dagger-stack", "**/stack/sdk"];

/** The stack's tests as CI runs them: the package manager, a frozen install, then `test:stack`. */
function testRun(stack: NormalizedStack, context: RenderContext): TestRun {
  const layout = context.layout ?? ROOT_LAYOUT;
  const packageManager = { name: context.packageManager, ...context.packageManagerSetup };
  return {
    image: testRunnerImage("node", stack.nodeVersions),
    setup: [...packageManagerCommands(packageManager), frozenInstall(packageManager)],
    test: runScript(context.packageManager, SCRIPTS.test),
    ...testFolders(layout.stackFolder, layout.installFolder),
  };
}
