import { describe, expect, it } from "vitest";
import { PARADEDB_VERSION } from "../../../src/spec/catalog/extensions.js";
import { custom, normalized, service, serviceOf, spec } from "../../support/builders.js";

describe("normalizeSpec: stack defaults", () => {
  it("defaults language, CI and runtime versions, and keeps the name's derived forms", () => {
    const stack = normalized(spec([service("redis")], { name: "KnowledgeBeast" }));
    expect(stack.language).toBe("typescript");
    expect(stack.ci).toBe("github");
    expect(stack.nodeVersions).toEqual(["22", "24"]);
    expect(stack.pythonVersions).toEqual(["3.11", "3.12"]);
    expect(stack.names.pascal).toBe("KnowledgeBeast");
    expect(stack.notes).toEqual([]);
  });
});

describe("normalizeSpec: defaults per kind", () => {
  it.each([
    // kind, version, image, container port, host port, user, database
    ["postgres", "16", /^postgres:16\.\d+-bookworm$/, 5432, 5432, "postgres", "app"],
    ["redis", "7.4", /^redis:7\.4\.\d+-bookworm$/, 6379, 6379, "default", undefined],
    ["mysql", "8.4", /^mysql:8\.4\.\d+-oraclelinux9$/, 3306, 3306, "app", "app"],
    ["mariadb", "11.4", /^mariadb:11\.4\.\d+-noble$/, 3306, 3306, "app", "app"],
    ["mongodb", "8.0", /^mongo:8\.0\.\d+-noble$/, 27017, 27017, "root", "app"],
    ["chromadb", "0.6", /^chromadb\/chroma:0\.6\.\d+$/, 8000, 8000, undefined, undefined],
    ["minio", "2024-11", /^minio\/minio:RELEASE\.2024-11-/, 9000, 9000, "minio", undefined],
  ] as const)(
    "%s: version %s, pinned image, port %i",
    (kind, version, image, port, hostPort, user, database) => {
      const normal = serviceOf(normalized(spec([service(kind)])), kind);
      expect(normal.version).toBe(version);
      expect(normal.image).toMatch(image);
      expect(normal.containerPort).toBe(port);
      expect(normal.hostPort).toBe(hostPort);
      expect(normal.user).toBe(user);
      expect(normal.database).toBe(database);
      expect(normal.build).toBeUndefined();
    },
  );

  it("pins the image of the version asked for", () => {
    const normal = serviceOf(normalized(spec([service("postgres", { version: "18" })])), "postgres");
    expect(normal.image).toMatch(/^postgres:18\.\d+-bookworm$/);
  });

  it("keeps the user's own image, user and database", () => {
    const input = spec([
      service("postgres", { image: "ghcr.io/acme/pg:16.4", user: "kb", database: "kb_test" }),
    ]);
    const normal = serviceOf(normalized(input), "postgres");
    expect(normal).toMatchObject({ image: "ghcr.io/acme/pg:16.4", user: "kb", database: "kb_test" });
  });

  it.each([
    ["backend", 8000, "./backend"],
    ["frontend", 3000, "./frontend"],
  ] as const)("%s builds from ./<name>/Dockerfile and listens on %i", (kind, port, context) => {
    const normal = serviceOf(normalized(spec([service(kind)])), kind);
    expect(normal.build).toEqual({ context, dockerfile: "Dockerfile", args: [] });
    expect(normal.image).toBeUndefined();
    expect(normal.containerPort).toBe(port);
    expect(normal.healthPath).toBe("/");
  });

  it("takes a build given as a string as its context", () => {
    const normal = serviceOf(
      normalized(spec([service("backend", { name: "api", build: "./services/api" })])),
      "api",
    );
    expect(normal.build).toEqual({ context: "./services/api", dockerfile: "Dockerfile", args: [] });
  });

  it("makes a custom container without a port a container, not a service", () => {
    const normal = serviceOf(normalized(spec([custom("worker")])), "worker");
    expect(normal.containerPort).toBeUndefined();
    expect(normal.hostPort).toBeUndefined();
    expect(normal.healthPath).toBeUndefined();
    expect(normal.version).toBeUndefined();
  });

  it("makes a custom container with a port listen on it, HTTP only with a healthPath", () => {
    const stack = normalized(
      spec([custom("opa", { port: 8181, healthPath: "/health" }), custom("tcp", { port: 9999 })]),
    );
    expect(serviceOf(stack, "opa")).toMatchObject({
      containerPort: 8181,
      hostPort: 8181,
      healthPath: "/health",
    });
    expect(serviceOf(stack, "tcp").healthPath).toBeUndefined();
  });

  it("gives minio its server arguments and keeps user commands", () => {
    const stack = normalized(spec([service("minio"), custom("job", { command: ["node", "job.js"] })]));
    expect(serviceOf(stack, "minio").command).toEqual(["server", "/data"]);
    expect(serviceOf(stack, "job").command).toEqual(["node", "job.js"]);
  });

  it("splits env into literals and host variables", () => {
    const input = spec([
      service("backend", { env: { LOG_LEVEL: "info", WORKERS: 4, API_KEY: "env://MY_API_KEY" } }),
    ]);
    expect(serviceOf(normalized(input), "backend").env).toEqual([
      { name: "LOG_LEVEL", type: "literal", value: "info" },
      { name: "WORKERS", type: "literal", value: "4" },
      { name: "API_KEY", type: "hostEnv", variable: "MY_API_KEY" },
    ]);
  });

  it("takes mounts as objects or source:target strings", () => {
    const input = spec([custom("audio", { mounts: ["./a:/a", { source: "./b", target: "/b" }] })]);
    expect(serviceOf(normalized(input), "audio").mounts).toEqual([
      { type: "directory", source: "./a", target: "/a" },
      { type: "directory", source: "./b", target: "/b" },
    ]);
  });
});

