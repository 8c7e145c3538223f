import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type Client, type Container, connect } from "@dagger.io/dagger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStack } from "../../src/spec/load.js";
import { pythonTools } from "../python/support.js";
import { type StartedServers, startServersFor } from "../support/build-run/real-servers.js";
import { fixtureSpec } from "../support/builders.js";
import {
  defaultSchemaPath,
  type EngineStandIn,
  schemaAvailable,
  startEngineStandIn,
  useSessionEnv,
} from "../support/engine/index.js";
import {
  findMariaDb,
  listBucketsStatus,
  mariaDbProblem,
  startRealMariaDb,
} from "../support/services/index.js";

// The servers the all-kinds example needs, started the way build-run starts them; each test skips, saying
// why, when its server is not installed here.
const schemaReady = schemaAvailable();
const pythonOrProblem = pythonTools();

describe.skipIf(!schemaReady)(
  `tunnels answered by servers started on demand${schemaReady ? "" : ` (skipped: no schema at ${defaultSchemaPath()})`}`,
  () => {
    let servers: StartedServers;
    let standIn: EngineStandIn;
    let restoreEnv: () => void;

    beforeAll(async () => {
      servers = await startServersFor(loadStack(fixtureSpec("all-kinds"), "all-kinds"));
      standIn = await startEngineStandIn({ realServices: servers.realServices });
      restoreEnv = useSessionEnv(standIn);
    }, 60_000);

    afterAll(async () => {
      restoreEnv?.();
      await standIn?.close();
      await servers?.stop();
    });

    const missing = (server: "mariadb" | "ferretdb" | "chromadb" | "minio") => {
      const reason = servers?.here.missing[server];
      return reason ? ` (skipped: ${reason})` : "";
    };

    it("gives mysql and mariadb tunnels a MariaDB each, with the user, password and database they set", async (context) => {
      if (missing("mariadb")) context.skip(missing("mariadb"));
      const [mysqlEndpoint = "", mariadbEndpoint = ""] = await tunnelEndpoints((client) => [
        client
          .container()
          .from("mysql:8.4.3")
          .withEnvVariable("MYSQL_USER", "app")
          .withEnvVariable("MYSQL_DATABASE", "shop")
          .withSecretVariable("MYSQL_PASSWORD", client.setSecret("mysql-pw", "first-password"))
          .withExposedPort(3306),
        // Same user name, another password: it cannot share the first server.
        client
          .container()
          .from("mariadb:10.11.10@sha256:0123")
          .withEnvVariable("MARIADB_USER", "app")
          .withEnvVariable("MARIADB_DATABASE", "app")
          .withSecretVariable("MARIADB_PASSWORD", client.setSecret("mariadb-pw", "second-password"))
          .withExposedPort(3306),
      ]);
      expect(mysqlEndpoint).not.toBe(mariadbEndpoint);
      expect(await mysqlQuery(mysqlEndpoint, "app", "first-password", "shop")).toBe("app@%\tshop");
      expect(await mysqlQuery(mariadbEndpoint, "app", "second-password", "app")).toBe("app@%\tapp");
      await expect(mysqlQuery(mysqlEndpoint, "app", "second-password", "shop")).rejects.toThrow(
        /Access denied/,
      );
      expect(realServersOf(mysqlEndpoint, mariadbEndpoint)).toEqual(["mariadb", "mariadb"]);
    });

    it("gives a mongo tunnel a FerretDB that authenticates the root user in admin", async (context) => {
      if (missing("ferretdb")) context.skip(missing("ferretdb"));
      if (typeof pythonOrProblem === "string") context.skip(`(skipped: ${pythonOrProblem})`);
      const [endpoint = ""] = await tunnelEndpoints((client) => [
        client
          .container()
          .from("mongo:8.0.3")
          .withEnvVariable("MONGO_INITDB_ROOT_USERNAME", "root")
          .withSecretVariable("MONGO_INITDB_ROOT_PASSWORD", client.setSecret("mongo-pw", "mongo-password"))
          .withExposedPort(27017),
      ]);
      const url = (password: string) => `mongodb://root:${password}@${endpoint}/app?authSource=admin`;
      expect(await mongoRoundTrip(url("mongo-password"))).toBe("ok 1.0, found {'ok': True}");
      await expect(mongoRoundTrip(url("wrong"))).rejects.toThrow(/Authentication failed/);
      expect(realServersOf(endpoint)).toEqual(["ferretdb"]);
    });

    it("gives a chromadb tunnel the ChromaDB its image tag names", async (context) => {
      if (missing("chromadb")) context.skip(missing("chromadb"));
      const [endpoint = ""] = await tunnelEndpoints((client) => [
        client.container().from("chromadb/chroma:0.6.3").withExposedPort(8000),
      ]);
      const heartbeat = await fetch(`http://${endpoint}/api/v1/heartbeat`);
      expect(await heartbeat.json()).toHaveProperty(["nanosecond heartbeat"]);
      const created = await fetch(`http://${endpoint}/api/v1/collections`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: "smoke" }),
      });
      expect(await created.json()).toMatchObject({ name: "smoke" });
      expect(realServersOf(endpoint)).toEqual(["chromadb"]);
    });

    it("gives a minio tunnel a MinIO with the root credentials the container sets", async (context) => {
      if (missing("minio")) context.skip(missing("minio"));
      const [endpoint = ""] = await tunnelEndpoints((client) => [
        client
          .container()
          .from("minio/minio:RELEASE.2024-11-07T00-52-20Z")
          .withEnvVariable("MINIO_ROOT_USER", "minio")
          .withSecretVariable("MINIO_ROOT_PASSWORD", client.setSecret("minio-pw", "minio-password"))
          .withExposedPort(9000),
      ]);
      expect((await fetch(`http://${endpoint}/minio/health/live`)).status).toBe(200);
      expect(await listBucketsStatus(`http://${endpoint}`, "minio", "minio-password")).toBe(200);
      expect(await listBucketsStatus(`http://${endpoint}`, "minio", "wrong-password")).toBe(403);
      expect(realServersOf(endpoint)).toEqual(["minio"]);
    });

    it("answers a kind's tunnel with a closed port when its server is not in the stack", async () => {
      // all-kinds has no second MinIO release: nothing stands in for this one.
      const [endpoint = ""] = await tunnelEndpoints((client) => [
        client.container().from("minio/minio:RELEASE.2020-01-01T00-00-00Z").withExposedPort(9000),
      ]);
      await expect(fetch(`http://${endpoint}/minio/health/live`)).rejects.toThrow();
      expect(realServersOf(endpoint)).toEqual(["none"]);
    });

    /** The real server the stand-in recorded for each endpoint. */
    function realServersOf(...endpoints: string[]): (string | undefined)[] {
      const events = standIn.pipeline().events;
      return endpoints.map((endpoint) => {
        const event = events.find((entry) => entry.type === "endpoint" && entry.endpoint === endpoint);
        return event?.type === "endpoint" ? event.realServer : undefined;
      });
    }
  },
);

