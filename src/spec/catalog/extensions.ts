import { PARADEDB_VERSION, paradedbImage } from "./images.js";

export { PARADEDB_VERSION };

/**
 * Postgres extensions as data. Each record says how the extension gets into the image for a given major
 * version: it ships with Postgres (contrib), it is an apt package from the PGDG repository that the
 * official postgres images already carry, or it needs a ready-made base image. Never a source build
 * where a package exists.
 */
export type ExtensionInstall =
  | { via: "builtin" }
  | { via: "apt"; packages: (major: number) => string[] }
  | { via: "image"; ready: ReadyImage };

/** A Postgres image that comes with extensions, and with a postgresql.conf its own start-up relies on. */
export interface ReadyImage {
  image: (major: number) => string;
  /** Extensions (catalog ids) the image already ships: they are never installed again. */
  ships: readonly string[];
  /** The image's `shared_preload_libraries`: server flags that set the list must keep every entry. */
  preloads: readonly string[];
  /** Other settings of the image's postgresql.conf that its start-up scripts rely on: never overridden. */
  settings: Readonly<Record<string, string>>;
  /** What the image does at start-up with these, in the user's terms, for the generated comments. */
  notes: string;
}

export interface PostgresExtension {
  /** The name users write in the spec. */
  id: string;
  /** The name given to CREATE EXTENSION. */
  sqlName: string;
  title: string;
  majors: readonly number[];
  install: ExtensionInstall;
  /** Extensions this one needs installed and created first (CREATE EXTENSION ... CASCADE creates them). */
  requires: readonly string[];
  /** Libraries that must be in shared_preload_libraries before CREATE EXTENSION works. */
  preload: readonly string[];
  /** Extra server settings the extension needs (`-c key=value`). `{database}` is replaced. */
  settings: Readonly<Record<string, string>>;
  /** The setting that names the one database the extension can be created in, when there is one. */
  databaseSetting?: string;
  /** Statements that prove the extension works, run in order by the generated smoke test after CREATE EXTENSION. */
  smokeSql: readonly string[];
  /** The rows the last statement returns, as node-postgres and asyncpg decode them. */
  smokeRows: readonly Readonly<Record<string, string | number | boolean>>[];
  /** Why a version is unsupported, shown as the hint when someone asks for it. */
  unsupportedHint?: string;
}

const ALL_MAJORS = [14, 15, 16, 17, 18] as const;

/**
 * ParadeDB's image (`FROM postgres:<major>`, ParadeDB's Dockerfile and bootstrap script): it ships pgvector,
 * pg_cron, PostGIS and pg_ivm, preloads pg_search, pg_cron and pg_stat_statements, and runs pg_cron in the
 * `postgres` database, where its bootstrap script creates pg_cron before it creates pg_search and the rest.
 */
export const PARADEDB: ReadyImage = {
  image: paradedbImage,
  ships: ["pgvector", "pg_cron", "postgis"],
  preloads: ["pg_search", "pg_cron", "pg_stat_statements"],
  settings: { "cron.database_name": "postgres" },
  notes:
    "its start-up script creates pg_cron in the postgres database and pg_search everywhere, so its preload list and cron.database_name must stay as they are",
};

const pgdg = (name: string) => (major: number) => [`postgresql-${major}-${name}`];

