import type { Language } from "../../src/spec/model.js";
import type { TestCounts } from "../support/build-run/index.js";

/** What each example must show beyond passing: which tests the harness leaves out, and key pipeline checks. */
export interface Expected {
  excluded: string[];
  passed: number;
  checks: string[];
}

export const EXPECTED: Readonly<Record<string, Expected>> = {
  "all-kinds": {
    excluded: ["api", "web", "worker"].map((name) => `${name}'s smoke tests`),
    // postgres (connection, postgis, pgrouting), redis, then one each for mysql and mariadb (MariaDB),
    // mongodb (FerretDB), chromadb and minio.
    passed: 9,
    checks: [
      "postgres: apt installs postgresql-18-postgis-3 postgresql-18-pgrouting",
      "api: built from ./api/Dockerfile",
      "api: POSTGRES_URL from a secret",
      "api: MONGODB_URL from a secret",
      "api: starts after postgres, mysql, mongodb, minio",
      "web: starts after api",
      "minio: MINIO_ROOT_PASSWORD from a secret",
      "worker: from node:22.23.2-bookworm-slim",
      "worker: redis bound under its name",
      "worker: REDIS_URL from a secret",
      "api: ready when its port accepts connections (image HEALTHCHECK dropped)",
      "minio: ready when its port accepts connections (image HEALTHCHECK dropped)",
      "postgres: no cache volume mounted while it runs",
      "stack: host folders resolved from the project root",
      "stack: stops only services it started",
      "test run: postgres reached through a tunnel to the real postgres server",
      "test run: redis reached through a tunnel to the real redis server",
      "test run: mysql reached through a tunnel to the real mariadb server",
      "test run: mariadb reached through a tunnel to the real mariadb server",
      "test run: mongodb reached through a tunnel to the real ferretdb server",
      "test run: chromadb reached through a tunnel to the real chromadb server",
      "test run: minio reached through a tunnel to the real minio server",
    ],
  },
  commandcenter: {
    excluded: ["backend's smoke tests", "frontend's smoke tests"],
    passed: 2,
    checks: [
      "backend: built from ./backend/Dockerfile",
      "backend: POSTGRES_URL from a secret",
      "backend: SECRET_KEY from the host's $COMMANDCENTER_SECRET_KEY as a secret",
      "backend: starts after postgres, redis",
      "frontend: starts after backend",
    ],
  },
  "compose-features": {
    excluded: ["migrate", "api", "worker", "mail", "statsd"].map((name) => `${name}'s smoke tests`),
    // db's smoke test, and one per testEnv variable: the stack test run hands them to the tests.
    passed: 8,
    checks: [
      "db: the host file ./db/init.sql mounted at /docker-entrypoint-initdb.d/init.sql",
      "db: ready when its healthcheck passes (pg_isready -U app -d app)",
      "migrate: builds stage migrate with NODE_ENV=production",
      "migrate: runs its command through its entrypoint",
      "migrate: runs after db started",
      "migrate: runs to completion before api starts",
      "migrate: runs afresh for each stack",
      "api: builds stage runtime with NODE_VERSION=20",
      "api: entrypoint node --enable-source-maps",
      "api: works in /app",
      "api: runs as node",
      "api: exposes 9229/tcp, not a readiness check",
      "api: ready when its healthcheck passes (wget -qO- http://localhost:8000/health)",
      "api: cache volume compose-features-npm-cache mounted at /home/node/.npm",
      "api: no build cache or Locked cache volume mounted while it runs",
      "api: a temporary folder at /tmp",
      "api: PGPASSWORD is db's password, the same Dagger secret db is given",
      "api: DATABASE_URL is db's url (a secret: it holds a password)",
      "api: PGHOST is db's host",
      "api: PGPORT is db's port",
      "api: SESSION_KEY from the stack secret SESSION_KEY",
      "api: MAPS_TOKEN from the host's $COMPOSE_FEATURES_MAPS_TOKEN, the stack secret MAPS_TOKEN",
      "api: starts after statsd, db, mail",
      "statsd: exposes 8125/udp, not a readiness check",
      "statsd: ready when its port accepts connections (image HEALTHCHECK dropped)",
      "stack: the stack secret SESSION_KEY is one Dagger secret in api, worker",
      "stack: db's url is one Dagger secret in migrate, api, worker",
      "test run: db reached through a tunnel to the real postgres server",
      "test run: no secret value in the project's files or the test output",
      "test run: api tunnelled on its first port only",
      "test run: statsd tunnelled on its first port only",
    ],
  },
  extensions: {
    excluded: [],
    // The connection test and one per extension, pg_cron included: the real server runs with its settings.
    passed: 14,
    checks: [
      "db: apt installs postgresql-15-pgvector postgresql-15-postgis-3 postgresql-15-pgrouting postgresql-15-cron postgresql-15-partman postgresql-15-hypopg",
      "db: server runs with -c shared_preload_libraries=pg_cron",
      "db: server runs with -c cron.database_name=ext_test",
      "db: no source builds",
      // A Locked apt cache left mounted on the running server would block every other apt step on the engine.
      "db: no cache volume mounted while it runs",
    ],
  },
  knowledgebeast: {
    excluded: ["postgres's pg_search test"],
    // postgres (connection, pgvector), chromadb, and the matrix entry of each backend.
    passed: 5,
    checks: [
      "postgres: pg_search from paradedb/paradedb:0.26.1-pg16 (ParadeDB 0.26.1)",
      "postgres: apt installs nothing",
      // Both sides of the matrix ran against real servers; the stack still started once.
      "test run: postgres reached through a tunnel to the real postgres server",
      "test run: chromadb reached through a tunnel to the real chromadb server",
      "test run: postgres started once",
      "test run: chromadb started once",
    ],
  },
  minimal: {
    excluded: [],
    passed: 1,
    checks: [
      "test run: cache reached through a tunnel to the real redis server",
      "test run: cache started once",
      "cache: REDIS_PASSWORD from a secret",
      "test run: stops only services it started",
    ],
  },
  performia: {
    excluded: ["audio-processor's smoke tests"],
    passed: 1,
    checks: [
      "audio-processor: apt installs ffmpeg libsndfile1",
      "audio-processor: pip installs librosa==0.11.0 openai-whisper==20250625",
      "audio-processor: ./audio_files mounted at /audio_files",
      "song-library: POSTGRES_PASSWORD from a secret",
    ],
  },
  veria: {
    excluded: ["policy-engine's smoke tests", "compliance-api's smoke tests"],
    passed: 2,
    checks: [
      "postgres: apt installs postgresql-16-pgvector",
      "policy-engine: runs run --server --addr=0.0.0.0:8181",
      "compliance-api: POSTGRES_URL from a secret",
      "compliance-api: starts after postgres, policy-engine",
    ],
  },
};

/**
 * The counts the test run reports. Vitest reports tests left out by a `-t` name pattern as skipped;
 * pytest's `--deselect`ed tests are not reported at all.
 */
export function expectedCounts(language: Language, expected: Expected): TestCounts {
  const byName = expected.excluded.filter((unit) => / test$/.test(unit)).length;
  return { passed: expected.passed, failed: 0, skipped: language === "typescript" ? byName : 0 };
}
