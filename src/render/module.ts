import { posix } from "node:path";
import { TEST_RUNNER_IMAGES } from "../spec/catalog/images.js";
import { isService, type NormalizedService, type NormalizedStack, serviceByName } from "../spec/model.js";

/**
 * What both languages' Dagger modules (`--module`) share: the module's names, its dagger.json, which of
 * its functions need the project's folders, and the container its `test` function runs the tests in.
 */
export const DAGGER_JSON = "dagger.json";

/**
 * The engine the module is written for. The engine refuses a module whose engineVersion is newer than
 * itself (core/modules/config.go, ParseModuleConfig), so this is the oldest engine the code was checked
 * against, not the newest CLI: CI's Dagger 0.21.9 loads it.
 */
export const MODULE_ENGINE_VERSION = "v0.21.8";

/** `knowledgebeast-stack`: the module's name, which no core type can share once it is PascalCased. */
export function moduleName(stack: NormalizedStack): string {
  return `${stack.names.kebab}-stack`;
}

/**
 * The main object's name, as the engine looks it up from the module's name: the TypeScript SDK's
 * convertToPascalCase (sdk/typescript/src/module/introspector/case_convertor.ts) and the Python runtime's
 * strcase.ToCamel (sdk/python/runtime/python.go, NormalizeObjectName) both start a word after a dash and
 * after a digit: `app2x-stack` is `App2XStack`.
 */
export function moduleObjectName(name: string): string {
  let result = "";
  let upper = true;
  for (const char of name) {
    if (char === "-") {
      upper = true;
      continue;
    }
    result += upper ? char.toUpperCase() : char;
    upper = /[0-9]/.test(char);
  }
  return result;
}

export interface DaggerJson {
  sdk: "typescript" | "python";
  /** The folder of the module's code, from dagger.json's folder. */
  source: string;
  /** More files the engine loads with the module (patterns from dagger.json's folder). */
  include?: string[];
}

/** dagger.json, built as data: the fields NOTES.md lists, in the order `dagger init` writes them. */
export function daggerJson(stack: NormalizedStack, module: DaggerJson): string {
  const config = {
    name: moduleName(stack),
    engineVersion: MODULE_ENGINE_VERSION,
    sdk: { source: module.sdk },
    source: module.source,
    ...(module.include && { include: module.include }),
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** The services that get a function: the containers with a port (the others are not Dagger services). */
export function moduleServices(stack: NormalizedStack): NormalizedService[] {
  return stack.services.filter(isService);
}

/** Whether building a service reads project folders: its build context or mounts, or a dependency's. */
export function readsProjectFolders(stack: NormalizedStack, service: NormalizedService): boolean {
  if (service.build || service.mounts.length > 0) return true;
  return service.dependsOn.some((name) => readsProjectFolders(stack, serviceByName(stack, name)));
}

/** How the `test` function runs the stack's tests: in which image, after which setup, with which command. */
export interface TestRun {
  image: string;
  /** Shell commands run at the install folder, in order. */
  setup: string[];
  /** The test command, run at the stack's folder with a Dagger session of its own. */
  test: string;
  /** The folder the function copies, relative to dagger.json's: the install folder (a workspace's root). */
  projectPath: string;
  /** The stack's folder inside that copy ("" when it is the copy's root). */
  stackPath: string;
}

/** The runner image for the first CI line that has one, else the last line of the table. */
export function testRunnerImage(runtime: keyof typeof TEST_RUNNER_IMAGES, versions: string[]): string {
  const images: Readonly<Record<string, string>> = TEST_RUNNER_IMAGES[runtime];
  const pinned = versions.find((version) => images[version] !== undefined);
  const fallback = Object.values(images).at(-1) ?? "";
  return pinned === undefined ? fallback : (images[pinned] ?? fallback);
}

/** The copy's folders for a stack at `stackFolder` installed from `installFolder` (both from the repo root). */
export function testFolders(stackFolder: string, installFolder: string) {
  return {
    projectPath: posix.relative(stackFolder, installFolder) || ".",
    stackPath: posix.relative(installFolder, stackFolder),
  };
}
