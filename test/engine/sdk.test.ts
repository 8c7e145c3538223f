import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Client,
  connect,
  connection,
  dag,
  ExecError,
  GraphQLRequestError,
  NetworkProtocol,
  ReturnType,
  type Service,
  type ServiceID,
  type VolumeID,
} from "@dagger.io/dagger";
import { afterEach, describe, expect, it } from "vitest";
import {
  childProcessEnv,
  containersFrom,
  defaultSchemaPath,
  type EngineStandIn,
  execsMatching,
  firstStart,
  type RecordedPipeline,
  type StandInOptions,
  schemaAvailable,
  servicesForImage,
  startEngineStandIn,
  tunnelsTo,
  useSessionEnv,
} from "../support/engine/index.js";

const PASSWORD = "s3cr3t-plaintext-value";
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const schemaReady = schemaAvailable();
const skipNote = `skipped: Dagger schema not found at ${defaultSchemaPath()}`;
if (!schemaReady) console.warn(`engine stand-in SDK tests ${skipNote}`);

describe.skipIf(!schemaReady)(
  `real @dagger.io/dagger SDK against the stand-in${schemaReady ? "" : ` (${skipNote})`}`,
  () => {
    let standIn: EngineStandIn | undefined;
    let restoreEnv: (() => void) | undefined;

    async function session(options: StandInOptions = {}): Promise<EngineStandIn> {
      standIn = await startEngineStandIn(options);
      restoreEnv = useSessionEnv(standIn);
      return standIn;
    }

    afterEach(async () => {
      restoreEnv?.();
      await standIn?.close();
    });

    it("records a postgres and a backend service, started in dependency order, reached through a tunnel", async () => {
      const engine = await session();
      let endpoint = "";
      await connect(async (client) => {
        const postgres = postgresService(client);
        await backendService(client, postgres).start();
        const tunnel = await client
          .host()
          .tunnel(postgres, { ports: [{ backend: 5432, frontend: 55432, protocol: NetworkProtocol.Tcp }] })
          .start();
        endpoint = await tunnel.endpoint();
        await tunnel.stop();
      });

      expect(engine.errors()).toEqual([]);
      const pipeline = engine.pipeline();
      expectPostgresContainer(pipeline);
      const [postgres] = servicesForImage(pipeline, "postgres:16.11-bookworm");
      const [backend] = servicesForImage(pipeline, "node:20-bookworm-slim");
      expect(postgres).toMatchObject({ kind: "container", useEntrypoint: true, state: "running" });
      expect(backend).toMatchObject({ kind: "container", args: ["node", "server.js"], state: "running" });
      const backendContainer = pipeline.containers.find((container) => container.ref === backend?.container);
      expect(backendContainer?.serviceBindings).toEqual([{ alias: "postgres", service: postgres?.ref }]);
      expect(firstStart(pipeline, postgres?.ref ?? "")).toBeLessThan(
        firstStart(pipeline, backend?.ref ?? "") ?? 0,
      );

      const [tunnel] = tunnelsTo(pipeline, postgres?.ref ?? "");
      expect(tunnel).toMatchObject({
        ports: [{ backend: 5432, frontend: 55432, protocol: "TCP" }],
        state: "stopped",
      });
      expect(endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(pipeline.events).toContainEqual(
        expect.objectContaining({ type: "endpoint", service: tunnel?.ref, endpoint, realServer: "none" }),
      );
      expect(pipeline.events.at(-1)).toMatchObject({ type: "stop", service: tunnel?.ref, wasRunning: true });
    });

    it("never puts secret plaintexts in the recorded pipeline", async () => {
      const engine = await session();
      await connect(async (client) => {
        await postgresService(client).start();
        const token = client.setSecret("demo-git-token", `${PASSWORD}-token`);
        const source = client.git("https://example.com/app.git", { httpAuthToken: token }).head().tree();
        await client
          .container()
          .from("alpine:3.20")
          .withMountedDirectory("/src", source)
          .withMountedSecret("/run/secrets/token", token)
          .withExec(["ls", "/src"])
          .sync();
      });
      const pipeline = engine.pipeline();
      const recorded = JSON.stringify(pipeline);
      expect(recorded).not.toContain(PASSWORD);
      expect(pipeline.secrets.map((secret) => secret.name)).toEqual([
        "demo-postgres-password",
        "demo-git-token",
      ]);
      expect(pipeline.containers.at(-1)?.mounts).toEqual([
        {
          path: "/src",
          kind: "directory",
          source: 'git(url: "https://example.com/app.git", httpAuthToken: "secret:demo-git-token").head.tree',
        },
        { path: "/run/secrets/token", kind: "secret", source: "demo-git-token" },
      ]);
    });

    it("turns a failing exec into the SDK's ExecError", async () => {
      const engine = await session({
        failExec: (args) =>
          args[0] === "pg_isready" ? { exitCode: 2, stdout: "", stderr: "no response" } : undefined,
      });
      await connect(async (client) => {
        const waiting = client
          .container()
          .from("postgres:16.11-bookworm")
          .withExec(["pg_isready", "-h", "db"]);
        const error = await waiting.sync().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ExecError);
        expect(error).toMatchObject({ exitCode: 2, stderr: "no response", cmd: ["pg_isready", "-h", "db"] });

        const tolerant = client
          .container()
          .from("alpine:3.20")
          .withExec(["pg_isready"], { expect: ReturnType.Any });
        expect(await tolerant.exitCode()).toBe(2);
        expect(await tolerant.stderr()).toBe("no response");
      });
      expect(engine.errors()).toEqual([]);
      expect(engine.pipeline().events).toContainEqual(
        expect.objectContaining({ type: "execFailed", exitCode: 2 }),
      );
    });

    it("rejects queries for fields the v0.21.8 schema lacks", async () => {
      const engine = await session();
      await connect(async (client) => {
        const query = client.loadVolumeFromID("bm9wZQ==" as VolumeID).id();
        await expect(query).rejects.toBeInstanceOf(GraphQLRequestError);
      });
      expect(engine.errors()).toEqual([
        expect.stringMatching(/Cannot query field "loadVolumeFromID" on type "Query"/),
      ]);
    });

    it("serves the global dag client inside connection(), resolving objects by ID", async () => {
      const engine = await session();
      let endpoint = "";
      await connection(async () => {
        const id = await dag.container().from("redis:7.4-bookworm").withExposedPort(6379).asService().id();
        const started = await dag.loadServiceFromID(id as string as ServiceID).start();
        endpoint = await started.endpoint({ scheme: "redis" });
      });
      expect(endpoint).toMatch(/^redis:\/\/[a-f0-9]{13}\.standin\.dagger\.local:6379$/);
      expect(engine.errors()).toEqual([]);
      expect(engine.pipeline().events.map((event) => event.type)).toEqual(["start", "endpoint"]);
    });
  },
);