describe("normalizeSpec: host ports", () => {
  it("moves a default host port that is taken up to a free one, with a note", () => {
    const stack = normalized(spec([service("mysql"), service("mariadb")]));
    expect(serviceOf(stack, "mysql").hostPort).toBe(3306);
    expect(serviceOf(stack, "mariadb").hostPort).toBe(3307);
    expect(stack.notes).toEqual(["mariadb: host port 3306 is taken, using 3307"]);
  });

  it("keeps explicit ports and moves defaults around them", () => {
    const stack = normalized(
      spec([
        service("mysql"),
        service("mariadb", { port: 3307 }),
        service("redis", { port: 3308 }),
        service("mongodb"),
      ]),
    );
    expect(serviceOf(stack, "mariadb").hostPort).toBe(3307);
    expect(serviceOf(stack, "redis").hostPort).toBe(3308);
    expect(serviceOf(stack, "mysql").hostPort).toBe(3306);
    expect(serviceOf(stack, "mongodb").hostPort).toBe(27017);
  });

  it("moves a default away from an explicit port given by a later service", () => {
    const stack = normalized(spec([service("postgres"), service("redis", { port: 5432 })]));
    expect(serviceOf(stack, "redis").hostPort).toBe(5432);
    expect(serviceOf(stack, "postgres").hostPort).toBe(5433);
    expect(stack.notes).toEqual(["postgres: host port 5432 is taken, using 5433"]);
  });

  it("gives every listening service a distinct host port", () => {
    const kinds = ["backend", "chromadb", "backend", "chromadb"];
    const stack = normalized(spec(kinds.map((kind, index) => service(kind, { name: `s${index}` }))));
    const ports = stack.services.map((normal) => normal.hostPort);
    expect(new Set(ports).size).toBe(4);
    expect([...ports].sort()).toEqual([8000, 8001, 8002, 8003]);
  });
});

describe("normalizeSpec: Postgres extensions", () => {
  it.each(["16", "17"])("switches the image to ParadeDB's for pg_search on %s", (version) => {
    const normal = serviceOf(
      normalized(spec([service("postgres", { version, extensions: ["pg_search"] })])),
      "postgres",
    );
    expect(normal.image).toBe(`paradedb/paradedb:${PARADEDB_VERSION}-pg${version}`);
  });

  it("keeps the official image when no extension needs another", () => {
    const normal = serviceOf(
      normalized(spec([service("postgres", { extensions: ["pgvector"] })])),
      "postgres",
    );
    expect(normal.image).toMatch(/^postgres:16\./);
  });

  it.each([
    [["pgrouting"], ["postgis", "pgrouting"]],
    [
      ["pgrouting", "postgis"],
      ["postgis", "pgrouting"],
    ],
    [
      ["pgvector", "pgrouting"],
      ["pgvector", "postgis", "pgrouting"],
    ],
    [
      ["vector", "pg_trgm"],
      ["pgvector", "pg_trgm"],
    ],
  ])("resolves %j to %j, requirements first and each once", (requested, expected) => {
    const normal = serviceOf(normalized(spec([service("postgres", { extensions: requested })])), "postgres");
    expect(normal.extensions.map((extension) => extension.id)).toEqual(expected);
  });
});

describe("normalizeSpec: matrix", () => {
  it("adds a catalog kind the stack lacks as a service, with a note", () => {
    const stack = normalized(spec([service("postgres")], { matrix: { store: ["chromadb", "postgres"] } }));
    expect(stack.services.map((normal) => normal.name)).toEqual(["postgres", "chromadb"]);
    expect(serviceOf(stack, "chromadb").kind.kind).toBe("chromadb");
    expect(stack.notes).toEqual(['added service "chromadb" (kind chromadb) because matrix.store lists it']);
    expect(stack.matrix).toEqual([
      expect.objectContaining({ name: "store", targets: ["chromadb", "postgres"] }),
    ]);
  });

  it("resolves a kind to the single service of that kind", () => {
    const stack = normalized(
      spec([service("postgres", { name: "db" })], { matrix: { store: ["postgres"] } }),
    );
    expect(stack.services.map((normal) => normal.name)).toEqual(["db"]);
    expect(stack.matrix[0]?.targets).toEqual(["db"]);
    expect(stack.notes).toEqual([]);
  });

  it("derives the fixture names of an axis", () => {
    const stack = normalized(spec([service("postgres")], { matrix: { vector_store: ["postgres"] } }));
    expect(stack.matrix[0]?.names.camel).toBe("vectorStore");
  });

  it("starts an added service with the others and moves its host port if needed", () => {
    const stack = normalized(spec([service("backend", { port: 8000 })], { matrix: { store: ["chromadb"] } }));
    expect(serviceOf(stack, "chromadb").hostPort).toBe(8001);
    expect(stack.startLevels).toEqual([["backend", "chromadb"]]);
  });
});

describe("normalizeSpec: start levels", () => {
  it("starts independent services together and dependents after their dependencies", () => {
    const stack = normalized(
      spec([
        service("frontend", { dependsOn: ["backend"] }),
        service("backend", { dependsOn: ["postgres", "redis"] }),
        service("postgres"),
        service("redis"),
      ]),
    );
    expect(stack.startLevels).toEqual([["postgres", "redis"], ["backend"], ["frontend"]]);
  });

  it("leaves containers without a port out of the start order", () => {
    const stack = normalized(spec([service("redis"), custom("worker", { dependsOn: ["redis"] })]));
    expect(stack.startLevels).toEqual([["redis"]]);
  });
});
