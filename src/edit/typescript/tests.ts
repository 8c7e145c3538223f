import {
  type ArrayLiteralExpression,
  type Block,
  type CallExpression,
  Node,
  type ObjectLiteralExpression,
  type Statement,
  SyntaxKind,
} from "ts-morph";
import { tsString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import {
  hasMember,
  memberName,
  propertyValue,
  requireArrayLiteral,
  requireInterface,
  stringElements,
  topLevelDescribe,
} from "./anchors.js";
import type { TsFile } from "./file.js";
import {
  appendArrayElement,
  appendObjectProperty,
  appendStatement,
  appendTypeMember,
  insertArrayElementAfter,
} from "./insert.js";

/** Editors for the test side: vitest.stack.config.mts, tests/stack/fixtures.ts and the smoke and matrix tests. */

export const FIXTURES_INTERFACE = "StackFixtures";

export function projectsArray(file: TsFile): ArrayLiteralExpression {
  const property = file.source
    .getDescendantsOfKind(SyntaxKind.PropertyAssignment)
    .find((candidate) => memberName(candidate) === "projects");
  return requireArrayLiteral(file, property?.getInitializer(), "the `projects: [...]` array");
}

/** A Vitest project's `test.name`, e.g. `backend=postgres`. */
export function projectName(project: Node): string | undefined {
  if (!Node.isObjectLiteralExpression(project)) return undefined;
  const test = propertyValue(project, "test");
  const name = Node.isObjectLiteralExpression(test) ? propertyValue(test, "name") : undefined;
  return Node.isStringLiteral(name) ? name.getLiteralValue() : undefined;
}

/**
 * Adds one project per new matrix entry of `axis`, after that axis's last project (where create lists
 * it), or at the end for a new axis. `projects` are the selections (`axis=target`) and their fragments.
 */
export function addMatrixProjects(
  file: TsFile,
  axis: string,
  projects: readonly { name: string; fragment: string }[],
): void {
  for (const project of projects) {
    const list = projectsArray(file);
    const elements = list.getElements();
    const names = elements.map(projectName);
    if (names.includes(project.name)) continue;
    const lastOfAxis = elements.findLast((_, index) => names[index]?.startsWith(`${axis}=`));
    if (lastOfAxis && lastOfAxis !== elements.at(-1)) {
      insertArrayElementAfter(file, list, lastOfAxis, project.fragment);
    } else appendArrayElement(file, list, project.fragment);
  }
}

/** The object given to `base.extend<StackFixtures>({ ... })`. */
export function fixturesObject(file: TsFile): ObjectLiteralExpression {
  const call = file.source.getDescendantsOfKind(SyntaxKind.CallExpression).find(isExtendCall);
  const object = call?.getArguments()[0];
  if (!Node.isObjectLiteralExpression(object)) {
    throw anchorError(file, `the fixtures object in \`base.extend<${FIXTURES_INTERFACE}>({ ... })\``);
  }
  return object;
}

function isExtendCall(call: CallExpression): boolean {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) && callee.getName() === "extend";
}

/** A new matrix axis's fixture: its type in StackFixtures and its entry in `base.extend(...)`. */
export function addMatrixFixture(
  file: TsFile,
  fixture: string,
  fragments: { type: string; fixture: string },
): void {
  const fixtures = requireInterface(file, FIXTURES_INTERFACE);
  if (!hasMember(fixtures.getMembers(), fixture)) {
    appendTypeMember(file, fixtures, fixtures.getMembers(), fragments.type);
  }
  const object = fixturesObject(file);
  if (!hasMember(object.getProperties(), fixture)) appendObjectProperty(file, object, fragments.fixture);
}

/** The body of the file's top-level `describe(..., () => { ... })`. */
export function describeBody(file: TsFile): Block {
  const callback = topLevelDescribe(file)?.getArguments()[1];
  const body =
    Node.isArrowFunction(callback) || Node.isFunctionExpression(callback) ? callback.getBody() : undefined;
  if (!Node.isBlock(body)) throw anchorError(file, "the top-level `describe(..., () => { ... })` block");
  return body;
}

/** The name of a `test("name", ...)` statement. */
export function testName(statement: Statement): string | undefined {
  const call = Node.isExpressionStatement(statement) ? statement.getExpression() : undefined;
  if (!Node.isCallExpression(call) || call.getExpression().getText() !== "test") return undefined;
  const name = call.getArguments()[0];
  return Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name)
    ? name.getLiteralValue()
    : undefined;
}

/** A new `test(...)` at the end of the smoke file's describe block, unless a test of that name exists. */
export function addExtensionSmokeTest(file: TsFile, name: string, fragment: string): void {
  const body = describeBody(file);
  const statements = body.getStatements();
  if (statements.some((statement) => testName(statement) === name)) return;
  appendStatement(file, body, statements, fragment);
}

/**
 * The matrix test checks that the selected service is one of the axis's targets:
 * `expect([...]).toContain(<fixture>.name)`. Adds `key` to that list; false if the check is gone.
 */
export function addMatrixTargetToTest(file: TsFile, fixture: string, key: string): boolean {
  const array = file.source
    .getDescendantsOfKind(SyntaxKind.CallExpression)
    .flatMap((call) => targetsChecked(call, fixture))[0];
  if (!array) return false;
  if (!(stringElements(array) ?? []).includes(key)) appendArrayElement(file, array, tsString(key));
  return true;
}

function targetsChecked(call: CallExpression, fixture: string): ArrayLiteralExpression[] {
  const callee = call.getExpression();
  if (!Node.isPropertyAccessExpression(callee) || callee.getName() !== "toContain") return [];
  if (call.getArguments()[0]?.getText() !== `${fixture}.name`) return [];
  const expectCall = callee.getExpression();
  const array = Node.isCallExpression(expectCall) ? expectCall.getArguments()[0] : undefined;
  return Node.isArrayLiteralExpression(array) ? [array] : [];
}
