import { IMAGE_PINS } from "./images.js";

/**
 * Service kinds as data. The planner looks a kind up here and never branches on its name: what differs
 * between Postgres, Redis or a custom container is described by the fields below.
 */

/** How a host-side client talks to the service; drives the URL shape and the generated smoke test. */
export type Protocol = "postgres" | "redis" | "mysql" | "mongodb" | "http" | "tcp" | "none";

/** Where the container comes from. */
export type Source = "image" | "dockerfile" | "custom";

/** Spec options a kind accepts beyond the common ones (name, kind, port, dependsOn, env). */
export type KindOption =
  | "version"
  | "extensions"
  | "database"
  | "user"
  | "build"
  | "image"
  | "packages"
  | "mounts"
  | "command"
  | "healthPath";

export interface Credentials {
  /** Env var the image reads the password from; always set through a Dagger secret. */
  passwordEnv: string;
  userEnv?: string;
  databaseEnv?: string;
  defaultUser: string;
}

export interface ServiceKind {
  kind: string;
  title: string;
  source: Source;
  protocol: Protocol;
  options: readonly KindOption[];
  /** Pinned image per version (from the one table of pins, images.ts). */
  images?: Readonly<Record<string, string>>;
  defaultVersion?: string;
  /** Port the process listens on inside the container. */
  containerPort?: number;
  /** Host port `up` uses unless the spec says otherwise. */
  defaultHostPort?: number;
  credentials?: Credentials;
  defaultDatabase?: string;
  /** URL shape; `{host}` and `{port}` are filled in per side (alias or tunnel), the rest from config. */
  url?: string;
  /** Where the server keeps its data: a cache volume is mounted there only for `up`, never for tests. */
  dataPath?: string;
  /** Arguments for the service process when the image's default command is not enough. */
  args?: readonly string[];
  /** Path the smoke test requests over HTTP. */
  healthPath?: string;
  /** Why Dagger's readiness check (every exposed port accepts TCP) is right for this kind. */
  readiness: string;
  /**
   * "none": the catalog's images define no Docker HEALTHCHECK (Docker's official images never do), so
   * Dagger dials the exposed port. "unknown": the image or the user's Dockerfile may define one, and the
   * generated builder drops it so the port check holds (see builder-steps.ts).
   */
  imageHealthcheck: "none" | "unknown";
  /** npm packages the generated smoke test needs, pinned. */
  npmClient?: Readonly<Record<string, string>>;
  /** PyPI packages the generated smoke test needs, pinned. */
  pipClient?: Readonly<Record<string, string>>;
}

const PORT_READY_INIT_SOCKET =
  "the image's init server listens on a Unix socket only, so the exposed TCP port opens when the real server is ready";

