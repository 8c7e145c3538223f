import pg from "pg";
import type { NormalizedService, NormalizedStack } from "../../../src/spec/model.js";
import type { RealServerKind, RealServices, ServerRequest } from "../engine/index.js";
import { imageTag } from "../engine/service-kind.js";
import {
  chromaProblem,
  FERRETDB_DESCRIPTION,
  ferretDbProblem,
  findMariaDb,
  mariaDbProblem,
  minioProblem,
  type RealPostgres,
  type RealRedis,
  type RealServer,
  realServicesAvailable,
  ServerPool,
  startRealChroma,
  startRealFerretDb,
  startRealMariaDb,
  startRealMinio,
  startRealPostgres,
  startRealRedis,
} from "../services/index.js";
import { postgresSettingsFor, type SettingConflict } from "./postgres-settings.js";

export type RealServerName = Exclude<RealServerKind, "none">;

/** What stands in for the stack's containers on this machine, for one build-run. */
export interface ServersHere {
  /**
   * Real servers that answer for this build-run, described for messages: running now (Postgres, Redis),
   * or started when a tunnel first leads to them, one per login (the others).
   */
  running: Partial<Record<RealServerName, string>>;
  /** Why a real server the stack could use is not available here. */
  missing: Partial<Record<RealServerName, string>>;
  /** `pg_available_extensions` of the real Postgres (empty without one). */
  postgresExtensions: ReadonlySet<string>;
  settingConflicts: SettingConflict[];
}

export interface StartedServers {
  here: ServersHere;
  realServices: RealServices;
  stop(): Promise<void>;
}

/**
 * The real server that answers for each catalog kind here: the kind's own server, or one that speaks its
 * protocol (MariaDB for mysql, FerretDB for mongodb). Kinds not listed have none.
 */
const REAL_SERVER_OF_KIND: Readonly<Record<string, RealServerName>> = {
  postgres: "postgres",
  redis: "redis",
  mysql: "mariadb",
  mariadb: "mariadb",
  mongodb: "ferretdb",
  chromadb: "chromadb",
  minio: "minio",
};

/** The real server that can answer for the service's container here, if any. */
export function realServerFor(service: NormalizedService): RealServerName | undefined {
  return service.kind.source === "image" ? REAL_SERVER_OF_KIND[service.kind.kind] : undefined;
}

/** Starts the real servers this stack's services speak to, configured as the generated images would be. */
export async function startServersFor(stack: NormalizedStack): Promise<StartedServers> {
  const wanted = new Set(stack.services.map(realServerFor));
  const availability = realServicesAvailable();
  const missing: ServersHere["missing"] = {};
  const plan = postgresSettingsFor(stack);
  const launched = onDemandServers(stack);
  let postgres: RealPostgres | undefined;
  let redis: RealRedis | undefined;
  const pool = new ServerPool();
  const stop = async () => {
    await Promise.all([postgres?.stop(), redis?.stop(), pool.stopAll()]);
  };
  try {
    if (wanted.has("postgres")) {
      if (availability.postgres) postgres = await startRealPostgres({ settings: plan.settings });
      else missing.postgres = availability.reason ?? "no real Postgres";
    }
    if (wanted.has("redis")) {
      if (availability.redis) redis = await startRealRedis();
      else missing.redis = availability.reason ?? "no real Redis";
    }
    const postgresInfo = postgres ? await describePostgres(postgres) : undefined;
    return {
      here: {
        running: {
          ...(postgresInfo ? { postgres: postgresInfo.description } : {}),
          ...(redis ? { redis: "Redis" } : {}),
          ...launched.running,
        },
        missing: { ...missing, ...launched.missing },
        postgresExtensions: postgresInfo?.extensions ?? new Set(),
        settingConflicts: plan.conflicts,
      },
      realServices: {
        ...(postgres ? { postgres } : {}),
        ...(redis ? { redis } : {}),
        launch: launcher(pool),
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A server started when a tunnel first leads to it, for the login the container sets. */
interface OnDemandServer {
  describe(version: string | undefined): string;
  /** Why it cannot run here at that version (the image's tag), or undefined. */
  problem(version: string | undefined): string | undefined;
}

const ON_DEMAND: Readonly<Partial<Record<RealServerName, OnDemandServer>>> = {
  mariadb: { describe: () => `MariaDB ${findMariaDb()?.version ?? "?"}`, problem: () => mariaDbProblem() },
  ferretdb: { describe: () => FERRETDB_DESCRIPTION, problem: () => ferretDbProblem() },
  chromadb: {
    describe: (version) => `ChromaDB ${version}`,
    problem: (version) => (version ? chromaProblem(version) : "the chromadb image has no tag"),
  },
  minio: {
    describe: (version) => `MinIO ${version}`,
    problem: (version) => (version ? minioProblem(version) : "the minio image has no tag"),
  },
};

/**
 * Which on-demand servers the stack's services need and whether they can run here. A server is missing
 * when any version the stack names is: every service of that kind is then left out.
 */
function onDemandServers(stack: NormalizedStack): Pick<ServersHere, "running" | "missing"> {
  const found = new Map<RealServerName, { descriptions: Set<string>; problems: Set<string> }>();
  for (const service of stack.services) {
    const server = realServerFor(service);
    const entry = server && ON_DEMAND[server];
    if (!server || !entry) continue;
    const version = service.image ? imageTag(service.image) : undefined;
    const seen = found.get(server) ?? { descriptions: new Set(), problems: new Set() };
    const problem = entry.problem(version);
    if (problem) seen.problems.add(problem);
    else seen.descriptions.add(entry.describe(version));
    found.set(server, seen);
  }
  const running: ServersHere["running"] = {};
  const missing: ServersHere["missing"] = {};
  for (const [server, { descriptions, problems }] of found) {
    if (problems.size > 0) missing[server] = [...problems].join("; ");
    else running[server] = [...descriptions].join(", ");
  }
  return { running, missing };
}

/** Starts a server for the request unless it cannot run here (then the tunnel leads nowhere). */
function launcher(pool: ServerPool): NonNullable<RealServices["launch"]> {
  return async (request) => {
    if (ON_DEMAND[request.server]?.problem(versionOf(request))) return undefined;
    return pool.get(JSON.stringify(request), () => startServer(request));
  };
}

function versionOf(request: ServerRequest): string | undefined {
  if (request.server === "chromadb") return request.version;
  if (request.server === "minio") return request.release;
  return undefined;
}

function startServer(request: ServerRequest): Promise<RealServer> {
  switch (request.server) {
    case "mariadb":
      return startRealMariaDb(request.login);
    case "ferretdb":
      return startRealFerretDb(request.login);
    case "chromadb":
      return startRealChroma(request.version);
    case "minio":
      return startRealMinio(request);
  }
}

async function describePostgres(
  server: RealPostgres,
): Promise<{ description: string; extensions: Set<string> }> {
  const client = new pg.Client({
    host: server.host,
    port: server.port,
    user: server.adminUser,
    password: server.adminPassword,
    database: "postgres",
  });
  await client.connect();
  try {
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    const available = await client.query<{ name: string }>("SELECT name FROM pg_available_extensions");
    return {
      description: `PostgreSQL ${version.rows[0]?.server_version.split(" ")[0] ?? "?"}`,
      extensions: new Set(available.rows.map((row) => row.name)),
    };
  } finally {
    await client.end();
  }
}
