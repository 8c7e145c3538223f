import { describe, expect, it } from "vitest";
import { POSTGRES_EXTENSIONS } from "../../src/spec/catalog/extensions.js";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { loadStack } from "../../src/spec/load.js";
import {
  type BuildRunResult,
  describeUnit,
  postgresSettingsFor,
  realRunLine,
  type ServersHere,
  selectTests,
} from "../support/build-run/index.js";
import { vitestFilterArgs } from "../support/build-run/languages/typescript/vitest-args.js";
import { fixtureSpec, fixtureSpecNames, normalized, service, spec } from "../support/builders.js";

const PG15_EXTENSIONS = [
  "vector",
  "postgis",
  "pgrouting",
  "pg_cron",
  "pg_partman",
  "hypopg",
  "pg_trgm",
  "hstore",
  "citext",
  "uuid-ossp",
  "pgcrypto",
  "btree_gin",
  "fuzzystrmatch",
];

function here(overrides: Partial<ServersHere> = {}): ServersHere {
  return {
    running: { postgres: "PostgreSQL 15.20", redis: "Redis" },
    missing: {},
    postgresExtensions: new Set(PG15_EXTENSIONS),
    settingConflicts: [],
    ...overrides,
  };
}

const fixture = (name: string) => loadStack(fixtureSpec(name), name);
const excludedUnits = (stack: ReturnType<typeof fixture>, servers = here()) =>
  Object.fromEntries(
    selectTests(stack, servers).excluded.map(({ unit, reason }) => [describeUnit(unit), reason]),
  );

