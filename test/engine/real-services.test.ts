import { Socket } from "node:net";
import { type Client, type Container, connect } from "@dagger.io/dagger";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultSchemaPath,
  type EngineStandIn,
  schemaAvailable,
  startEngineStandIn,
  useSessionEnv,
} from "../support/engine/index.js";
import {
  type RealPostgres,
  type RealRedis,
  realServicesAvailable,
  redisCommand,
  startRealPostgres,
  startRealRedis,
} from "../support/services/index.js";

const PASSWORD = "app-secret-password";
const schemaReady = schemaAvailable();
const available = realServicesAvailable();
const skipReasons = [
  ...(schemaReady ? [] : [`Dagger schema not found at ${defaultSchemaPath()}`]),
  ...(available.reason ? [available.reason] : []),
];
if (skipReasons.length > 0)
  console.warn(`real-service tunnel tests partly skipped: ${skipReasons.join("; ")}`);
const postgresReady = schemaReady && available.postgres;
const redisReady = schemaReady && available.redis;
const skipNote = (ready: boolean) => (ready ? "" : ` (skipped: ${skipReasons.join("; ")})`);

describe.skipIf(!postgresReady && !redisReady)(
  `tunnels answered by real servers${skipNote(postgresReady || redisReady)}`,
  () => {
    let postgres: RealPostgres | undefined;
    let redis: RealRedis | undefined;
    let standIn: EngineStandIn;
    let restoreEnv: () => void;

    beforeAll(async () => {
      [postgres, redis] = await Promise.all([
        postgresReady ? startRealPostgres() : undefined,
        redisReady ? startRealRedis() : undefined,
      ]);
      standIn = await startEngineStandIn({
        realServices: { ...(postgres ? { postgres } : {}), ...(redis ? { redis } : {}) },
      });
      restoreEnv = useSessionEnv(standIn);
    }, 60_000);

    afterAll(async () => {
      restoreEnv?.();
      await standIn?.close();
      await Promise.all([postgres?.stop(), redis?.stop()]);
    });

    it.skipIf(!postgresReady)(
      `gives a postgres tunnel a real server with the requested login${skipNote(postgresReady)}`,
      async () => {
        const endpoint = await tunnelEndpoint((client) =>
          postgresContainer(client, "postgres:16.11-bookworm")
            .withEnvVariable("POSTGRES_USER", "app")
            .withEnvVariable("POSTGRES_DB", "appdb"),
        );
        const rows = await withPostgres(endpoint, { user: "app", database: "appdb" }, async (client) => {
          await client.query("CREATE EXTENSION IF NOT EXISTS vector");
          await client.query("CREATE EXTENSION IF NOT EXISTS postgis");
          const result = await client.query(
            "SELECT current_user, current_database(), '[1,2,3]'::vector <-> '[1,2,5]'::vector AS distance, ST_X(ST_MakePoint(4, 2)) AS x",
          );
          return result.rows;
        });
        expect(rows).toEqual([{ current_user: "app", current_database: "appdb", distance: 2, x: 4 }]);
        await expect(
          withPostgres(endpoint, { user: "app", database: "appdb", password: "wrong" }, async () => 0),
        ).rejects.toThrow(/password authentication failed/);
        expect(standIn.errors()).toEqual([]);
        expect(standIn.pipeline().events).toContainEqual(
          expect.objectContaining({ type: "endpoint", endpoint, realServer: "postgres" }),
        );
      },
    );

    it.skipIf(!postgresReady)(
      `defaults user and database to postgres, idempotently under concurrent tunnels${skipNote(postgresReady)}`,
      async () => {
        let endpoints: string[] = [];
        await connect(async (client) => {
          const service = postgresContainer(client, "pgvector/pgvector:pg16").asService({
            useEntrypoint: true,
          });
          const tunnels = [
            client.host().tunnel(service),
            client.host().tunnel(service, { ports: [{ backend: 5432 }] }),
          ];
          endpoints = await Promise.all(tunnels.map(async (tunnel) => (await tunnel.start()).endpoint()));
        });
        expect(endpoints[0]).toBe(endpoints[1]);
        const [row] = await withPostgres(
          endpoints[0] ?? "",
          { user: "postgres", database: "postgres" },
          async (client) => {
            return (await client.query("SELECT current_user, current_database()")).rows;
          },
        );
        expect(row).toEqual({ current_user: "postgres", current_database: "postgres" });
      },
    );

    it.skipIf(!redisReady)(`gives a redis tunnel a real redis-server${skipNote(redisReady)}`, async () => {
      const endpoint = await tunnelEndpoint((client) =>
        client.container().from("redis:7.4-bookworm").withExposedPort(6379),
      );
      const [host, port] = hostAndPort(endpoint);
      expect(await redisCommand(host, port, ["PING"])).toBe("PONG");
      expect(standIn.pipeline().events).toContainEqual(
        expect.objectContaining({ type: "endpoint", endpoint, realServer: "redis" }),
      );
    });

    it("answers services no real server stands in for with a closed port", async () => {
      const endpoint = await tunnelEndpoint((client) =>
        client.container().from("nginx:1.27").withExposedPort(80),
      );
      const [host, port] = hostAndPort(endpoint);
      await expect(canConnect(host, port)).resolves.toBe(false);
      expect(standIn.pipeline().events).toContainEqual(
        expect.objectContaining({ type: "endpoint", endpoint, realServer: "none" }),
      );
    });
  },
);

function postgresContainer(client: Client, image: string): Container {
  return client
    .container()
    .from(image)
    .withSecretVariable("POSTGRES_PASSWORD", client.setSecret(`pw-${image}`, PASSWORD))
    .withExposedPort(5432);
}

/** `connect` resolves to nothing, so the endpoint leaves the callback through a variable. */
async function tunnelEndpoint(build: (client: Client) => Container): Promise<string> {
  let endpoint = "";
  await connect(async (client) => {
    const service = build(client).asService({ useEntrypoint: true });
    endpoint = await (await client.host().tunnel(service).start()).endpoint();
  });
  return endpoint;
}

async function withPostgres<T>(
  endpoint: string,
  login: { user: string; database: string; password?: string },
  use: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const [host, port] = hostAndPort(endpoint);
  const client = new pg.Client({ host, port, password: PASSWORD, ...login });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

function hostAndPort(endpoint: string): [string, number] {
  const match = /^([\d.]+):(\d+)$/.exec(endpoint);
  if (!match?.[1] || !match[2]) throw new Error(`not a host:port endpoint: ${endpoint}`);
  return [match[1], Number(match[2])];
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.connect(port, host);
  });
}
