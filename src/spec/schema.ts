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

const hostMount = z.strictObject({
  source: nonEmpty("File or folder on the host, relative to the project root."),
  target: nonEmpty("Absolute path inside the container."),
  type: described(
    z.optional(z.enum(["directory", "file"])),
    "directory (the default) or file, e.g. an init script into /docker-entrypoint-initdb.d.",
  ),
});

const cacheMount = z.strictObject({
  cache: nonEmpty(
    "A Dagger cache volume, named per project: for package caches. Data volumes of databases become nothing (tests want fresh state).",
  ),
  target: nonEmpty("Absolute path inside the container."),
});

const tmpfsMount = z.strictObject({
  tmpfs: nonEmpty("Absolute path of an empty temporary folder in the container."),
});

const mountSpec = z.union([
  hostMount,
  cacheMount,
  tmpfsMount,
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
    args: described(
      z.optional(z.record(z.string(), scalar)),
      "Build arguments (--build-arg). Never credentials: they are baked into the image's layers.",
    ),
    target: described(
      z.optional(z.string().check(z.minLength(1))),
      "The Dockerfile stage to build (--target).",
    ),
  }),
  z.pipe(
    z.string().check(z.minLength(1)),
    z.transform((context: string) => ({ context, dockerfile: undefined as string | undefined })),
  ),
]);

const strings = () => z.array(z.string());
const optionalString = (text: string) => described(z.optional(z.string()), text);

/** What another service offers to a reference: inside containers its alias and container port. */
export const SERVICE_VALUES = ["url", "host", "port", "user", "password", "database"] as const;

const serviceReference = z.strictObject({
  service: described(z.string(), "The service whose value this is."),
  value: described(
    z.enum(SERVICE_VALUES),
    "url, host, port, user, password or database of that service, rebuilt from the stack; a value that carries a password is passed as a secret.",
  ),
});

const secretReference = z.strictObject({
  secret: described(z.string(), "A stack-level secret (see `secrets`): the same secret in every container."),
});

const envValue = z.union([
  described(scalar, "A literal, or env://VAR: a Dagger secret read from the host environment at run time."),
  secretReference,
  serviceReference,
]);

const portSpec = z.strictObject({
  container: described(z.int(), "Port the process listens on inside the container."),
  host: described(z.optional(z.int()), "Host port `up` publishes it on; by default the container port."),
  protocol: described(z.optional(z.enum(["tcp", "udp"])), "tcp (the default) or udp."),
});

const healthcheckSpec = z.union([
  described(
    z.literal("none"),
    "Drop the image's HEALTHCHECK: the service is ready when its port accepts connections.",
  ),
  z.strictObject({
    test: described(
      z.union([strings(), z.string()]),
      '["CMD", args...], ["CMD-SHELL", "command"], or a shell command.',
    ),
    interval: optionalString('Time between checks, as compose writes it: "10s", "1m30s".'),
    timeout: optionalString("How long one check may take."),
    retries: described(z.optional(z.int()), "Failures in a row before the service counts as unhealthy."),
    startPeriod: optionalString("Time after start when failures do not count."),
    startInterval: optionalString("Time between checks during the start period."),
  }),
]);

export const DEPENDENCY_CONDITIONS = ["started", "healthy", "completed"] as const;

const dependencySpec = z.union([
  z.string(),
  z.strictObject({
    service: z.string(),
    condition: described(
      z.enum(DEPENDENCY_CONDITIONS),
      "started or healthy: bound and started first (Dagger's start waits for the healthcheck, or the port); completed: a one-shot job run to completion first.",
    ),
  }),
]);

const stackSecret = z.union([
  z.strictObject({ generate: described(z.literal(true), "Made at run time for each stack; never written.") }),
  z.strictObject({ fromEnv: described(z.string(), "Read from this host environment variable at run time.") }),
]);

const testEnvValue = z.union([serviceReference, secretReference]);

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
  build: described(
    z.optional(buildSpec),
    "Build context and Dockerfile: backend, frontend, custom (instead of image), or any kind to override its image.",
  ),
  image: optionalString("For custom: the image to start from; for others, overrides the pinned image."),
  packages: z.optional(z.strictObject({ apt: z.optional(strings()), pip: z.optional(strings()) })),
  mounts: described(
    z.optional(z.array(mountSpec)),
    "Host folders or files, cache volumes ({ cache, target }) and temporary folders ({ tmpfs }).",
  ),
  command: described(z.optional(strings()), "Arguments the service runs with."),
  entrypoint: described(z.optional(strings()), "Replaces the image's ENTRYPOINT (and its default command)."),
  workdir: optionalString("Working folder inside the container (compose working_dir)."),
  runAs: optionalString(
    "User (or user:group) the container runs as (compose `user`; `user` is the database login).",
  ),
  ports: described(
    z.optional(z.array(portSpec)),
    "Every port; the first is the service's URL (port and containerPort are its shorthand).",
  ),
  healthPath: optionalString("HTTP path the smoke test requests."),
  healthcheck: described(
    z.optional(healthcheckSpec),
    "When the service is ready: a compose healthcheck, or none for the port check.",
  ),
  dependsOn: described(
    z.optional(z.array(dependencySpec)),
    "Services started (or healthy) first, or one-shot jobs completed first.",
  ),
  run: described(
    z.optional(z.literal("once")),
    "A one-shot job (migrations, seeders): start() runs it to completion before what depends on it.",
  ),
  env: described(
    z.optional(z.record(z.string(), envValue)),
    "Environment: literals, env://VAR, { secret: NAME } or { service: NAME, value: url }.",
  ),
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
  secrets: described(
    z.optional(z.record(z.string(), stackSecret)),
    "Secrets shared by the stack's containers: { generate: true } made at run time, or { fromEnv: VAR }; never written.",
  ),
  testEnv: described(
    z.optional(z.record(z.string(), testEnvValue)),
    "Environment the stack test run gives your own tests, e.g. DATABASE_URL: { service: db, value: url } (host URLs).",
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
export type MountSpec = z.output<typeof mountSpec>;
export type EnvValueSpec = z.output<typeof envValue>;
export type DependencySpec = z.output<typeof dependencySpec>;
export type HealthcheckSpec = z.output<typeof healthcheckSpec>;
export type ServiceValue = (typeof SERVICE_VALUES)[number];
export type ServiceSpecInput = z.input<typeof serviceSpec>;
export type PortSpec = z.output<typeof portSpec>;
export type StackSecretSpec = z.output<typeof stackSecret>;
export type DependencyCondition = (typeof DEPENDENCY_CONDITIONS)[number];