describe.skipIf(!schemaReady)(`SDK client in a child process${schemaReady ? "" : ` (${skipNote})`}`, () => {
  it("serves a child process given childProcessEnv, with telemetry variables dropped", async () => {
    const engine = await startEngineStandIn();
    try {
      const env = childProcessEnv(engine, {
        ...process.env,
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9",
      });
      expect(Object.keys(env).filter((name) => name.startsWith("OTEL_"))).toEqual([]);
      const stdout = await runNode(CHILD_SCRIPT, env);
      expect(stdout.trim()).toBe("v0.21.8 0");
      expect(engine.errors()).toEqual([]);
      expect(containersFrom(engine.pipeline(), "alpine:3.20")[0]?.execs).toEqual([["echo", "hi"]]);
    } finally {
      await engine.close();
    }
  });
});

const CHILD_SCRIPT = `
import { connect } from "@dagger.io/dagger";
await connect(async (client) => {
  const code = await client.container().from("alpine:3.20").withExec(["echo", "hi"]).exitCode();
  console.log(await client.version(), code);
});
`;

function runNode(script: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--input-type=module", "-e", script],
      { env, cwd: repoRoot },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

function postgresService(client: Client) {
  return client
    .container()
    .from("postgres:16.11-bookworm")
    .withEnvVariable("POSTGRES_USER", "app")
    .withEnvVariable("POSTGRES_DB", "appdb")
    .withSecretVariable("POSTGRES_PASSWORD", client.setSecret("demo-postgres-password", PASSWORD))
    .withMountedCache("/var/lib/postgresql/data", client.cacheVolume("demo-pgdata"))
    .withExec(["sh", "-c", "apt-get update && apt-get install -y postgresql-16-pgvector"])
    .withExposedPort(5432)
    .asService({ useEntrypoint: true });
}

function backendService(client: Client, postgres: Service) {
  return client
    .container()
    .from("node:20-bookworm-slim")
    .withMountedDirectory("/app", client.host().directory("."))
    .withWorkdir("/app")
    .withServiceBinding("postgres", postgres)
    .withExposedPort(3000)
    .asService({ args: ["node", "server.js"] });
}

function expectPostgresContainer(pipeline: RecordedPipeline): void {
  const [postgres] = containersFrom(pipeline, "postgres:16.11-bookworm");
  expect(postgres).toMatchObject({
    env: { POSTGRES_USER: "app", POSTGRES_DB: "appdb" },
    secretEnv: { POSTGRES_PASSWORD: "demo-postgres-password" },
    mounts: [{ path: "/var/lib/postgresql/data", kind: "cache", source: "demo-pgdata" }],
    exposedPorts: [{ port: 5432, protocol: "TCP" }],
  });
  expect(execsMatching(pipeline, /apt-get install -y postgresql-16-pgvector/)).toHaveLength(1);
}
