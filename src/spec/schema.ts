import * as z from "zod";
import { CI_PROVIDERS, LANGUAGES } from "./choices.js";

/**
 * The one declaration of a stack spec. `--spec` files, flags and prompts all produce this shape; the JSON
 * Schema printed by `create-dagger-stack schema` is generated from it. Cross-field rules (unique names
 * and ports, known extensions, cycles) live in validate.ts so every problem is reported at once.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const mountSpec = z.union([
  z
    .object({
      source: z.string().min(1).describe("Folder on the host, relative to the project root."),
      target: z.string().min(1).describe("Absolute path inside the container."),
    })
    .strict(),
  z
    .string()
    .regex(/^[^:]+:[^:]+$/, "expected source:target, e.g. ./audio_files:/audio_files")
    .transform((value) => {
      const [source = "", target = ""] = value.split(":");
      return { source, target };
    }),
]);

const buildSpec = z.union([
  z
    .object({
      context: z.string().min(1).describe("Build context, relative to the project root."),
      dockerfile: z.string().min(1).optional().describe("Dockerfile path inside the context."),
    })
    .strict(),
  z
    .string()
    .min(1)
    .transform((context) => ({ context, dockerfile: undefined as string | undefined })),
]);

export const serviceSpec = z
  .object({
    name: z
      .string()
      .describe("Unique service name; also its hostname inside the stack and its builder name."),
    kind: z
      .string()
      .describe(
        "Catalog kind: postgres, redis, mysql, mariadb, mongodb, chromadb, minio, backend, frontend, custom.",
      ),
    version: scalar.optional().describe("Version from the catalog, e.g. 16 for postgres."),
    port: z.number().int().optional().describe("Host port used by `up`; tests use tunnels on free ports."),
    containerPort: z.number().int().optional().describe("Port the process listens on inside the container."),
    extensions: z
      .array(z.string())
      .optional()
      .describe("Postgres extensions, e.g. pgvector, pg_search, postgis."),
    database: z.string().optional(),
    user: z.string().optional(),
    build: buildSpec.optional().describe("For backend/frontend: build context and Dockerfile."),
    image: z
      .string()
      .optional()
      .describe("For custom: the image to start from; for others, overrides the pinned image."),
    packages: z
      .object({ apt: z.array(z.string()).optional(), pip: z.array(z.string()).optional() })
      .strict()
      .optional(),
    mounts: z.array(mountSpec).optional(),
    command: z.array(z.string()).optional().describe("Arguments the service runs with."),
    healthPath: z.string().optional().describe("HTTP path the smoke test requests."),
    dependsOn: z.array(z.string()).optional(),
    env: z.record(z.string(), scalar).optional(),
  })
  .strict();

export const stackSpec = z
  .object({
    $schema: z.string().optional(),
    name: z
      .string()
      .describe(
        "Project name: knowledgebeast → KnowledgebeastConfig / KnowledgebeastStack (KnowledgeBeast → KnowledgeBeastConfig).",
      ),
    language: z.enum(LANGUAGES).optional(),
    services: z.array(serviceSpec).describe("The containers of the stack."),
    matrix: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .describe(
        "Testing matrix: each key is a fixture, its values the services tests run against, once each.",
      ),
    ci: z.enum(CI_PROVIDERS).optional(),
    nodeVersions: z.array(scalar).optional().describe("Node versions for the CI matrix."),
    pythonVersions: z.array(scalar).optional().describe("Python versions for the CI matrix."),
  })
  .strict();

export type StackSpecInput = z.input<typeof stackSpec>;
export type StackSpec = z.output<typeof stackSpec>;
export type ServiceSpec = z.output<typeof serviceSpec>;

export function stackJsonSchema(): unknown {
  return z.toJSONSchema(stackSpec, { io: "input" });
}
