import type {
  ArrayLiteralExpression,
  ClassDeclaration,
  MethodDeclaration,
  ObjectLiteralExpression,
} from "ts-morph";
import { tsString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import {
  hasMember,
  requireArrayLiteral,
  requireClass,
  requireClassPropertyObject,
  requireConstInitializer,
  requireObjectLiteral,
  stringElements,
} from "./anchors.js";
import type { TsFile } from "./file.js";
import { appendArrayElement, appendObjectProperty, insertAfter, insertBefore } from "./insert.js";

/** Editors for stack/stack.ts: the stack class, START_ORDER and ALIASES. */

const BUILDER_NAME = /^build[A-Z0-9]/;

export function builderMethods(owner: ClassDeclaration): MethodDeclaration[] {
  return owner.getMethods().filter((method) => BUILDER_NAME.test(method.getName()));
}

/** The private `<service>Url(host, port)` methods (not `internalUrl(name)`). */
export function urlMethods(owner: ClassDeclaration): MethodDeclaration[] {
  return owner
    .getMethods()
    .filter((method) => method.getName().endsWith("Url") && method.getParameters().length === 2);
}

export function registryObject(file: TsFile, stackClass: string): ObjectLiteralExpression {
  return requireClassPropertyObject(file, requireClass(file, stackClass), "registry");
}

export function aliasesObject(file: TsFile): ObjectLiteralExpression {
  return requireObjectLiteral(file, requireConstInitializer(file, "ALIASES"), "the ALIASES object");
}

export function startOrderGroups(file: TsFile): {
  order: ArrayLiteralExpression;
  groups: ArrayLiteralExpression[];
} {
  const order = requireArrayLiteral(
    file,
    requireConstInitializer(file, "START_ORDER"),
    "the START_ORDER array",
  );
  const groups = order
    .getElements()
    .map((group) => requireArrayLiteral(file, group, "START_ORDER as an array of arrays"));
  return { order, groups };
}

/** A new `build<Name>()` goes after the last builder, where create puts it. */
export function addBuilderMethod(file: TsFile, stackClass: string, name: string, fragment: string): void {
  const owner = requireClass(file, stackClass);
  if (owner.getMethod(name)) return;
  const last = builderMethods(owner).at(-1);
  if (!last) throw anchorError(file, `a build…() method in class ${stackClass}`);
  insertAfter(file, last, fragment);
}

/** A new `<service>Url(host, port)` goes after the last one, or before the `dag` getter in a stack that had none. */
export function addUrlMethod(file: TsFile, stackClass: string, name: string, fragment: string): void {
  const owner = requireClass(file, stackClass);
  if (owner.getMethod(name)) return;
  const last = urlMethods(owner).at(-1);
  if (last) {
    insertAfter(file, last, fragment);
    return;
  }
  const dag = owner.getGetAccessor("dag");
  if (!dag) throw anchorError(file, `a …Url(host, port) method or the \`dag\` getter in class ${stackClass}`);
  insertBefore(file, dag, fragment);
}

export function addRegistryEntry(file: TsFile, stackClass: string, key: string, fragment: string): void {
  const registry = registryObject(file, stackClass);
  if (!hasMember(registry.getProperties(), key)) appendObjectProperty(file, registry, fragment);
}

export function addAlias(file: TsFile, key: string, fragment: string): void {
  const aliases = aliasesObject(file);
  if (!hasMember(aliases.getProperties(), key)) appendObjectProperty(file, aliases, fragment);
}

/**
 * Puts `key` in the first group after every group holding one of its dependencies (a new last group if
 * there is none), as create's start levels would. The user's other entries stay where they are.
 */
export function insertIntoStartOrder(file: TsFile, key: string, dependencies: readonly string[]): void {
  const { order, groups } = startOrderGroups(file);
  const members = groups.map((group) => stringElements(group) ?? []);
  if (members.some((names) => names.includes(key))) return;
  const lastDependencyGroup = Math.max(
    -1,
    ...dependencies.map((dependency) => members.findIndex((names) => names.includes(dependency))),
  );
  const target = groups[lastDependencyGroup + 1];
  if (target) appendArrayElement(file, target, tsString(key));
  else appendArrayElement(file, order, `[${tsString(key)}]`);
}
