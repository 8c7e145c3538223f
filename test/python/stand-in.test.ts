import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_PINS } from "../../src/spec/catalog/images.js";
import {
  childProcessEnv,
  defaultSchemaPath,
  type EngineStandIn,
  firstStart,
  type RecordedContainer,
  schemaAvailable,
  startEngineStandIn,
} from "../support/engine/index.js";
import {
  type RealPostgres,
  type RealRedis,
  realServicesAvailable,
  startRealPostgres,
  startRealRedis,
} from "../support/services/index.js";
import {
  generate,
  type PythonTools,
  pythonStack,
  pythonTools,
  removeProject,
  reportSkip,
  writeProject,
} from "./support.js";

/**
 * The generated Python test suite, run with the pinned pytest and the real dagger-io SDK against the
 * engine stand-in, whose tunnels reach a real Postgres and Redis: the stack connects, starts its services
 * in order, tunnels to them, and the smoke tests and the matrix pass; the stand-in records what the SDK
 * asked for (secrets, bindings, execs) so the pipeline itself is checked too.
 */
const tools = pythonTools();
const oldest = pythonTools("pyenv-min");
const services = realServicesAvailable();
const reasons = [
  ...(typeof tools === "string" ? [tools] : []),
  ...(schemaAvailable() ? [] : [`Dagger schema not found at ${defaultSchemaPath()}`]),
  ...(services.postgres && services.redis
    ? []
    : [services.reason ?? "real Postgres and Redis are not installed"]),
];
if (reasons.length > 0) reportSkip("generated Python suite on the engine stand-in", reasons.join("; "));

const stack = pythonStack({
  name: "e2e",
  services: [
    { name: "db", kind: "postgres", version: "15", database: "kb_test", extensions: ["pg_trgm", "hstore"] },
    { name: "cache", kind: "redis" },
    {
      name: "api",
      kind: "backend",
      build: "./api",
      dependsOn: ["db", "cache"],
      env: { LOG_LEVEL: "info", API_TOKEN: "env://E2E_API_TOKEN" },
    },
    {
      name: "worker",
      kind: "custom",
      image: "python:3.12.14-slim-bookworm",
      packages: { apt: ["ffmpeg"], pip: ["librosa"] },
      mounts: [{ source: "./audio", target: "/audio" }],
    },
  ],
  matrix: { store: ["db", "cache"] },
});

/** The stand-in answers tunnels to anything but Postgres and Redis with a closed port: no HTTP to test. */
const DESELECT_HTTP = ["--deselect", "tests/integration/test_api_smoke.py"];

