import { describe, expect, it } from "vitest";
import { isCredentialName, parseUrl, revealsCredential } from "../../src/migrate/credentials.js";
import { catalogMatch, isUnpinned, parseImage } from "../../src/migrate/images.js";
import { stackNames } from "../../src/migrate/names.js";
import { SecretPool } from "../../src/migrate/secrets.js";
import { migrationDocView } from "../../src/render/migration-doc.js";

/** The converter's small pieces, as tables: image families, credential names, URLs, names, secrets. */
describe("images of the catalog's families", () => {
  it.each([
    ["postgres:16.4", { kind: "postgres", extensions: [], version: "16", taggedVersion: "16" }],
    [
      "docker.io/library/postgres:17.2-alpine",
      { kind: "postgres", extensions: [], version: "17", taggedVersion: "17" },
    ],
    ["postgres:13", { kind: "postgres", extensions: [], taggedVersion: "13" }],
    [
      "postgis/postgis:16-3.4",
      { kind: "postgres", extensions: ["postgis"], version: "16", taggedVersion: "16" },
    ],
    [
      "pgvector/pgvector:0.8.0-pg17",
      { kind: "postgres", extensions: ["pgvector"], version: "17", taggedVersion: "17" },
    ],
    [
      "paradedb/paradedb:0.15.1-pg16",
      { kind: "postgres", extensions: ["pg_search"], version: "16", taggedVersion: "16" },
    ],
    ["redis:7.4.1-alpine", { kind: "redis", extensions: [], version: "7.4", taggedVersion: "7.4" }],
    ["valkey/valkey:8.0", { kind: "redis", extensions: [] }],
    ["mysql:8.0.40", { kind: "mysql", extensions: [], version: "8.0", taggedVersion: "8.0" }],
    ["mariadb:11.4", { kind: "mariadb", extensions: [], version: "11.4", taggedVersion: "11.4" }],
    ["mongo:7.0.14", { kind: "mongodb", extensions: [], version: "7.0", taggedVersion: "7.0" }],
    [
      "ghcr.io/chroma-core/chroma:0.6.3",
      { kind: "chromadb", extensions: [], version: "0.6", taggedVersion: "0.6" },
    ],
    ["quay.io/minio/minio:RELEASE.2024-11-07T00-52-20Z", { kind: "minio", extensions: [] }],
  ])("%s is a catalog service", (image, match) => {
    expect(catalogMatch(image)).toEqual(match);
  });

  it.each([
    "bitnami/postgresql:16",
    "registry.example.com:5000/postgres:16",
    "ghcr.io/acme/redis:7",
    "nginx:1.27",
  ])("%s is a container of its own", (image) => {
    expect(catalogMatch(image)).toBeUndefined();
  });

  it("reads registry ports apart from tags, and knows a moving tag from a pinned one", () => {
    expect(parseImage("localhost:5000/app")).toEqual({ repository: "localhost:5000/app" });
    expect(parseImage("localhost:5000/app:2@sha256:abc")).toEqual({
      repository: "localhost:5000/app",
      tag: "2",
      digest: "sha256:abc",
    });
    expect(["postgres", "postgres:latest"].map((image) => isUnpinned(parseImage(image)))).toEqual([
      true,
      true,
    ]);
    expect(["postgres:16", "postgres@sha256:abc"].map((image) => isUnpinned(parseImage(image)))).toEqual([
      false,
      false,
    ]);
  });
});

