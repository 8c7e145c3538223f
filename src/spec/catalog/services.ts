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
  /** Pinned image per version. */
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
    images: {
      "16": "postgres:16.11-bookworm",
      "17": "postgres:17.7-bookworm",
      "18": "postgres:18.1-bookworm",
      "15": "postgres:15.15-bookworm",
      "14": "postgres:14.20-bookworm",
    },
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
    images: { "7.4": "redis:7.4.1-bookworm", "7.2": "redis:7.2.6-bookworm", "8.0": "redis:8.0.2-bookworm" },
    containerPort: 6379,
    defaultHostPort: 6379,
    url: "redis://{host}:{port}",
    dataPath: "/data",
    readiness: "redis-server opens its port once the dataset is loaded",
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
    images: { "8.4": "mysql:8.4.3", "8.0": "mysql:8.0.40" },
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
    images: { "11.4": "mariadb:11.4.4", "10.11": "mariadb:10.11.10" },
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
    images: { "8.0": "mongo:8.0.3", "7.0": "mongo:7.0.14" },
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
    images: { "0.6": "chromadb/chroma:0.6.3" },
    containerPort: 8000,
    defaultHostPort: 8000,
    url: "http://{host}:{port}",
    dataPath: "/chroma/chroma",
    healthPath: "/api/v1/heartbeat",
    readiness: "uvicorn opens the port after the app has started",
  },
  {
    kind: "minio",
    title: "MinIO (S3-compatible storage)",
    source: "image",
    protocol: "http",
    options: ["version"],
    defaultVersion: "2024-11",
    images: { "2024-11": "minio/minio:RELEASE.2024-11-07T00-52-20Z" },
    containerPort: 9000,
    defaultHostPort: 9000,
    credentials: { passwordEnv: "MINIO_ROOT_PASSWORD", userEnv: "MINIO_ROOT_USER", defaultUser: "minio" },
    url: "http://{host}:{port}",
    dataPath: "/data",
    args: ["server", "/data"],
    healthPath: "/minio/health/live",
    readiness: "MinIO opens its API port once the backend drive is initialised",
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
  },
  {
    kind: "custom",
    title: "Any image (system and pip packages, mounted folders)",
    source: "custom",
    protocol: "none",
    options: ["image", "packages", "mounts", "command", "healthPath"],
    readiness:
      "a custom container with a port is ready when the port accepts TCP; without a port it is not a service",
  },
];

export function findKind(kind: string): ServiceKind | undefined {
  return SERVICE_KINDS.find((entry) => entry.kind === kind);
}

export function kindNames(): string[] {
  return SERVICE_KINDS.map((entry) => entry.kind);
}
