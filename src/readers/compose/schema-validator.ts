import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";

/**
 * Validates a compose model against the compose-spec JSON Schema vendored in ./schema (see its
 * PROVENANCE.md). This module compiles the schema with Ajv on first use: the path used by tests and tsx.
 * The published bundle replaces it with Ajv's standalone code generated at build time
 * (scripts/precompile-compose-schema.mjs), so the CLI ships neither the schema nor Ajv's compiler, and
 * only the migrate chunk pays for it.
 */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Must match AJV_OPTIONS in scripts/precompile-compose-schema.mjs. */
export const AJV_OPTIONS = { allErrors: true, messages: false, inlineRefs: false, strict: false } as const;

interface Compiled {
  validate: ValidateFunction;
  serviceKeys: string[];
}

let compiled: Compiled | undefined;

function compile(): Compiled {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(new URL("./schema/compose-spec.json", import.meta.url), "utf8"));
  // The draft-07 meta-schema is Ajv's default; its $schema URL spelling differs from Ajv's own key.
  delete schema.$schema;
  compiled = {
    validate: new Ajv(AJV_OPTIONS).compile(schema),
    serviceKeys: Object.keys(schema.definitions.service.properties),
  };
  return compiled;
}

export function validateComposeSchema(data: unknown): SchemaError[] {
  const { validate } = compile();
  if (validate(data)) return [];
  return (validate.errors ?? []).map((error: ErrorObject) => ({
    instancePath: error.instancePath,
    keyword: error.keyword,
    params: error.params as Record<string, unknown>,
  }));
}

/** The keys a service may have, for "did you mean" hints. */
export function composeServiceKeys(): string[] {
  return compile().serviceKeys;
}
