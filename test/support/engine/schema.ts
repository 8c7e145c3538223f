import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema, extendSchema, type GraphQLSchema, isObjectType, parse } from "graphql";

/** The engine version whose schema the stand-in serves. */
export const ENGINE_VERSION = "v0.21.8";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

export function defaultSchemaPath(): string {
  return resolve(repoRoot, "../shared/dagger/schema-v0.21.8.graphqls");
}

/** False on a clean clone without `../shared`: callers must then skip, saying why. */
export function schemaAvailable(schemaPath: string = defaultSchemaPath()): boolean {
  return existsSync(schemaPath);
}

const schemaCache = new Map<string, GraphQLSchema>();

/** Parsing the 5,800-line SDL takes ~150 ms, so every stand-in in a process shares the result. */
export function loadEngineSchema(schemaPath: string = defaultSchemaPath()): GraphQLSchema {
  const cached = schemaCache.get(schemaPath);
  if (cached) return cached;
  const schema = withLoadFromIdFields(buildSchema(readFileSync(schemaPath, "utf8")));
  schemaCache.set(schemaPath, schema);
  return schema;
}

/**
 * The engine serves `load<Type>FromID(id:)` for every Node type (both SDKs generate calls to them) but
 * the published SDL leaves them out, so they are added here.
 */
function withLoadFromIdFields(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  const node = schema.getType("Node");
  if (!query || !node) return schema;
  const existing = query.getFields();
  const fields = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => type.getInterfaces().some((iface) => iface.name === "Node"))
    .map((type) => ({ field: loadFromIdFieldName(type.name), type: type.name }))
    .filter(({ field }) => !(field in existing))
    .map(({ field, type }) => `  ${field}(id: ID!): ${type}!`);
  if (fields.length === 0) return schema;
  return extendSchema(schema, parse(`extend type Query {\n${fields.join("\n")}\n}`));
}

export function loadFromIdFieldName(typeName: string): string {
  return `load${typeName}FromID`;
}

const loadFromIdPattern = /^load([A-Z]\w*)FromID$/;

/** The type a `load<Type>FromID` field loads, or undefined for other fields. */
export function typeLoadedByField(fieldName: string): string | undefined {
  return loadFromIdPattern.exec(fieldName)?.[1];
}
