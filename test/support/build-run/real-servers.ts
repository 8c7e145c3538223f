import pg from "pg";
import type { NormalizedStack } from "../../../src/spec/model.js";
import type { RealServices } from "../engine/index.js";
import {
  type RealPostgres,
  type RealRedis,
  realServicesAvailable,
  ServerPool,
  startRealPostgres,
  startRealRedis,
} from "../services/index.js";
import { launcher, onDemandServers } from "./on-demand-servers.js";
import { postgresSettingsFor, type SettingConflict } from "./postgres-settings.js";
import { type RealServerName, realServerFor } from "./real-server-kinds.js";

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