function pytest(python: string, root: string, engine: EngineStandIn, args: string[]): Promise<string> {
  const env = {
    ...childProcessEnv(engine),
    E2E_API_TOKEN: "token-from-the-host",
    PYTHONDONTWRITEBYTECODE: "1",
  };
  const argv = [
    "-m",
    "pytest",
    "-q",
    "-p",
    "no:cacheprovider",
    "--strict-markers",
    ...DESELECT_HTTP,
    ...args,
    "tests",
  ];
  return new Promise((resolve, reject) => {
    execFile(python, argv, { cwd: root, env, timeout: 120_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pytest ${args.join(" ")} failed:\n${stdout}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

const summary = (output: string) => /(\d+ passed[^\n]*)/.exec(output)?.[1] ?? output;

describe.skipIf(reasons.length > 0)("the generated pytest suite on the engine stand-in", () => {
  let postgres: RealPostgres;
  let redis: RealRedis;
  let engine: EngineStandIn;
  let root: string;
  let python: string;

  beforeAll(async () => {
    python = (tools as PythonTools).python;
    [postgres, redis] = await Promise.all([startRealPostgres(), startRealRedis()]);
    engine = await startEngineStandIn({
      realServices: { postgres, redis },
      failExec: (args) => (args.join(" ") === "echo ready" ? { exitCode: 0, stdout: "ready\n" } : undefined),
    });
    root = writeProject(generate(stack).files);
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
    await Promise.all([postgres?.stop(), redis?.stop()]);
    if (root) removeProject(root);
  });

  it("passes: the smoke tests and both matrix entries", async () => {
    expect(summary(await pytest(python, root, engine, ["-m", "stack"]))).toMatch(/^7 passed, 1 deselected/);
    expect(engine.errors()).toEqual([]);
  });

  it("runs each CI selection on its own", async () => {
    expect(summary(await pytest(python, root, engine, ["-m", "stack and not matrix"]))).toMatch(
      /^5 passed, 3 deselected/,
    );
    expect(summary(await pytest(python, root, engine, ["-m", "store_db"]))).toMatch(
      /^1 passed, 7 deselected/,
    );
    expect(summary(await pytest(python, root, engine, ["-m", "store_cache"]))).toMatch(
      /^1 passed, 7 deselected/,
    );
  });

  describe("what the SDK asked the engine for", () => {
    const container = (image: string): RecordedContainer => {
      const found = engine.pipeline().containers.find((candidate) => candidate.from === image);
      if (!found) throw new Error(`no container from ${image}`);
      return found;
    };

    it("gives the database its password as a secret named after the stack, never as an env variable", () => {
      const db = container(IMAGE_PINS.postgres["15"]);
      expect(db.env).toEqual({ POSTGRES_USER: "postgres", POSTGRES_DB: "kb_test" });
      expect(db.secretEnv.POSTGRES_PASSWORD).toMatch(/^e2e-[0-9a-f]{8}\/db\/password$/);
    });

    it("binds the API to its dependencies and starts them first", () => {
      const pipeline = engine.pipeline();
      const api = pipeline.containers.find((candidate) => candidate.dockerBuild !== undefined);
      expect(api?.serviceBindings.map((binding) => binding.alias)).toEqual(["db", "cache"]);
      expect(api?.env).toMatchObject({ LOG_LEVEL: "info" });
      expect(api?.secretEnv).toMatchObject({ API_TOKEN: "env://E2E_API_TOKEN" });
      expect(api?.secretEnv.DB_URL).toMatch(/\/api\/db-url$/);
      // Redis has a password too: its URL is a secret.
      expect(api?.secretEnv.CACHE_URL).toMatch(/\/api\/cache-url$/);
      const started = (ref: string | undefined): number => {
        const seq = firstStart(pipeline, ref ?? "");
        if (seq === undefined) throw new Error(`${ref} never started`);
        return seq;
      };
      const serviceOf = (container: RecordedContainer | undefined) =>
        pipeline.services.find((service) => service.container === container?.ref)?.ref;
      const apiStart = started(serviceOf(api));
      expect(started(serviceOf(container(IMAGE_PINS.postgres["15"])))).toBeLessThan(apiStart);
      expect(started(serviceOf(container(IMAGE_PINS.redis["7.4"])))).toBeLessThan(apiStart);
    });

    it("reaches every service through a tunnel", () => {
      const pipeline = engine.pipeline();
      const tunnels = pipeline.services.filter((service) => service.kind === "tunnel");
      expect(tunnels.map((tunnel) => tunnel.ports?.[0]?.backend).sort()).toEqual(
        expect.arrayContaining([5432, 6379, 8000]),
      );
    });

    it("builds the worker with its packages and checks them before `echo ready`", () => {
      const execs = engine.pipeline().execs.map((exec) => exec.args.join(" "));
      expect(execs).toEqual(
        expect.arrayContaining([
          "dpkg -s ffmpeg",
          "pip show librosa",
          "test -d /audio",
          "echo ready",
          "pip install librosa",
        ]),
      );
    });
  });
  /** SUPPORTED_VERSIONS' lower bounds: a project that requires pytest ^7, anyio 3.7 or redis 5 keeps them. */
  it.skipIf(typeof oldest === "string")(
    "passes with the oldest versions a project's own requirements may pin (.cache/pyenv-min)",
    async () => {
      const { python: oldPython } = oldest as PythonTools;
      expect(summary(await pytest(oldPython, root, engine, ["-m", "stack"]))).toMatch(
        /^7 passed, 1 deselected/,
      );
      expect(engine.errors()).toEqual([]);
    },
  );
});
