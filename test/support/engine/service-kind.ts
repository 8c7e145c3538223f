import type { ContainerFacts, ObjectState, ObjectStore } from "./state.js";

export interface PostgresLogin {
  user: string;
  password?: string;
  database: string;
}

export type ServiceKind =
  | { kind: "postgres"; login: PostgresLogin }
  | { kind: "redis"; password?: string }
  | { kind: "none" };

const POSTGRES_IMAGES = [/^postgres(?:[:@]|$)/, /^paradedb\//, /^pgvector\//, /^postgis\//];
const REDIS_IMAGES = [/^redis(?:[:@]|$)/, /^redis\//, /^valkey\//];

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

function classifyContainer(store: ObjectStore, container: ContainerFacts): ServiceKind {
  const image = normalizeImage(container.from ?? "");
  const env = (name: string) => envValue(store, container, name);
  const hasPostgresPassword =
    "POSTGRES_PASSWORD" in container.env || "POSTGRES_PASSWORD" in container.secretEnv;
  if (POSTGRES_IMAGES.some((pattern) => pattern.test(image)) || hasPostgresPassword) {
    const user = env("POSTGRES_USER") || "postgres";
    const password = env("POSTGRES_PASSWORD");
    return {
      kind: "postgres",
      login: { user, database: env("POSTGRES_DB") || user, ...(password === undefined ? {} : { password }) },
    };
  }
  if (REDIS_IMAGES.some((pattern) => pattern.test(image))) {
    // The generated Redis reads its password from REDIS_PASSWORD (`redis-server --requirepass`).
    const password = env("REDIS_PASSWORD");
    return { kind: "redis", ...(password === undefined ? {} : { password }) };
  }
  return { kind: "none" };
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
