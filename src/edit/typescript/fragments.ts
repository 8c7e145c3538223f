import { Node } from "ts-morph";
import { dedent } from "../shared/indent.js";
import {
  indentOf,
  memberName,
  requireClass,
  requireInterface,
  requireMethod,
  topLevelDescribe,
} from "./anchors.js";
import { servicesDefaults, servicesType } from "./config.js";
import type { TsFile } from "./file.js";
import { aliasesObject, registryObject } from "./stack-class.js";
import {
  describeBody,
  FIXTURES_INTERFACE,
  fixturesObject,
  projectName,
  projectsArray,
  testName,
} from "./tests.js";

/**
 * Pieces of the code create generates, cut from files it rendered for the grown stack: what `add` inserts
 * is, character for character, what `create` would have written, so the two cannot drift apart. The
 * pieces come out dedented, in create's style; the editors restyle them for the file they go into.
 * The same locators find a piece here and its place in the user's file.
 */

export function configTypeFragment(rendered: TsFile, configType: string, key: string): string {
  return cutMember(rendered, servicesType(rendered, configType).getMembers(), key);
}

export function configDefaultsFragment(rendered: TsFile, configFactory: string, key: string): string {
  return cutMember(rendered, servicesDefaults(rendered, configFactory).getProperties(), key);
}

export function methodFragment(rendered: TsFile, stackClass: string, method: string): string {
  return cut(rendered, requireMethod(rendered, requireClass(rendered, stackClass), method));
}

export function registryFragment(rendered: TsFile, stackClass: string, key: string): string {
  return cutMember(rendered, registryObject(rendered, stackClass).getProperties(), key);
}

export function aliasFragment(rendered: TsFile, key: string): string {
  return cutMember(rendered, aliasesObject(rendered).getProperties(), key);
}

export function vitestProjectFragment(rendered: TsFile, selection: string): string {
  const project = projectsArray(rendered)
    .getElements()
    .find((element) => projectName(element) === selection);
  return cut(rendered, requireRendered(rendered, project, `the Vitest project ${selection}`));
}

export function fixtureFragments(rendered: TsFile, fixture: string): { type: string; fixture: string } {
  return {
    type: cutMember(rendered, requireInterface(rendered, FIXTURES_INTERFACE).getMembers(), fixture),
    fixture: cutMember(rendered, fixturesObject(rendered).getProperties(), fixture),
  };
}

/** The `test(...)` statements the smoke file gained between two renderings (e.g. one per new extension). */
export function newSmokeTests(before: TsFile, after: TsFile): { name: string; fragment: string }[] {
  const existing = new Set(describeBody(before).getStatements().map(testName));
  return describeBody(after)
    .getStatements()
    .flatMap((statement) => {
      const name = testName(statement);
      return name === undefined || existing.has(name) ? [] : [{ name, fragment: cut(after, statement) }];
    });
}

/** Doc comments and titles create writes about a service, to refresh the user's copies while unchanged. */
export function configTypeDoc(rendered: TsFile, configType: string, key: string): string {
  return docOf(rendered, findMember(rendered, servicesType(rendered, configType).getMembers(), key));
}

export function methodDoc(rendered: TsFile, stackClass: string, method: string): string {
  return docOf(rendered, requireMethod(rendered, requireClass(rendered, stackClass), method));
}

export function fixtureTypeDoc(rendered: TsFile, fixture: string): string {
  return docOf(
    rendered,
    findMember(rendered, requireInterface(rendered, FIXTURES_INTERFACE).getMembers(), fixture),
  );
}

export function describeTitle(rendered: TsFile): string {
  const title = topLevelDescribe(rendered)?.getArguments()[0];
  return requireRendered(
    rendered,
    Node.isStringLiteral(title) ? title.getLiteralValue() : undefined,
    "describe title",
  );
}

function docOf(rendered: TsFile, node: Node): string {
  const doc = Node.isJSDocable(node) ? node.getJsDocs().at(-1)?.getText() : undefined;
  return requireRendered(rendered, doc, "doc comment");
}

function findMember(rendered: TsFile, members: readonly Node[], name: string): Node {
  return requireRendered(
    rendered,
    members.find((candidate) => memberName(candidate) === name),
    `\`${name}\``,
  );
}

function cutMember(rendered: TsFile, members: readonly Node[], name: string): string {
  return cut(rendered, findMember(rendered, members, name));
}

function cut(rendered: TsFile, node: Node): string {
  return dedent(node.getText(true), indentOf(rendered, node));
}

/** A piece missing from create's own output is a bug in this tool, not a problem with the user's code. */
function requireRendered<T>(rendered: TsFile, found: T | undefined, what: string): T {
  if (found === undefined) {
    throw new Error(`${rendered.path}: create's output has no ${what}; the templates and add disagree`);
  }
  return found;
}