export const POSTGRES_EXTENSIONS: readonly PostgresExtension[] = [
  {
    id: "pgvector",
    sqlName: "vector",
    title: "pgvector — vector similarity search",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("pgvector") },
    requires: [],
    preload: [],
    settings: {},
    smokeSql: [
      "CREATE TEMP TABLE smoke_items (id int, embedding vector(3))",
      "INSERT INTO smoke_items VALUES (1, '[1,0,0]'), (2, '[0,1,0]'), (3, '[0.9,0.1,0]')",
      "SELECT id FROM smoke_items ORDER BY embedding <-> '[1,0,0]' LIMIT 2",
    ],
    smokeRows: [{ id: 1 }, { id: 3 }],
  },
  {
    id: "pg_search",
    sqlName: "pg_search",
    title: "ParadeDB pg_search — BM25 full-text search",
    majors: [15, 16, 17, 18],
    install: { via: "image", ready: PARADEDB },
    requires: [],
    preload: [],
    settings: {},
    smokeSql: [
      "DROP TABLE IF EXISTS smoke_docs",
      "CREATE TABLE smoke_docs (id int PRIMARY KEY, body text)",
      "INSERT INTO smoke_docs VALUES (1, 'dagger stacks'), (2, 'postgres search')",
      // `USING paradedb` since ParadeDB 0.25 (`USING bm25` is its deprecated alias).
      "CREATE INDEX smoke_docs_search ON smoke_docs USING paradedb (id, body) WITH (key_field = 'id')",
      "SELECT id FROM smoke_docs WHERE body @@@ 'search'",
    ],
    smokeRows: [{ id: 2 }],
    unsupportedHint:
      "ParadeDB publishes pg_search images for Postgres 15 to 18 only; it cannot be built with cargo inside the postgres image (no Rust toolchain there).",
  },
  {
    id: "postgis",
    sqlName: "postgis",
    title: "PostGIS — geographic objects",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("postgis-3") },
    requires: [],
    preload: [],
    settings: {},
    smokeSql: ["SELECT ST_Distance(ST_MakePoint(0, 0), ST_MakePoint(3, 4)) AS distance"],
    smokeRows: [{ distance: 5 }],
  },
  {
    id: "pgrouting",
    sqlName: "pgrouting",
    title: "pgRouting — routing on PostGIS graphs",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("pgrouting") },
    requires: ["postgis"],
    preload: [],
    settings: {},
    smokeSql: ["SELECT pgr_version() IS NOT NULL AS ok"],
    smokeRows: [{ ok: true }],
  },
  {
    id: "pg_cron",
    sqlName: "pg_cron",
    title: "pg_cron — job scheduler",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("cron") },
    requires: [],
    preload: ["pg_cron"],
    settings: { "cron.database_name": "{database}" },
    databaseSetting: "cron.database_name",
    smokeSql: [
      "SELECT cron.schedule('smoke', '* * * * *', 'SELECT 1')",
      "SELECT cron.unschedule('smoke') AS removed",
    ],
    smokeRows: [{ removed: true }],
  },
  {
    id: "pg_partman",
    sqlName: "pg_partman",
    title: "pg_partman — partition management",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("partman") },
    requires: [],
    preload: [],
    settings: {},
    smokeSql: ["SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'create_parent'"],
    smokeRows: [{ n: 1 }],
  },
  {
    id: "hypopg",
    sqlName: "hypopg",
    title: "HypoPG — hypothetical indexes",
    majors: ALL_MAJORS,
    install: { via: "apt", packages: pgdg("hypopg") },
    requires: [],
    preload: [],
    settings: {},
    smokeSql: [
      "CREATE TEMP TABLE smoke_hypo (id int)",
      "SELECT count(*)::int AS n FROM hypopg_create_index('CREATE INDEX ON smoke_hypo (id)')",
    ],
    smokeRows: [{ n: 1 }],
  },
  ...(
    [
      [
        "pg_trgm",
        "pg_trgm — trigram similarity",
        "SELECT similarity('dagger', 'dagger') AS score",
        { score: 1 },
      ],
      ["hstore", "hstore — key/value pairs", "SELECT 'a=>1'::hstore -> 'a' AS value", { value: "1" }],
      [
        "citext",
        "citext — case-insensitive text",
        "SELECT 'Dagger'::citext = 'dagger'::citext AS equal",
        { equal: true },
      ],
      [
        "uuid-ossp",
        "uuid-ossp — UUID generation",
        "SELECT length(uuid_generate_v4()::text) AS length",
        { length: 36 },
      ],
      [
        "pgcrypto",
        "pgcrypto — cryptographic functions",
        "SELECT length(digest('dagger', 'sha256')) AS bytes",
        { bytes: 32 },
      ],
      [
        "btree_gin",
        "btree_gin — GIN operator classes for scalars",
        "SELECT count(*)::int AS n FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod WHERE a.amname = 'gin' AND c.opcname = 'int4_ops'",
        { n: 1 },
      ],
      [
        "fuzzystrmatch",
        "fuzzystrmatch — string distance",
        "SELECT levenshtein('dagger', 'dragger') AS distance",
        { distance: 1 },
      ],
    ] as const
  ).map(
    ([id, title, smokeSql, row]): PostgresExtension => ({
      id,
      sqlName: id,
      title,
      majors: ALL_MAJORS,
      install: { via: "builtin" },
      requires: [],
      preload: [],
      settings: {},
      smokeSql: [smokeSql],
      smokeRows: [row],
    }),
  ),
];

export function findExtension(id: string): PostgresExtension | undefined {
  return POSTGRES_EXTENSIONS.find((extension) => extension.id === id || extension.sqlName === id);
}