export const SERVICE_KINDS: readonly ServiceKind[] = [
  {
    kind: "postgres",
    title: "PostgreSQL (with extensions: pgvector, pg_search, PostGIS, ...)",
    source: "image",
    protocol: "postgres",
    options: ["version", "extensions", "database", "user"],
    defaultVersion: "16",
    images: IMAGE_PINS.postgres,
    containerPort: 5432,
    defaultHostPort: 5432,
    credentials: {
      passwordEnv: "POSTGRES_PASSWORD",
      userEnv: "POSTGRES_USER",
      databaseEnv: "POSTGRES_DB",
      defaultUser: "postgres",
    },
    defaultDatabase: "app",
    url: "postgresql://{user}:{password}@{host}:{port}/{database}",
    dataPath: "/var/lib/postgresql",
    readiness: PORT_READY_INIT_SOCKET,
    imageHealthcheck: "none",
    npmClient: { pg: "8.23.1", "@types/pg": "8.23.1" },
    pipClient: { asyncpg: "0.32.0" },
  },
  {
    kind: "redis",
    title: "Redis",
    source: "image",
    protocol: "redis",
    options: ["version"],
    defaultVersion: "7.4",
    images: IMAGE_PINS.redis,
    containerPort: 6379,
    defaultHostPort: 6379,
    // A password always: `up` publishes Redis on every interface of the machine (see stack.ts).
    credentials: { passwordEnv: "REDIS_PASSWORD", defaultUser: "default" },
    url: "redis://{user}:{password}@{host}:{port}",
    dataPath: "/data",
    // The image's entrypoint runs redis-server as the redis user; the password comes from the secret.
    args: ["sh", "-c", 'exec docker-entrypoint.sh redis-server --requirepass "$REDIS_PASSWORD"'],
    readiness: "redis-server opens its port once the dataset is loaded",
    imageHealthcheck: "none",
    npmClient: { redis: "6.3.1" },
    pipClient: { redis: "8.1.0" },
  },
  {
    kind: "mysql",
    title: "MySQL",
    source: "image",
    protocol: "mysql",
    options: ["version", "database", "user"],
    defaultVersion: "8.4",
    images: IMAGE_PINS.mysql,
    containerPort: 3306,
    defaultHostPort: 3306,
    credentials: {
      passwordEnv: "MYSQL_PASSWORD",
      userEnv: "MYSQL_USER",
      databaseEnv: "MYSQL_DATABASE",
      defaultUser: "app",
    },
    defaultDatabase: "app",
    url: "mysql://{user}:{password}@{host}:{port}/{database}",
    dataPath: "/var/lib/mysql",
    readiness:
      "the entrypoint runs its init server with --skip-networking, so the TCP port opens with the real server",
    imageHealthcheck: "none",
    npmClient: { mysql2: "3.24.6" },
    pipClient: { aiomysql: "0.3.2" },
  },
  {
    kind: "mariadb",
    title: "MariaDB",
    source: "image",
    protocol: "mysql",
    options: ["version", "database", "user"],
    defaultVersion: "11.4",
    images: IMAGE_PINS.mariadb,
    containerPort: 3306,
    defaultHostPort: 3306,
    credentials: {
      passwordEnv: "MARIADB_PASSWORD",
      userEnv: "MARIADB_USER",
      databaseEnv: "MARIADB_DATABASE",
      defaultUser: "app",
    },
    defaultDatabase: "app",
    url: "mysql://{user}:{password}@{host}:{port}/{database}",
    dataPath: "/var/lib/mysql",
    readiness:
      "the entrypoint runs its init server with --skip-networking, so the TCP port opens with the real server",
    imageHealthcheck: "none",
    npmClient: { mysql2: "3.24.6" },
    pipClient: { aiomysql: "0.3.2" },
  },
  {
    kind: "mongodb",
    title: "MongoDB",
    source: "image",
    protocol: "mongodb",
    options: ["version", "database", "user"],
    defaultVersion: "8.0",
    images: IMAGE_PINS.mongodb,
    containerPort: 27017,
    defaultHostPort: 27017,
    credentials: {
      passwordEnv: "MONGO_INITDB_ROOT_PASSWORD",
      userEnv: "MONGO_INITDB_ROOT_USERNAME",
      databaseEnv: "MONGO_INITDB_DATABASE",
      defaultUser: "root",
    },
    defaultDatabase: "app",
    url: "mongodb://{user}:{password}@{host}:{port}/{database}?authSource=admin",
    dataPath: "/data/db",
    readiness:
      "the entrypoint's init mongod binds 127.0.0.1 only, so the exposed port opens with the real server",
    imageHealthcheck: "none",
    npmClient: { mongodb: "7.9.0" },
    pipClient: { pymongo: "4.20.1" },
  },
  {
    kind: "chromadb",
    title: "Chroma (vector database)",
    source: "image",
    protocol: "http",
    options: ["version"],
    defaultVersion: "0.6",
    images: IMAGE_PINS.chromadb,
    containerPort: 8000,
    defaultHostPort: 8000,
    url: "http://{host}:{port}",
    dataPath: "/chroma/chroma",
    healthPath: "/api/v1/heartbeat",
    readiness: "uvicorn opens the port after the app has started",
    imageHealthcheck: "unknown",
  },
  {
    kind: "minio",
    title: "MinIO (S3-compatible storage)",
    source: "image",
    protocol: "http",
    options: ["version"],
    defaultVersion: "2024-11",
    images: IMAGE_PINS.minio,
    containerPort: 9000,
    defaultHostPort: 9000,
    credentials: { passwordEnv: "MINIO_ROOT_PASSWORD", userEnv: "MINIO_ROOT_USER", defaultUser: "minio" },
    url: "http://{host}:{port}",
    dataPath: "/data",
    args: ["server", "/data"],
    healthPath: "/minio/health/live",
    readiness: "MinIO opens its API port once the backend drive is initialised",
    imageHealthcheck: "unknown",
  },
  {
    kind: "backend",
    title: "Your backend (built from its Dockerfile)",
    source: "dockerfile",
    protocol: "http",
    options: ["build", "command", "healthPath"],
    containerPort: 8000,
    defaultHostPort: 8000,
    url: "http://{host}:{port}",
    healthPath: "/",
    readiness: "the port opens when the app listens; the smoke test then requests the health path",
    imageHealthcheck: "unknown",
  },
  {
    kind: "frontend",
    title: "Your frontend (built from its Dockerfile)",
    source: "dockerfile",
    protocol: "http",
    options: ["build", "command", "healthPath"],
    containerPort: 3000,
    defaultHostPort: 3000,
    url: "http://{host}:{port}",
    healthPath: "/",
    readiness: "the port opens when the server listens; the smoke test then requests the health path",
    imageHealthcheck: "unknown",
  },
  {
    kind: "custom",
    title: "Any image (system and pip packages, mounted folders)",
    source: "custom",
    protocol: "none",
    options: ["image", "packages", "mounts", "command", "healthPath"],
    readiness:
      "a custom container with a port is ready when the port accepts TCP; without a port it is not a service",
    imageHealthcheck: "unknown",
  },
];

export function findKind(kind: string): ServiceKind | undefined {
  return SERVICE_KINDS.find((entry) => entry.kind === kind);
}

export function kindNames(): string[] {
  return SERVICE_KINDS.map((entry) => entry.kind);
}
