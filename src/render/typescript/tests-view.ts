import { buildSeconds } from "../../plan/builder-steps.js";
import { extensionDatabase } from "../../plan/postgres-server.js";
import { type TestEnvEntry, testEnvModel } from "../../plan/test-env.js";
import type { PostgresExtension } from "../../spec/catalog/extensions.js";
import {
  type MatrixAxis,
  type NormalizedService,
  type NormalizedStack,
  serviceByName,
} from "../../spec/model.js";
import { byLowerCase } from "../../util/compare.js";
import { tsLiteral, tsString } from "../escape.js";
import { containerChecks, smokeTemplateName, summaryOf } from "../services.js";
import { HEADER, PATHS, typeScriptNames } from "./names.js";
import { builderName } from "./stack-view.js";

export function testsView(stack: NormalizedStack) {
  const names = typeScriptNames(stack);
  return {
    header: HEADER,
    project: stack.names,
    ...names,
    stackTypeImports: sortedImports([names.serviceNameType, "ServiceUrls", names.urlsType]),
    matrix: stack.matrix.map(matrixView(stack)),
    testEnv: stack.testEnv.length > 0,
    extraPorts: stack.services.some((service) => service.extraPorts.length > 0),
  };
}

/** tests/stack/test-env.stack.ts: each variable of testEnv is set, a URL to the running service's. */
export function testEnvView(stack: NormalizedStack) {
  return {
    header: HEADER,
    checks: testEnvModel(stack).map((entry) => testEnvCheck(stack, entry)),
  };
}

function testEnvCheck(stack: NormalizedStack, { name, source }: TestEnvEntry) {
  const base = { variable: name };
  if (source.type === "hostUrl" || source.type === "hostAddress") {
    const service = serviceByName(stack, source.service);
    const host = `stack.${service.names.camel}.host`;
    const what = source.type === "hostUrl" ? "URL" : source.part;
    const expected =
      source.type === "hostUrl" ? host : `new URL(${host}).${source.part === "host" ? "hostname" : "port"}`;
    return {
      ...base,
      name: tsString(`${name} is ${service.name}'s ${what} from this machine`),
      fixtures: "{ stack }",
      assertion: `toBe(${expected})`,
    };
  }
  return { ...base, name: tsString(`${name} is set`), fixtures: "", assertion: "toBeTruthy()" };
}

/** Named imports in the order Biome's organizeImports keeps them (case-insensitive, natural). */
function sortedImports(names: string[]): string {
  return [...names].sort(byLowerCase).join(", ");
}

export function smokeTemplate(service: NormalizedService): string {
  return `tests/stack/smoke/${smokeTemplateName(service)}.test.ts.hbs`;
}

export function smokeView(stack: NormalizedStack, service: NormalizedService) {
  return {
    ...testsView(stack),
    key: service.names.camel,
    title: tsString(summaryOf(service)),
    testName: tsString(`answers HTTP on ${service.healthPath ?? "/"}`),
    healthPath: tsString(service.healthPath ?? "/"),
    user: tsString(service.user ?? ""),
    userPattern: tsString(`${service.user ?? ""}@%`),
    database: tsString(service.database ?? ""),
    extensions: service.extensions.map((extension) => extensionView(service, extension)),
    builder: builderName(service),
    timeout: timeoutLiteral(buildSeconds(service)),
    checks: containerChecks(service).map(({ args }) => `[${args.map(tsString).join(", ")}]`),
  };
}

/** Milliseconds as a TypeScript literal with separators: 1_920_000. */
function timeoutLiteral(seconds: number): string {
  return String(seconds * 1000).replace(/\B(?=(\d{3})+(?!\d))/g, "_");
}

function extensionView(service: NormalizedService, extension: PostgresExtension) {
  const database = extensionDatabase(service, extension);
  const host = `stack.${service.names.camel}.host`;
  const elsewhere = database !== service.database;
  return {
    testName: tsString(`${extension.id}: CREATE EXTENSION, then use it`),
    url: elsewhere ? `${host}.replace(/[^/]*$/, ${tsString(database)})` : host,
    note: elsewhere
      ? `// ${extension.id} can only be created in the database ${extension.databaseSetting ?? ""} names, ${database} here (the image sets it).`
      : undefined,
    createSql: tsString(`CREATE EXTENSION IF NOT EXISTS "${extension.sqlName}" CASCADE`),
    setupSql: extension.smokeSql.slice(0, -1).map(tsString),
    querySql: tsString(extension.smokeSql.at(-1) ?? "SELECT 1"),
    expectedRows: tsLiteral(extension.smokeRows),
  };
}

const matrixView = (stack: NormalizedStack) => (axis: MatrixAxis) => {
  const keys = axis.targets.map((target) => serviceByName(stack, target).names.camel);
  return {
    name: axis.name,
    fixture: axis.names.camel,
    axisLiteral: tsString(axis.name),
    targetList: axis.targets.join(", "),
    targetsLiteral: `[${keys.map(tsString).join(", ")}]`,
  };
};

export function vitestConfigView(stack: NormalizedStack) {
  return {
    header: HEADER,
    testEnv: stack.testEnv.length > 0,
    testEnvPath: tsString(PATHS.testEnv),
    projects: stack.matrix.flatMap((axis) =>
      axis.targets.map((target) => ({
        name: tsString(matrixSelection(axis, target)),
        include: tsString(PATHS.matrix(axis.name)),
        provide: `{ ${axis.name}: ${tsString(serviceByName(stack, target).names.camel)} }`,
      })),
    ),
  };
}

export function matrixSelection(axis: MatrixAxis, target: string): string {
  return `${axis.name}=${target}`;
}

/** Test selections for CI: the smoke tests, then each matrix entry. */
export function testSelections(stack: NormalizedStack): string[] {
  return [
    "smoke",
    ...stack.matrix.flatMap((axis) => axis.targets.map((target) => matrixSelection(axis, target))),
  ];
}
