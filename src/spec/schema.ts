import { en } from "zod/locales";
import * as z from "zod/mini";
import { CI_PROVIDERS, LANGUAGES } from "./choices.js";

/**
 * The one declaration of a stack spec. `--spec` files, flags and prompts all produce this shape; the JSON
 * Schema printed by `create-dagger-stack schema` is generated from it. Cross-field rules (unique names
 * and ports, known extensions, cycles) live in validate.ts so every problem is reported at once.
 * Written with zod/mini: the same checks as zod's chained API at a fraction of its start-up cost, which
 * every `create` pays. Its JSON Schema code is in json-schema.ts, loaded by the `schema` command only.
 */
z.config(en()); // zod/mini ships no messages; these are the ones zod's chained API sets by default.

const described = <T extends z.ZodMiniType>(schema: T, text: string): T => schema.check(z.describe(text));
const nonEmpty = (text: string) => described(z.string().check(z.minLength(1)), text);
const scalar = z.pipe(
  z.union([z.string(), z.number(), z.boolean()]),
  z.transform((value) => String(value)),
);

const mountSpec = z.union([
  z.strictObject({
    source: nonEmpty("Folder on the host, relative to the project root."),
    target: nonEmpty("Absolute path inside the container."),
  }),
  z.pipe(
    z.string().check(z.regex(/^[^:]+:[^:]+$/, "expected source:target, e.g. ./audio_files:/audio_files")),
    z.transform((value: string) => {
      const [source = "", target = ""] = value.split(":");
      return { source, target };
    }),
  ),
]);

const buildSpec = z.union([
  z.strictObject({
    context: nonEmpty("Build context, relative to the project root."),
    dockerfile: described(
      z.optional(z.string().check(z.minLength(1))),
      "Dockerfile path inside the context.",
    ),
  }),
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((context: string) => ({ context, dockerfile: undefined as string | undefined })),
  ),
]);

const strings = () => z.array(z.string());

export const serviceSpec = z.strictObject({
  name: described(
    z.string(),
    "Unique service name; also its hostname inside the stack and its builder name.",
  ),
  kind: described(
    z.string(),
    "Catalog kind: postgres, redis, mysql, mariadb, mongodb, chromadb, minio, backend, frontend, custom.",
  ),
  version: described(z.optional(scalar), "Version from the catalog, e.g. 16 for postgres."),
  port: described(z.optional(z.int()), "Host port used by `up`; tests use tunnels on free ports."),
  containerPort: described(z.optional(z.int()), "Port the process listens on inside the container."),
  extensions: described(z.optional(strings()), "Postgres extensions, e.g. pgvector, pg_search, postgis."),
  database: z.optional(z.string()),
  user: z.optional(z.string()),
  build: described(z.optional(buildSpec), "For backend/frontend: build context and Dockerfile."),
  image: described(
    z.optional(z.string()),
    "For custom: the image to start from; for others, overrides the pinned image.",
  ),
  packages: z.optional(z.strictObject({ apt: z.optional(strings()), pip: z.optional(strings()) })),
  mounts: z.optional(z.array(mountSpec)),
  command: described(z.optional(strings()), "Arguments the service runs with."),
  healthPath: described(z.optional(z.string()), "HTTP path the smoke test requests."),
  dependsOn: z.optional(strings()),
  env: z.optional(z.record(z.string(), scalar)),
});

export const stackSpec = z.strictObject({
  $schema: z.optional(z.string()),
  name: described(
    z.string(),
    "Project name: knowledgebeast → KnowledgebeastConfig / KnowledgebeastStack (KnowledgeBeast → KnowledgeBeastConfig).",
  ),
  language: z.optional(z.enum(LANGUAGES)),
  services: described(z.array(serviceSpec), "The containers of the stack."),
  matrix: described(
    z.optional(z.record(z.string(), strings())),
    "Testing matrix: each key is a fixture, its values the services tests run against, once each.",
  ),
  ci: z.optional(z.enum(CI_PROVIDERS)),
  nodeVersions: described(z.optional(z.array(scalar)), "Node versions for the CI matrix."),
  pythonVersions: described(z.optional(z.array(scalar)), "Python versions for the CI matrix."),
  module: described(
    z.optional(z.boolean()),
    "Also write a Dagger module (dagger.json and its source): one function per service returning its Service, and one running the stack's tests.",
  ),
});

export type StackSpecInput = z.input<typeof stackSpec>;
export type StackSpec = z.output<typeof stackSpec>;
export type ServiceSpec = z.output<typeof serviceSpec>;