const mariaDbMissing = mariaDbProblem();

describe.skipIf(mariaDbMissing)(
  `MariaDB servers${mariaDbMissing ? ` (skipped: ${mariaDbMissing})` : ""}`,
  () => {
    it("start side by side: each keeps its temporary tables in its own folder", async () => {
      // Bootstraps sharing /tmp failed about one time in three when eight ran at once.
      const started = await Promise.allSettled(
        Array.from({ length: 8 }, (_, index) =>
          startRealMariaDb({ user: `user${index}`, password: `password-${index}`, database: `db${index}` }),
        ),
      );
      const servers = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
      try {
        expect(started.filter((result) => result.status === "rejected")).toEqual([]);
        const [first] = servers;
        if (!first) throw new Error("no server started");
        expect(await mysqlQuery(`${first.host}:${first.port}`, "user0", "password-0", "db0")).toBe(
          "user0@%\tdb0",
        );
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    });
  },
);

/** `connect` resolves to nothing, so the endpoints leave the callback through a variable. */
async function tunnelEndpoints(build: (client: Client) => Container[]): Promise<string[]> {
  let endpoints: string[] = [];
  await connect(async (client) => {
    endpoints = await Promise.all(
      build(client).map(async (container) => {
        const service = container.asService({ useEntrypoint: true });
        return (await client.host().tunnel(service).start()).endpoint();
      }),
    );
  });
  return endpoints;
}

/** `CURRENT_USER()` and `DATABASE()` as the mariadb client prints them, logged in over TCP. */
async function mysqlQuery(endpoint: string, user: string, password: string, database: string) {
  const client = findMariaDb()?.client ?? "mariadb";
  const [host, port] = endpoint.split(":");
  const { stdout } = await promisify(execFile)(
    client,
    [
      ...["--no-defaults", "--protocol=TCP", `--host=${host}`, `--port=${port}`, `--user=${user}`],
      ...["--batch", "--skip-column-names", "--execute=SELECT CURRENT_USER(), DATABASE()", database],
    ],
    { env: { PATH: process.env.PATH ?? "/usr/bin:/bin", MYSQL_PWD: password } },
  );
  return stdout.trim();
}

/** Pings, inserts and finds a document with pymongo, as the generated Python smoke test does. */
async function mongoRoundTrip(url: string): Promise<string> {
  const tools = pythonOrProblem;
  if (typeof tools === "string") throw new Error(tools);
  const script = [
    "import sys",
    "from pymongo import MongoClient",
    "client = MongoClient(sys.argv[1], serverSelectionTimeoutMS=5000)",
    "db = client.get_default_database()",
    "ok = db.command('ping')['ok']",
    "found = db.smoke.find_one({'_id': db.smoke.insert_one({'ok': True}).inserted_id}, {'_id': 0})",
    "print(f'ok {ok}, found {found}')",
  ].join("\n");
  try {
    const { stdout } = await promisify(execFile)(tools.python, ["-c", script, url]);
    return stdout.trim();
  } catch (error) {
    throw new Error((error as { stderr?: string }).stderr || String(error));
  }
}
