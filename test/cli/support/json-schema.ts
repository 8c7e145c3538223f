/**
 * A small JSON Schema checker for the keywords `create-dagger-stack schema` emits (type, properties,
 * required, additionalProperties, propertyNames, items, enum, const, anyOf, pattern, minLength, minimum,
 * maximum). Returns the paths that fail; an unknown keyword fails too, so the checker cannot go blind.
 */
type Schema = Record<string, unknown>;

const KNOWN = new Set([
  "$schema",
  "description",
  "type",
  "properties",
  "required",
  "additionalProperties",
  "propertyNames",
  "items",
  "enum",
  "const",
  "anyOf",
  "pattern",
  "minLength",
  "minimum",
  "maximum",
]);

export function schemaErrors(schema: Schema, value: unknown, path = "$"): string[] {
  const unknown = Object.keys(schema).filter((keyword) => !KNOWN.has(keyword));
  if (unknown.length > 0)
    return [`${path}: schema keyword(s) this checker does not know: ${unknown.join(", ")}`];
  if (schema.anyOf) return anyOf(schema.anyOf as Schema[], value, path);
  if (schema.type !== undefined && !hasType(value, schema.type))
    return [`${path}: expected ${String(schema.type)}`];
  if (schema.enum && !(schema.enum as unknown[]).includes(value))
    return [`${path}: not one of ${String(schema.enum)}`];
  if ("const" in schema && schema.const !== value) return [`${path}: not ${JSON.stringify(schema.const)}`];
  return [
    ...stringErrors(schema, value, path),
    ...numberErrors(schema, value, path),
    ...containerErrors(schema, value, path),
  ];
}

function anyOf(options: Schema[], value: unknown, path: string): string[] {
  return options.some((option) => schemaErrors(option, value, path).length === 0)
    ? []
    : [`${path}: matches no anyOf`];
}

function hasType(value: unknown, type: unknown): boolean {
  if (Array.isArray(type)) return type.some((one) => hasType(value, one));
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "null") return value === null;
  if (type === "object") return value !== null && typeof value === "object" && !Array.isArray(value);
  return typeof value === type;
}

function stringErrors(schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== "string") return [];
  const errors: string[] = [];
  if (typeof schema.minLength === "number" && value.length < schema.minLength)
    errors.push(`${path}: too short`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern).test(value))
    errors.push(`${path}: pattern`);
  return errors;
}

function numberErrors(schema: Schema, value: unknown, path: string): string[] {
  if (typeof value !== "number") return [];
  const low = typeof schema.minimum === "number" && value < schema.minimum;
  const high = typeof schema.maximum === "number" && value > schema.maximum;
  return low || high ? [`${path}: out of range`] : [];
}

function containerErrors(schema: Schema, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    return schema.items
      ? value.flatMap((item, index) => schemaErrors(schema.items as Schema, item, `${path}[${index}]`))
      : [];
  }
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const missing = ((schema.required ?? []) as string[])
    .filter((key) => !(key in record))
    .map((key) => `${path}.${key}: required`);
  return [
    ...missing,
    ...Object.entries(record).flatMap(([key, item]) => propertyErrors(schema, properties, key, item, path)),
  ];
}

function propertyErrors(
  schema: Schema,
  properties: Record<string, Schema>,
  key: string,
  item: unknown,
  path: string,
): string[] {
  const at = `${path}.${key}`;
  const nameErrors = schema.propertyNames
    ? schemaErrors(schema.propertyNames as Schema, key, `${at} (name)`)
    : [];
  const declared = properties[key];
  if (declared) return [...nameErrors, ...schemaErrors(declared, item, at)];
  if (schema.additionalProperties === false) return [...nameErrors, `${at}: not allowed`];
  const extra = schema.additionalProperties as Schema | undefined;
  return [...nameErrors, ...(extra && typeof extra === "object" ? schemaErrors(extra, item, at) : [])];
}
