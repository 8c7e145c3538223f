import type { ContainerFacts, ObjectState, ObjectStore } from "./state.js";
import type { ServerRequest } from "./types.js";

export interface PostgresLogin {
  user: string;
  password?: string;
  database: string;
}

export type ServiceKind =
  | { kind: "postgres"; login: PostgresLogin }
  | { kind: "redis"; password?: string }
  | { kind: "launched"; request: ServerRequest }
  | { kind: "none" };

const POSTGRES_IMAGES = [/^postgres(?:[:@]|$)/, /^paradedb\//, /^pgvector\//, /^postgis\//];
const REDIS_IMAGES = [/^redis(?:[:@]|$)/, /^redis\//, /^valkey\//];
const MYSQL_IMAGES = [/^mysql(?:[:@]|$)/, /^mariadb(?:[:@]|$)/];
const MONGO_IMAGES = [/^mongo(?:[:@]|$)/];
const CHROMA_IMAGES = [/^chromadb\/chroma(?:[:@]|$)/];
const MINIO_IMAGES = [/^minio\/minio(?:[:@]|$)/];

/** Decides which real server stands in for a service (for a tunnel: for its target). */
export function classifyService(store: ObjectStore, service: ObjectState): ServiceKind {
  const facts = service.service;
  if (facts?.kind === "tunnel") {
    const target = store.get(facts.targetId);
    return target ? classifyService(store, target) : { kind: "none" };
  }
  if (facts?.kind !== "container") return { kind: "none" };
  const container = store.get(facts.containerId)?.container;
  return container ? classifyContainer(store, container) : { kind: "none" };
}

type Env = (name: string) => string | undefined;

function classifyContainer(store: ObjectStore, container: ContainerFacts): ServiceKind {
  const image = normalizeImage(container.from ?? "");
  const env: Env = (name) => envValue(store, container, name);
  const isSet = (name: string) => name in container.env || name in container.secretEnv;
  const matches = (patterns: RegExp[]) => patterns.some((pattern) => pattern.test(image));
  if (matches(POSTGRES_IMAGES) || isSet("POSTGRES_PASSWORD")) return postgres(env);
  if (matches(REDIS_IMAGES)) {
    // The generated Redis reads its password from REDIS_PASSWORD (`redis-server --requirepass`).
    const password = env("REDIS_PASSWORD");
    return { kind: "redis", ...(password === undefined ? {} : { password }) };
  }
  if (matches(MYSQL_IMAGES) || isSet("MYSQL_PASSWORD") || isSet("MARIADB_PASSWORD")) return mysql(env);
  if (matches(MONGO_IMAGES)) return mongo(env);
  const tag = imageTag(image);
  if (matches(CHROMA_IMAGES) && tag) return launched({ server: "chromadb", version: tag });
  if (matches(MINIO_IMAGES) && tag) return minio(tag, env);
  return { kind: "none" };
}

function postgres(env: Env): ServiceKind {
  const user = env("POSTGRES_USER") || "postgres";
  const password = env("POSTGRES_PASSWORD");
  return {
    kind: "postgres",
    login: { user, database: env("POSTGRES_DB") || user, ...(password === undefined ? {} : { password }) },
  };
}

/** The mysql image reads MYSQL_*, the mariadb image MARIADB_* (or MYSQL_*); without a user, root. */
function mysql(env: Env): ServiceKind {
  const either = (suffix: string) => env(`MARIADB_${suffix}`) ?? env(`MYSQL_${suffix}`);
  const user = either("USER");
  const password = user ? either("PASSWORD") : either("ROOT_PASSWORD");
  const database = either("DATABASE");
  return launched({
    server: "mariadb",
    login: {
      user: user || "root",
      ...(password === undefined ? {} : { password }),
      ...(database ? { database } : {}),
    },
  });
}

/** The mongo image creates a root user in `admin` only when given both name and password. */
function mongo(env: Env): ServiceKind {
  const user = env("MONGO_INITDB_ROOT_USERNAME");
  const password = env("MONGO_INITDB_ROOT_PASSWORD");
  return launched({ server: "ferretdb", ...(user && password ? { login: { user, password } } : {}) });
}

function minio(release: string, env: Env): ServiceKind {
  const rootUser = env("MINIO_ROOT_USER");
  const rootPassword = env("MINIO_ROOT_PASSWORD");
  return launched({
    server: "minio",
    release,
    ...(rootUser ? { rootUser } : {}),
    ...(rootPassword ? { rootPassword } : {}),
  });
}

function launched(request: ServerRequest): ServiceKind {
  return { kind: "launched", request };
}

/** `chromadb/chroma:0.6.3` and `chromadb/chroma:0.6.3@sha256:…` are tagged 0.6.3; undefined without a tag. */
export function imageTag(image: string): string | undefined {
  const withoutDigest = image.split("@")[0] ?? "";
  const colon = withoutDigest.lastIndexOf(":");
  return colon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(colon + 1) || undefined : undefined;
}

/** `docker.io/library/postgres:16` and `postgres:16` name the same image. */
export function normalizeImage(address: string): string {
  return address.replace(/^(?:index\.)?docker\.io\//, "").replace(/^library\//, "");
}

/** A variable's value, whether set in plain text or from a secret the stand-in saw the plaintext of. */
function envValue(store: ObjectStore, container: ContainerFacts, name: string): string | undefined {
  const plain = container.env[name];
  if (plain !== undefined) return plain;
  const secretId = container.secretEnv[name];
  return secretId === undefined ? undefined : secretPlaintext(store, secretId);
}

function secretPlaintext(store: ObjectStore, secretId: string): string | undefined {
  const known = store.plaintextOf(secretId);
  if (known !== undefined) return known;
  const uri = store.get(secretId)?.secret;
  const envVar = uri?.source === "uri" ? /^env:\/\/(.+)$/.exec(uri.name)?.[1] : undefined;
  return envVar === undefined ? undefined : process.env[envVar];
}
