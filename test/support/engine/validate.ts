import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  Kind,
  parse,
  ScalarLeafsRule,
  specifiedRules,
  TypeInfo,
  ValuesOfCorrectTypeRule,
  validate,
  visit,
  visitWithTypeInfo,
} from "graphql";

/**
 * The engine validates with graphql's standard rules minus these two: it accepts enum values written
 * as strings (the TS SDK quotes enums inside input objects) and object fields without sub-selections.
 */
const engineRules = specifiedRules.filter(
  (rule) => rule !== ValuesOfCorrectTypeRule && rule !== ScalarLeafsRule,
);

export type ParsedQuery = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** Parses, validates like the engine does, and rewrites quoted enum values so execution accepts them. */
export function parseAndValidate(schema: GraphQLSchema, query: string): ParsedQuery {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return { errors: [error instanceof GraphQLError ? error : new GraphQLError(String(error))] };
  }
  const errors = validate(schema, document, engineRules);
  if (errors.length > 0) return { errors };
  return { document: unquoteEnumValues(schema, document) };
}

function unquoteEnumValues(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
  const typeInfo = new TypeInfo(schema);
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue(node) {
        const type = getNamedType(typeInfo.getInputType());
        if (!isEnumType(type) || !type.getValue(node.value)) return undefined;
        return { kind: Kind.ENUM, value: node.value, loc: node.loc };
      },
    }),
  );
}
