import pg from "pg";
import type { Protocol } from "../../../src/spec/catalog/services.js";
import { type NormalizedStack, protocolOf } from "../../../src/spec/model.js";
import type { RealServices } from "../engine/index.js";
import {
  type RealPostgres,
  type RealRedis,
  realServicesAvailable,
  startRealPostgres,
  startRealRedis,
} from "../services/index.js";
import { postgresSettingsFor, type SettingConflict } from "./postgres-settings.js";

/** What stands in for the stack's containers on this machine, for one build-run. */
export interface ServersHere {
  /** Real servers running for this build-run, described for messages, by the protocol clients speak. */
  running: Partial<Record<Protocol, string>>;
  /** Why a real server the stack could use is not running here. */
  missing: Partial<Record<Protocol, string>>;
  /** `pg_available_extensions` of the real Postgres (empty without one). */
  postgresExtensions: ReadonlySet<string>;
  settingConflicts: SettingConflict[];
}

export interface StartedServers {
  here: ServersHere;
  realServices: RealServices;
  stop(): Promise<void>;
}

/** The protocols a real server can answer here (the stand-in routes tunnels of these to them). */
export const REAL_SERVER_PROTOCOLS: readonly Protocol[] = ["postgres", "redis"];

/** Starts the real servers this stack's services speak to, configured as the generated images would be. */
export async function startServersFor(stack: NormalizedStack): Promise<StartedServers> {
  const wanted = new Set(
    stack.services.map(protocolOf).filter((protocol) => REAL_SERVER_PROTOCOLS.includes(protocol)),
  );
  const availability = realServicesAvailable();
  const missing: ServersHere["missing"] = {};
  const plan = postgresSettingsFor(stack);
  let postgres: RealPostgres | undefined;
  let redis: RealRedis | undefined;
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
        },
        missing,
        postgresExtensions: postgresInfo?.extensions ?? new Set(),
        settingConflicts: plan.conflicts,
      },
      realServices: { ...(postgres ? { postgres } : {}), ...(redis ? { redis } : {}) },
      stop: async () => {
        await Promise.all([postgres?.stop(), redis?.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([postgres?.stop(), redis?.stop()]);
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
