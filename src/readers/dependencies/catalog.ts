/**
 * Which client libraries and ORM settings point at which service kind of the stack's catalog
 * (src/spec/catalog/services.ts). Tables, not branches: a new driver is one line.
 */
export type ProposedKind = "postgres" | "redis" | "mysql" | "mariadb" | "mongodb" | "chromadb" | "minio";

export interface Signal {
  kind: ProposedKind;
  /** A Postgres extension the library implies (pgvector's client implies the extension). */
  extension?: string;
}

const postgres: Signal = { kind: "postgres" };
const redis: Signal = { kind: "redis" };
const mysql: Signal = { kind: "mysql" };
const mariadb: Signal = { kind: "mariadb" };
const mongodb: Signal = { kind: "mongodb" };
const chromadb: Signal = { kind: "chromadb" };
const minio: Signal = { kind: "minio" };
const pgvector: Signal = { kind: "postgres", extension: "pgvector" };

export const NPM_PACKAGES: Readonly<Record<string, Signal>> = {
  pg: postgres,
  postgres,
  "pg-promise": postgres,
  "@vercel/postgres": postgres,
  pgvector,
  ioredis: redis,
  redis,
  mysql2: mysql,
  mysql,
  mariadb,
  mongodb,
  mongoose: mongodb,
  chromadb,
  minio,
};

/** By normalised PyPI name (PEP 503). */
export const PYTHON_PACKAGES: Readonly<Record<string, Signal>> = {
  asyncpg: postgres,
  psycopg: postgres,
  "psycopg-binary": postgres,
  psycopg2: postgres,
  "psycopg2-binary": postgres,
  pgvector,
  redis,
  aioredis: redis,
  pymongo: mongodb,
  motor: mongodb,
  chromadb,
  "chromadb-client": chromadb,
  mysqlclient: mysql,
  pymysql: mysql,
  aiomysql: mysql,
  asyncmy: mysql,
  mariadb,
  minio,
};

/** Database names as ORMs and URLs spell them; null: a database the stack has no container for. */
export const DATABASE_NAMES: Readonly<Record<string, Signal | null>> = {
  postgres,
  postgresql: postgres,
  pg: postgres,
  mysql,
  mysql2: mysql,
  mariadb,
  mongodb,
  "mongodb+srv": mongodb,
  redis,
  rediss: redis,
  cockroachdb: null,
  sqlserver: null,
  mssql: null,
  oracle: null,
  oracledb: null,
};

/** Embedded databases need no container: not proposed, and not worth a warning. */
export const EMBEDDED_DATABASES = new Set([
  "sqlite",
  "sqlite3",
  "better-sqlite3",
  "better-sqlite",
  "libsql",
  "turso",
  "sqljs",
]);

/** Prisma's `extensions = [...]` names for Postgres extensions the catalog knows. */
export const PRISMA_EXTENSIONS: Readonly<Record<string, string>> = {
  vector: "pgvector",
  pgvector: "pgvector",
  postgis: "postgis",
  pg_trgm: "pg_trgm",
  hstore: "hstore",
  citext: "citext",
  uuid_ossp: "uuid-ossp",
};
