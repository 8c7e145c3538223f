// An esbuild plugin: replaces src/readers/compose/schema-validator.ts with Ajv standalone code compiled
// from the vendored compose-spec JSON Schema (src/readers/compose/schema/). The bundle then carries
// neither the schema nor Ajv's compiler, only the generated checks and Ajv's small runtime helpers, and
// only in the chunk that imports the compose reader. Tests (run from src/) compile the same schema on
// the fly.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

// Must match AJV_OPTIONS in src/readers/compose/schema-validator.ts.
const AJV_OPTIONS = { allErrors: true, messages: false, inlineRefs: false, strict: false };

export const COMPOSE_SCHEMA = join("src", "readers", "compose", "schema", "compose-spec.json");

const NOTICE = [
  "// Generated at build time from the Compose Specification JSON Schema (compose-spec.json), Copyright",
  "// The Compose Specification Authors, Apache License 2.0; provenance in",
  "// src/readers/compose/schema/PROVENANCE.md of create-dagger-stack.",
].join("\n");

export async function composeValidatorModule(root) {
  const schema = JSON.parse(await readFile(join(root, COMPOSE_SCHEMA), "utf8"));
  delete schema.$schema;
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  const serviceKeys = Object.keys(schema.definitions.service.properties);
  return [
    NOTICE,
    standaloneCode.default(ajv, validate),
    `const SERVICE_KEYS = ${JSON.stringify(serviceKeys)};`,
    "export function validateComposeSchema(data) {",
    "  if (validate(data)) return [];",
    "  return (validate.errors ?? []).map(({ instancePath, keyword, params }) => ({ instancePath, keyword, params }));",
    "}",
    "export function composeServiceKeys() {",
    "  return SERVICE_KEYS;",
    "}",
  ].join("\n");
}

export function precompileComposeSchema({ root }) {
  return {
    name: "precompile-compose-schema",
    setup(build) {
      build.onResolve({ filter: /schema-validator\.js$/ }, (args) =>
        args.resolveDir.endsWith(join("readers", "compose"))
          ? { path: "schema-validator", namespace: "compose-schema" }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "compose-schema" }, async () => ({
        contents: await composeValidatorModule(root),
        loader: "js",
        resolveDir: root,
        watchFiles: [join(root, COMPOSE_SCHEMA)],
      }));
    },
  };
}
