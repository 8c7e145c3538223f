import * as z from "zod";
import { CI_PROVIDERS, LANGUAGES } from "./choices.js";

/**
 * The one declaration of a stack spec. `--spec` files, flags and prompts all produce this shape; the JSON
 * Schema printed by `create-dagger-stack schema` is generated from it. Cross-field rules (unique names
 * and ports, known extensions, cycles) live in validate.ts so every problem is reported at once.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const hostMount = z
  .object({
    source: z.string().min(1).describe("File or folder on the host, relative to the project root."),
    target: z.string().min(1).describe("Absolute path inside the container."),
    type: z
      .enum(["directory", "file"])
      .optional()
      .describe("directory (the default) or file, e.g. an init script into /docker-entrypoint-initdb.d."),
  })
  .strict();

const cacheMount = z
  .object({
    cache: z
      .string()
      .min(1)
      .describe(
        "A Dagger cache volume, named per project: for package caches. Data volumes of databases become nothing (tests want fresh state).",
      ),
    target: z.string().min(1).describe("Absolute path inside the container."),
  })
  .strict();

const tmpfsMount = z
  .object({
    tmpfs: z.string().min(1).describe("Absolute path of an empty temporary folder in the container."),
  })
  .strict();

const mountSpec = z.union([
  hostMount,
  cacheMount,
  tmpfsMount,
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
      args: z
        .record(z.string(), scalar)
        .optional()
        .describe(
          "Build arguments (--build-arg). Never credentials: they are baked into the image's layers.",
        ),
      target: z.string().min(1).optional().describe("The Dockerfile stage to build (--target)."),
    })
    .strict(),
  z
    .string()
    .min(1)
    .transform((context) => ({ context, dockerfile: undefined as string | undefined })),
]);

/** What another service offers to a reference: inside containers its alias and container port. */
export const SERVICE_VALUES = ["url", "host", "port", "user", "password", "database"] as const;

const serviceReference = z
  .object({
    service: z.string().describe("The service whose value this is."),
    value: z
      .enum(SERVICE_VALUES)
      .describe(
        "url, host, port, user, password or database of that service, rebuilt from the stack; a value that carries a password is passed as a secret.",
      ),
  })
  .strict();

const secretReference = z
  .object({
    secret: z.string().describe("A stack-level secret (see `secrets`): the same secret in every container."),
  })
  .strict();

const envValue = z.union([
  scalar.describe("A literal, or env://VAR: a Dagger secret read from the host environment at run time."),
  secretReference,
  serviceReference,
]);

const portSpec = z
  .object({
    container: z.number().int().describe("Port the process listens on inside the container."),
    host: z
      .number()
      .int()
      .optional()
      .describe("Host port `up` publishes it on; by default the container port."),
    protocol: z.enum(["tcp", "udp"]).optional().describe("tcp (the default) or udp."),
  })
  .strict();

const healthcheckSpec = z.union([
  z
    .literal("none")
    .describe("Drop the image's HEALTHCHECK: the service is ready when its port accepts connections."),
  z
    .object({
      test: z
        .union([z.array(z.string()), z.string()])
        .describe('["CMD", args...], ["CMD-SHELL", "command"], or a shell command.'),
      interval: z.string().optional().describe('Time between checks, as compose writes it: "10s", "1m30s".'),
      timeout: z.string().optional().describe("How long one check may take."),
      retries: z
        .number()
        .int()
        .optional()
        .describe("Failures in a row before the service counts as unhealthy."),
      startPeriod: z.string().optional().describe("Time after start when failures do not count."),
      startInterval: z.string().optional().describe("Time between checks during the start period."),
    })
    .strict(),
]);

export const DEPENDENCY_CONDITIONS = ["started", "healthy", "completed"] as const;

const dependencySpec = z.union([
  z.string(),
  z
    .object({
      service: z.string(),
      condition: z
        .enum(DEPENDENCY_CONDITIONS)
        .describe(
          "started or healthy: bound and started first (Dagger's start waits for the healthcheck, or the port); completed: a one-shot job run to completion first.",
        ),
    })
    .strict(),
]);

const stackSecret = z.union([
  z
    .object({ generate: z.literal(true).describe("Made at run time for each stack; never written.") })
    .strict(),
  z
    .object({ fromEnv: z.string().describe("Read from this host environment variable at run time.") })
    .strict(),
]);

const testEnvValue = z.union([serviceReference, secretReference]);

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
    build: buildSpec
      .optional()
      .describe(
        "Build context and Dockerfile: backend, frontend, custom (instead of image), or any kind to override its image.",
      ),
    image: z
      .string()
      .optional()
      .describe("For custom: the image to start from; for others, overrides the pinned image."),
    packages: z
      .object({ apt: z.array(z.string()).optional(), pip: z.array(z.string()).optional() })
      .strict()
      .optional(),
    mounts: z
      .array(mountSpec)
      .optional()
      .describe(
        "Host folders or files, cache volumes ({ cache, target }) and temporary folders ({ tmpfs }).",
      ),
    command: z.array(z.string()).optional().describe("Arguments the service runs with."),
    entrypoint: z
      .array(z.string())
      .optional()
      .describe("Replaces the image's ENTRYPOINT (and its default command)."),
    workdir: z.string().optional().describe("Working folder inside the container (compose working_dir)."),
    runAs: z
      .string()
      .optional()
      .describe("User (or user:group) the container runs as (compose `user`; `user` is the database login)."),
    ports: z
      .array(portSpec)
      .optional()
      .describe("Every port; the first is the service's URL (port and containerPort are its shorthand)."),
    healthPath: z.string().optional().describe("HTTP path the smoke test requests."),
    healthcheck: healthcheckSpec
      .optional()
      .describe("When the service is ready: a compose healthcheck, or none for the port check."),
    dependsOn: z
      .array(dependencySpec)
      .optional()
      .describe("Services started (or healthy) first, or one-shot jobs completed first."),
    run: z
      .literal("once")
      .optional()
      .describe(
        "A one-shot job (migrations, seeders): start() runs it to completion before what depends on it.",
      ),
    env: z
      .record(z.string(), envValue)
      .optional()
      .describe("Environment: literals, env://VAR, { secret: NAME } or { service: NAME, value: url }."),
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
    secrets: z
      .record(z.string(), stackSecret)
      .optional()
      .describe(
        "Secrets shared by the stack's containers: { generate: true } made at run time, or { fromEnv: VAR }; never written.",
      ),
    testEnv: z
      .record(z.string(), testEnvValue)
      .optional()
      .describe(
        "Environment the stack test run gives your own tests, e.g. DATABASE_URL: { service: db, value: url } (host URLs).",
      ),
    ci: z.enum(CI_PROVIDERS).optional(),
    nodeVersions: z.array(scalar).optional().describe("Node versions for the CI matrix."),
    pythonVersions: z.array(scalar).optional().describe("Python versions for the CI matrix."),
  })
  .strict();

export type StackSpecInput = z.input<typeof stackSpec>;
export type StackSpec = z.output<typeof stackSpec>;
export type ServiceSpec = z.output<typeof serviceSpec>;
export type MountSpec = z.output<typeof mountSpec>;
export type EnvValueSpec = z.output<typeof envValue>;
export type DependencySpec = z.output<typeof dependencySpec>;
export type HealthcheckSpec = z.output<typeof healthcheckSpec>;
export type ServiceValue = (typeof SERVICE_VALUES)[number];

export function stackJsonSchema(): unknown {
  return z.toJSONSchema(stackSpec, { io: "input" });
}