describe("selectTests", () => {
  it("runs what a real server answers and says why it leaves out the rest", () => {
    const stack = fixture("all-kinds");
    const selection = selectTests(stack, here());
    expect(selection.smoke).toEqual(["postgres", "redis"]);
    const reasons = excludedUnits(stack);
    expect(reasons["api's smoke tests"]).toMatch(
      /built from the project's own Dockerfile \(\.\/api\/Dockerfile\)/,
    );
    expect(reasons["worker's smoke tests"]).toMatch(/a custom container \(node:22\.23\.2-bookworm-slim\)/);
    expect(reasons["mysql's smoke tests"]).toMatch(
      /no real mysql server here \(real servers: PostgreSQL 15\.20, Redis\)/,
    );
  });

  it("leaves out an extension the real Postgres lacks, and a matrix entry whose service has no real server", () => {
    const stack = fixture("knowledgebeast");
    const selection = selectTests(stack, here());
    expect(selection.matrix).toEqual([{ axis: "backend", target: "postgres" }]);
    expect(Object.keys(excludedUnits(stack))).toEqual([
      "postgres's pg_search test",
      "chromadb's smoke tests",
      "matrix backend=chromadb",
    ]);
    expect(excludedUnits(stack)["postgres's pg_search test"]).toMatch(
      /lacks pg_search \(not in pg_available_extensions\)/,
    );
  });

  it("leaves out an extension whose required extension is missing, naming the missing one", () => {
    // Normalisation adds postgis, which pgrouting requires.
    const stack = normalized(spec([service("postgres", { extensions: ["pgrouting"] })]));
    const withoutPostgis = here({ postgresExtensions: new Set(["pgrouting"]) });
    expect(excludedUnits(stack, withoutPostgis)).toEqual({
      "postgres's pgrouting test": expect.stringMatching(/lacks postgis \(/),
      "postgres's postgis test": expect.stringMatching(/lacks postgis \(/),
    });
  });

  it("runs the mysql, mariadb, mongodb, chromadb and minio kinds against the servers that speak for them", () => {
    const stack = fixture("all-kinds");
    const servers = here({
      running: {
        ...here().running,
        mariadb: "MariaDB 10.11.19",
        ferretdb: "FerretDB v1.24.2",
        chromadb: "ChromaDB 0.6.3",
        minio: "MinIO RELEASE.2024-11-07T00-52-20Z",
      },
    });
    const selection = selectTests(stack, servers);
    expect(selection.smoke).toEqual([
      "postgres",
      "redis",
      "mysql",
      "mariadb",
      "mongodb",
      "chromadb",
      "minio",
    ]);
    expect(selection.servers).toEqual({
      postgres: "PostgreSQL 15.20",
      redis: "Redis",
      mysql: "MariaDB 10.11.19",
      mariadb: "MariaDB 10.11.19",
      mongodb: "FerretDB v1.24.2",
      chromadb: "ChromaDB 0.6.3",
      minio: "MinIO RELEASE.2024-11-07T00-52-20Z",
    });
    expect(Object.keys(excludedUnits(stack, servers))).toEqual([
      "api's smoke tests",
      "web's smoke tests",
      "worker's smoke tests",
    ]);
  });

  it("runs both sides of a matrix when both have real servers, and says which server each used", () => {
    const stack = fixture("knowledgebeast");
    const servers = here({ running: { postgres: "PostgreSQL 15.20", chromadb: "ChromaDB 0.6.3" } });
    const selection = selectTests(stack, servers);
    expect(selection.matrix).toEqual([
      { axis: "backend", target: "chromadb" },
      { axis: "backend", target: "postgres" },
    ]);
    expect(realRunLine({ selection } as BuildRunResult)).toBe(
      "ran for real: postgres's smoke tests (PostgreSQL 15.20), chromadb's smoke tests (ChromaDB 0.6.3), matrix backend=chromadb (ChromaDB 0.6.3), matrix backend=postgres (PostgreSQL 15.20)",
    );
  });

  it("says why a real server is missing", () => {
    const stack = fixture("minimal");
    const noRedis = here({ running: {}, missing: { redis: "redis-server is not installed" } });
    expect(selectTests(stack, noRedis).smoke).toEqual([]);
    expect(excludedUnits(stack, noRedis)).toEqual({
      "cache's smoke tests": "the real redis server is not available here: redis-server is not installed",
    });
    const noChroma = here({ missing: { chromadb: "ChromaDB 0.6.3 is not installed at /opt/x" } });
    expect(excludedUnits(fixture("knowledgebeast"), noChroma)["matrix backend=chromadb"]).toBe(
      "chromadb: the real chromadb server is not available here: ChromaDB 0.6.3 is not installed at /opt/x",
    );
  });
});

describe("postgresSettingsFor", () => {
  it("starts the real Postgres with the preloads and settings the catalog gives the image", () => {
    expect(postgresSettingsFor(fixture("extensions")).settings).toEqual({
      shared_preload_libraries: "pg_cron",
      "cron.database_name": "ext_test",
    });
  });

  it("runs pg_cron in the database ParadeDB's image names, as the generated server does", () => {
    const stack = normalized(
      spec([service("postgres", { extensions: ["pg_search", "pg_cron"], database: "kb" })]),
    );
    expect(postgresSettingsFor(stack).settings).toEqual({
      shared_preload_libraries: "pg_cron",
      "cron.database_name": "postgres",
    });
  });

  it("reports the second pg_cron database as a conflict, and its test is left out with that reason", () => {
    const stack = normalized(
      spec([
        service("postgres", { name: "one", extensions: ["pg_cron"], database: "first" }),
        service("postgres", { name: "two", extensions: ["pg_cron"], database: "second" }),
      ]),
    );
    const { settings, conflicts } = postgresSettingsFor(stack);
    expect(settings["cron.database_name"]).toBe("first");
    expect(excludedUnits(stack, here({ settingConflicts: conflicts }))).toEqual({
      "two's pg_cron test":
        "the one real Postgres here runs with cron.database_name=first for another service; this one needs second",
    });
  });
});

describe("vitestFilterArgs", () => {
  const stack = fixture("knowledgebeast");
  const args = vitestFilterArgs(stack, selectTests(stack, here()));

  it("selects projects, excludes files and filters tests by name", () => {
    expect(args).toEqual([
      ...["--project", "smoke", "--project", "backend=postgres"],
      ...["--exclude", "tests/stack/smoke/chromadb.stack.ts"],
      ...["-t", "^(?!.*(?:pg_search: ))"],
    ]);
  });

  it("builds a name pattern that keeps every test but the excluded one", () => {
    const pattern = new RegExp(args.at(-1) ?? "");
    expect(
      pattern.test("postgres: postgres 16 with pgvector, pg_search pg_search: CREATE EXTENSION, then use it"),
    ).toBe(false);
    expect(
      pattern.test("postgres: postgres 16 with pgvector, pg_search pgvector: CREATE EXTENSION, then use it"),
    ).toBe(true);
    expect(pattern.test("backend matrix the selected backend is up and reachable")).toBe(true);
  });
});

describe("the build-run examples", () => {
  const stacks = fixtureSpecNames().map(fixture);

  it("cover every catalog kind", () => {
    const kinds = new Set(stacks.flatMap((stack) => stack.services.map((entry) => entry.kind.kind)));
    expect([...kinds].sort()).toEqual(SERVICE_KINDS.map((kind) => kind.kind).sort());
  });

  it("cover every Postgres extension", () => {
    const extensions = new Set(
      stacks.flatMap((stack) =>
        stack.services.flatMap((entry) => entry.extensions.map((extension) => extension.id)),
      ),
    );
    expect([...extensions].sort()).toEqual(POSTGRES_EXTENSIONS.map((extension) => extension.id).sort());
  });
});