describe("credentials", () => {
  it.each([
    "POSTGRES_PASSWORD",
    "DB_PASS",
    "SECRET_KEY",
    "STRIPE_KEY",
    "OPENAI_API_KEY",
    "GITHUB_TOKEN",
    "AWS_SECRET_ACCESS_KEY",
    "MEILI_MASTER_KEY",
    "JWT_SECRET",
  ])("%s names a credential", (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    "POSTGRES_PASSWORD_FILE",
    "PUBLIC_KEY",
    "KEY_PREFIX",
    "MONKEY",
    "POSTGRES_HOST_AUTH_METHOD",
    "PASSENGER",
  ])("%s does not", (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  it("reads URLs part by part, as written", () => {
    expect(parseUrl("postgresql+asyncpg://app:s3cret@db:5432/shop?sslmode=disable")).toEqual({
      scheme: "postgresql+asyncpg",
      user: "app",
      password: "s3cret",
      host: "db",
      port: "5432",
      path: "/shop",
      query: "?sslmode=disable",
    });
    expect(parseUrl("redis://:pw@cache:6379/0")).toEqual({
      scheme: "redis",
      password: "pw",
      host: "cache",
      port: "6379",
      path: "/0",
    });
    expect(parseUrl("db:5432")).toBeUndefined();
  });

  it("a value gives a credential away when it holds a distinctive one, not a common default by chance", () => {
    expect(revealsCredential("host=db password=hunt3r2", ["hunt3r2"])).toBe(true);
    expect(revealsCredential("correct-horse-battery", ["correct-horse-battery"])).toBe(true);
    expect(revealsCredential("postgres -c max_connections=200", ["postgres"])).toBe(false);
    expect(revealsCredential("upward", ["pw"])).toBe(false);
  });
});

describe("stack names", () => {
  it("keeps valid names and makes the others valid, unique and not reserved", () => {
    const names = stackNames(["db_main", "API", "db-main", "client", "1cache", "web"]);
    expect(Object.fromEntries(names)).toEqual({
      db_main: "db-main-2",
      API: "api",
      "db-main": "db-main",
      client: "client-service",
      "1cache": "service-1cache",
      web: "web",
    });
  });
});

describe("the secret pool", () => {
  it("one secret per value; a value a catalog service takes is made by the stack, others come from the host", () => {
    const pool = new SecretPool();
    const root = pool.add("r00t", { name: "MYSQL_ROOT_PASSWORD", user: "mysql", catalog: true });
    expect(pool.add("r00t", { name: "DB_ROOT", user: "app", catalog: false })).toBe(root);
    const token = pool.add("t0ken", { name: "API_TOKEN", user: "app", catalog: false });
    const other = pool.add("0ther", { name: "API_TOKEN", user: "worker", catalog: false });
    const clash = pool.add("s3cond", { name: "MYSQL_ROOT_PASSWORD", user: "mysql-2", catalog: true });
    expect(pool.reference(root)).toEqual({ secret: "MYSQL_ROOT_PASSWORD" });
    expect(pool.reference(clash)).toEqual({ secret: "MYSQL_ROOT_PASSWORD_2" });
    expect([pool.reference(token), pool.reference(other)]).toEqual(["env://API_TOKEN", "env://API_TOKEN"]);
    expect(pool.secrets().map((secret) => ({ ...secret.report, spec: secret.spec }))).toEqual([
      {
        variable: "MYSQL_ROOT_PASSWORD",
        usedBy: ["mysql", "app"],
        source: "generated",
        spec: { generate: true },
      },
      { variable: "API_TOKEN", usedBy: ["app", "worker"], source: "host", spec: undefined },
      {
        variable: "MYSQL_ROOT_PASSWORD_2",
        usedBy: ["mysql-2"],
        source: "generated",
        spec: { generate: true },
      },
    ]);
  });
});

describe("docs/dagger-migration.md's cells", () => {
  it("escape table separators and keep each cell and warning on one line", () => {
    const view = migrationDocView({
      project: "shop",
      found: {
        composeFiles: ["compose.yaml"],
        envFiles: [],
        profiles: { selected: [], declared: [] },
        workflows: [],
        dependencies: [],
        dockerfiles: [],
      },
      counts: { converted: 0, approximated: 1, dropped: 0 },
      report: {
        services: [
          {
            name: "web",
            source: "compose.yaml",
            status: "converted",
            kind: "custom",
            keys: [{ key: "healthcheck", status: "approximated", note: "curl a | grep b\nthen c" }],
          },
        ],
        secrets: [],
        tests: [],
        ci: [],
        warnings: ["first line\nsecond line"],
      },
    });
    expect(view.converted[0]?.keys[0]?.note).toBe("curl a \\| grep b then c");
    expect(view.warnings).toEqual(["first line second line"]);
  });
});
