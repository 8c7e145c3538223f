import * as z from "zod";
import { CI_PROVIDERS, LANGUAGES } from "./choices.js";

/**
 * The one declaration of a stack spec. `--spec` files, flags and prompts all produce this shape; the JSON
 * Schema printed by `create-dagger-stack schema` is generated from it. Cross-field rules (unique names
 * and ports, known extensions, cycles) live in validate.ts so every problem is reported at once.
 */

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const containerPath = z.string().min(1).describe("Absolute path inside the container.");

const mountSpec = z.union([
  z
    .object({
      source: z.string().min(1).describe("Folder or file on the host, relative to the project root."),
      target: containerPath,
      type: z
        .enum(["directory", "file"])
        .optional()
        .describe(
          "directory (the default) mounts a host folder, file a single host file (e.g. an init script into /docker-entrypoint-initdb.d or a config file).",
        ),
    })
    .strict()
    .describe("A host folder or file, snapshotted into the container: writes inside never reach the host."),
  z
    .object({
      cache: z
        .string()
        .min(1)
        .describe("Cache volume name, namespaced per project; kept between runs (package caches, not data)."),
      target: containerPath,
    })
    .strict()
    .describe("A Dagger cache volume (a compose named volume used as a cache)."),
  z
    .object({ tmpfs: containerPath })
    .strict()
    .describe("A fresh in-memory folder at this path (compose tmpfs)."),
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
        .record(z.string(), z.string())
        .optional()
        .describe(
          "Build arguments (ARG). Never credentials: they would be baked into the image's layers; validation refuses them.",
        ),
      target: z
        .string()
        .min(1)
        .optional()
        .describe("The Dockerfile stage to build (`FROM ... AS <target>`)."),
    })
    .strict(),
  z
    .string()
    .min(1)
    .transform((context) => ({ context, dockerfile: undefined as string | undefined })),
]);

/** What a service reference rebuilds from the stack: inside containers the alias and container port. */
export const SERVICE_VALUES = ["url", "host", "port", "user", "password", "database"] as const;

const serviceReference = z
  .object({
    service: z.string().min(1).describe("The service whose value this is."),
    value: z
      .enum(SERVICE_VALUES)
      .describe(
        "url, host, port, user, password or database, rebuilt from the stack: inside containers the service's alias and container port; for the tests the host side of its tunnel. A value that carries a password is passed as a Dagger secret.",
      ),
  })
  .strict()
  .describe(
    "A value rebuilt from another service of the stack, e.g. { service: db, value: url } for postgres://u:p@db:5432/app. The service depends on it implicitly.",
  );

const secretReference = z
  .object({ secret: z.string().min(1).describe("A name from the stack's `secrets`.") })
  .strict()
  .describe("A stack secret: the same Dagger secret for every container that names it.");

const envValue = z.union([scalar, secretReference, serviceReference]);

/** Compose's duration syntax, kept as written: 10s, 1m30s, 500ms. */
const duration = z
  .string()
  .regex(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, "expected a duration such as 10s or 1m30s");

const healthcheckSpec = z.union([
  z
    .literal("none")
    .describe("Turn off the healthcheck the image declares (compose `disable: true` or `test: [NONE]`)."),
  z
    .object({
      test: z
        .union([
          z.array(z.string()).min(1).describe("The command's words, run without a shell (compose CMD)."),
          z.string().min(1).describe("A command run in the image's shell (compose CMD-SHELL or a string)."),
        ])
        .describe("How to tell the service is healthy: exit status 0."),
      interval: duration.optional(),
      timeout: duration.optional(),
      retries: z.number().int().min(0).optional(),
      startPeriod: duration.optional(),
      startInterval: duration.optional(),
    })
    .strict()
    .describe(
      "A Docker healthcheck: the service is ready once it passes, which is what Dagger's start() waits for.",
    ),
]);

export const DEPENDENCY_CONDITIONS = ["started", "healthy", "completed"] as const;

const dependencySpec = z.union([
  z.string().describe("A service bound and started before this one."),
  z
    .object({
      service: z.string().min(1),
      condition: z
        .enum(DEPENDENCY_CONDITIONS)
        .describe(
          "started: bound and started before; healthy: its healthcheck passed first (what Dagger's start() waits for); completed: a one-shot job (`run: once`) run to completion first.",
        ),
    })
    .strict(),
]);

