import { Node, type ObjectLiteralExpression, type TypeLiteralNode } from "ts-morph";
import { anchorError } from "../shared/anchor-error.js";
import {
  hasMember,
  propertyValue,
  requireFunction,
  requireInterface,
  requireObjectLiteral,
  requireTypeLiteralProperty,
} from "./anchors.js";
import type { TsFile } from "./file.js";
import { appendObjectProperty, appendTypeMember, replaceNode } from "./insert.js";

/** Editors for stack/config.ts: the config interface and the factory that returns its defaults. */

/** The `services: { ... }` type of the config interface. */
export function servicesType(file: TsFile, configType: string): TypeLiteralNode {
  return requireTypeLiteralProperty(file, requireInterface(file, configType), "services");
}

/** The `services: { ... }` object the config factory returns. */
export function servicesDefaults(file: TsFile, configFactory: string): ObjectLiteralExpression {
  const factory = requireFunction(file, configFactory);
  const returned = factory.getStatements().find((statement) => Node.isReturnStatement(statement));
  const config = requireObjectLiteral(
    file,
    Node.isReturnStatement(returned) ? returned.getExpression() : undefined,
    `the object ${configFactory}() returns`,
  );
  return requireObjectLiteral(
    file,
    propertyValue(config, "services"),
    `the \`services\` object ${configFactory}() returns`,
  );
}

/** Adds `key: { ... };` (with its doc comment) to the services type. */
export function addServiceToConfigType(
  file: TsFile,
  configType: string,
  key: string,
  fragment: string,
): void {
  const services = servicesType(file, configType);
  if (hasMember(services.getMembers(), key)) return;
  appendTypeMember(file, services, services.getMembers(), fragment);
}

/** Adds `key: { ...defaults, ...services.key }` to the defaults. */
export function addServiceDefaults(file: TsFile, configFactory: string, key: string, fragment: string): void {
  const services = servicesDefaults(file, configFactory);
  if (hasMember(services.getProperties(), key)) return;
  appendObjectProperty(file, services, fragment);
}

export type DefaultChange = "changed" | "unchanged" | "kept-yours";

/**
 * Sets one default (`services.<key>.<field>`) to `value`, but only where it still is `previous`, the
 * value create wrote: a default the user chose is theirs ("kept-yours"). `literal` is `value` as code.
 */
export function replaceServiceDefault(
  file: TsFile,
  configFactory: string,
  target: { key: string; field: string },
  change: { previous: string; value: string; literal: string },
): DefaultChange {
  const entry = requireObjectLiteral(
    file,
    propertyValue(servicesDefaults(file, configFactory), target.key),
    `the \`${target.key}\` defaults in ${configFactory}()`,
  );
  const current = propertyValue(entry, target.field);
  if (!current) {
    throw anchorError(file, `\`${target.field}\` in the \`${target.key}\` defaults of ${configFactory}()`);
  }
  const currentValue = Node.isStringLiteral(current) ? current.getLiteralValue() : undefined;
  if (currentValue === change.value) return "unchanged";
  if (currentValue !== change.previous) return "kept-yours";
  replaceNode(file, current, change.literal);
  return "changed";
}