const portNumber = z.number().int();

const portSpec = z
  .object({
    container: portNumber.describe("Port the process listens on inside the container."),
    host: portNumber.optional().describe("Host port `up` publishes it on."),
    protocol: z.enum(["tcp", "udp"]).optional().describe("tcp (the default) or udp."),
  })
  .strict();

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
    ports: z
      .array(portSpec)
      .optional()
      .describe(
        "Every port the service listens on; the first is the primary (the same as port/containerPort) and gives the service's URL. `up` exposes and tunnels them all; tests tunnel the primary.",
      ),
    extensions: z
      .array(z.string())
      .optional()
      .describe("Postgres extensions, e.g. pgvector, pg_search, postgis."),
    database: z.string().optional(),
    user: z.string().optional().describe("The database login (for the container's OS user, see runAs)."),
    build: buildSpec
      .optional()
      .describe(
        "Build the container from a Dockerfile: backend and frontend always do; custom takes image or build; any other kind may take it to override its image.",
      ),
    image: z
      .string()
      .optional()
      .describe("For custom: the image to start from (or build); for others, overrides the pinned image."),
    packages: z
      .object({ apt: z.array(z.string()).optional(), pip: z.array(z.string()).optional() })
      .strict()
      .optional(),
    mounts: z.array(mountSpec).optional(),
    entrypoint: z
      .array(z.string())
      .optional()
      .describe("Replaces the image's entrypoint (compose entrypoint)."),
    command: z.array(z.string()).optional().describe("Arguments the service runs with."),
    workdir: z.string().optional().describe("Working folder inside the container (compose working_dir)."),
    runAs: z
      .string()
      .optional()
      .describe("The user the process runs as, `name[:group]` or `uid[:gid]` (compose user)."),
    healthcheck: healthcheckSpec.optional(),
    healthPath: z.string().optional().describe("HTTP path the smoke test requests."),
    dependsOn: z
      .array(dependencySpec)
      .optional()
      .describe("Services started before this one; a name alone means condition: started."),
    run: z
      .literal("once")
      .optional()
      .describe(
        "A one-shot job (migrations, seeders): not a service, no port; start() runs it to completion after its own dependencies and before its dependents, and its failure fails the start with its output.",
      ),
    env: z
      .record(z.string(), envValue)
      .optional()
      .describe(
        "Environment variables: a literal; env://VAR (read from the host's environment at run time, as a Dagger secret); { secret: NAME } (a stack secret); or { service, value } (rebuilt from the stack).",
      ),
  })
  .strict();

const stackSecret = z.union([
  z
    .object({ generate: z.literal(true) })
    .strict()
    .describe("Made at run time, a fresh random value per run, like the databases' passwords."),
  z
    .object({ fromEnv: z.string().min(1).describe("The host environment variable to read.") })
    .strict()
    .describe("Read from the host's environment where the stack runs."),
]);

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
    secrets: z
      .record(z.string(), stackSecret)
      .optional()
      .describe(
        "Secrets shared by the containers that name them ({ secret: NAME } in env): the database and the app must agree. Never written into generated code, config or the manifest.",
      ),
    testEnv: z
      .record(z.string(), z.union([serviceReference, secretReference]))
      .optional()
      .describe(
        "Environment the stack's test run gives your own tests (host URLs through tunnels), so tests that read e.g. DATABASE_URL pass unchanged.",
      ),
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
export type ServiceSpecInput = z.input<typeof serviceSpec>;
export type EnvValueSpec = z.output<typeof envValue>;
export type DependencySpec = z.output<typeof dependencySpec>;
export type MountSpec = z.output<typeof mountSpec>;
export type HealthcheckSpec = z.output<typeof healthcheckSpec>;
export type PortSpec = z.output<typeof portSpec>;
export type StackSecretSpec = z.output<typeof stackSecret>;
export type ServiceValue = (typeof SERVICE_VALUES)[number];
export type DependencyCondition = (typeof DEPENDENCY_CONDITIONS)[number];

export function stackJsonSchema(): unknown {
  return z.toJSONSchema(stackSpec, { io: "input" });
}
