import { describe, expect, it } from "vitest";
import type { NormalizedStack } from "../../src/spec/model.js";
import {
  checkRunPipeline,
  checkStackPipeline,
  failed,
  type Selection,
  withProjectRelativePaths,
} from "../support/build-run/index.js";
import { unpinnedReason } from "../support/build-run/pipeline/generic-checks.js";
import { custom, normalized, service, serviceOf, spec } from "../support/builders.js";
import type {
  RecordedContainer,
  RecordedEvent,
  RecordedPipeline,
  RecordedService,
} from "../support/engine/index.js";

/**
 * The pipeline checks against hand-made recordings: one that is right in every way, then one mistake at
 * a time, each of which must be caught by name.
 */
const stack = normalized(
  spec([
    service("postgres", { version: "16", extensions: ["pgvector", "pg_cron"], database: "app" }),
    service("backend", {
      name: "api",
      build: "./api",
      dependsOn: ["postgres"],
      env: { TOKEN: "env://API_TOKEN" },
    }),
    custom("tool", {
      packages: { apt: ["ffmpeg"], pip: ["librosa"] },
      mounts: [{ source: "./data", target: "/data" }],
    }),
  ]),
);
const POSTGRES_IMAGE = serviceOf(stack, "postgres").image ?? "";
const APT = 'apt-get update && apt-get install -y --no-install-recommends "$@"';

function container(ref: string, fields: Partial<RecordedContainer>): RecordedContainer {
  return {
    ...{ ref, seq: 0, id: `id-${ref}`, steps: [], env: {}, secretEnv: {}, execs: [], mounts: [] },
    ...{ exposedPorts: [], serviceBindings: [], files: [] },
    ...fields,
  };
}

function good(): RecordedPipeline {
  const postgres = container("container#1", {
    from: POSTGRES_IMAGE,
    env: { POSTGRES_USER: "postgres", POSTGRES_DB: "app" },
    secretEnv: { POSTGRES_PASSWORD: "ns/postgres/password" },
    execs: [["sh", "-c", APT, "sh", "postgresql-16-pgvector", "postgresql-16-cron"]],
    defaultArgs: ["postgres", "-c", "shared_preload_libraries=pg_cron", "-c", "cron.database_name=app"],
  });
  const api = container("container#2", {
    dockerBuild: { context: 'host.directory(path: "./api")', dockerfile: "Dockerfile", buildArgs: [] },
    secretEnv: { POSTGRES_URL: "ns/api/postgres-url", TOKEN: "env://API_TOKEN" },
    serviceBindings: [{ alias: "postgres", service: "service#1" }],
    healthcheck: "none",
  });
  const tool = container("container#3", {
    from: "python:3.12.14-slim-bookworm",
    execs: [
      ["sh", "-c", APT, "sh", "ffmpeg"],
      ["pip", "install", "librosa"],
    ],
    mounts: [{ path: "/data", kind: "directory", source: 'host.directory(path: "./data")' }],
  });
  return {
    engineVersion: "v0.21.8",
    containers: [postgres, api, tool],
    services: [
      containerService("service#1", "container#1"),
      containerService("service#2", "container#2"),
      { ref: "service#3", seq: 0, id: "t1", kind: "tunnel", target: "service#1", state: "running" },
      { ref: "service#4", seq: 0, id: "t2", kind: "tunnel", target: "service#2", state: "running" },
    ],
    secrets: [],
    cacheVolumes: [],
    execs: [],
    events: numbered([
      { type: "start", service: "service#1", trigger: "start" },
      { type: "start", service: "service#3", trigger: "start" },
      { type: "endpoint", service: "service#3", endpoint: "127.0.0.1:1", realServer: "postgres" },
      { type: "start", service: "service#2", trigger: "start" },
      { type: "start", service: "service#4", trigger: "start" },
      { type: "endpoint", service: "service#4", endpoint: "127.0.0.1:2", realServer: "none" },
    ]),
  };
}

function containerService(ref: string, containerRef: string): RecordedService {
  return { ref, seq: 0, id: `id-${ref}`, kind: "container", container: containerRef, state: "running" };
}

type UnnumberedEvent = RecordedEvent extends infer Event
  ? Event extends RecordedEvent
    ? Omit<Event, "seq">
    : never
  : never;

function numbered(events: UnnumberedEvent[]): RecordedEvent[] {
  return events.map((event, index) => ({ ...event, seq: index + 1 }) as RecordedEvent);
}

function edited(edit: (pipeline: RecordedPipeline) => void): RecordedPipeline {
  const pipeline = good();
  edit(pipeline);
  return pipeline;
}

function containerRef(pipeline: RecordedPipeline, ref: string): RecordedContainer {
  const found = pipeline.containers.find((entry) => entry.ref === ref);
  if (!found) throw new Error(`no ${ref}`);
  return found;
}

const failures = (target: NormalizedStack, pipeline: RecordedPipeline) =>
  failed(checkStackPipeline(target, pipeline)).map((entry) => entry.name);

describe("checkStackPipeline", () => {
  it("passes a recording that does everything right", () => {
    const checks = checkStackPipeline(stack, good());
    expect(failed(checks)).toEqual([]);
    expect(checks.length).toBeGreaterThan(15);
  });

  it("catches a password in a plain env variable", () => {
    const pipeline = edited((draft) => {
      const postgres = containerRef(draft, "container#1");
      postgres.env.POSTGRES_PASSWORD = "hunter2";
      delete postgres.secretEnv.POSTGRES_PASSWORD;
    });
    expect(failures(stack, pipeline)).toEqual([
      `stack: container#1 (${POSTGRES_IMAGE}) credentials only through secrets`,
      "postgres: POSTGRES_PASSWORD from a secret",
    ]);
  });

  it("catches a dependency URL with a password handed over in plain text", () => {
    const pipeline = edited((draft) => {
      const api = containerRef(draft, "container#2");
      api.env.POSTGRES_URL = "postgresql://postgres:pw@postgres:5432/app";
      delete api.secretEnv.POSTGRES_URL;
    });
    expect(failures(stack, pipeline)).toEqual([
      'stack: container#2 (build of host.directory(path: "./api")) credentials only through secrets',
      "api: POSTGRES_URL from a secret",
    ]);
  });

  it("catches apt-get update and install in separate execs, and packages for builtin extensions", () => {
    const pipeline = edited((draft) => {
      containerRef(draft, "container#1").execs = [
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "postgresql-16-pgvector", "postgresql-16-cron", "postgresql-16-pg-trgm"],
      ];
    });
    expect(failures(stack, pipeline)).toEqual([
      "postgres: apt installs postgresql-16-pgvector postgresql-16-cron",
    ]);
    const extra = edited((draft) => {
      containerRef(draft, "container#1").execs[0]?.push("postgresql-16-pg_trgm");
    });
    expect(failed(checkStackPipeline(stack, extra))[0]?.problem).toBe(
      "missing: -; not asked for: postgresql-16-pg_trgm",
    );
  });

  it("catches a server started without the settings its extensions need", () => {
    const pipeline = edited((draft) => {
      containerRef(draft, "container#1").defaultArgs = ["postgres", "-c", "shared_preload_libraries=pg_cron"];
    });
    expect(failures(stack, pipeline)).toEqual(["postgres: server runs with -c cron.database_name=app"]);
  });

  it("catches a dependency the stack did not start first (the engine started it for the binding)", () => {
    const pipeline = edited((draft) => {
      draft.events = numbered([
        { type: "start", service: "service#1", trigger: "binding" },
        { type: "start", service: "service#2", trigger: "start" },
      ]);
    });
    expect(failures(stack, pipeline)).toEqual(["api: starts after postgres"]);
  });

  it("catches an unpinned image and an endpoint asked of a service instead of a tunnel", () => {
    const pipeline = edited((draft) => {
      containerRef(draft, "container#3").from = "python:latest";
      draft.events.push({ seq: 99, type: "endpoint", service: "service#1", endpoint: "abc.standin:5432" });
    });
    expect(failures(stack, pipeline)).toEqual([
      "stack: container#3 (python:latest) image pinned",
      "stack: host access only through tunnels",
      "tool: from python:3.12.14-slim-bookworm",
    ]);
  });

  it("catches a missing pip install and a missing mount", () => {
    const pipeline = edited((draft) => {
      const tool = containerRef(draft, "container#3");
      tool.execs = tool.execs.slice(0, 1);
      tool.mounts = [];
    });
    expect(failures(stack, pipeline)).toEqual([
      "tool: pip installs librosa",
      "tool: ./data mounted at /data",
    ]);
  });

  it("catches pg_search installed any way but from ParadeDB's image", () => {
    const paradedb = normalized(spec([service("postgres", { version: "16", extensions: ["pg_search"] })]));
    const pipeline = edited((draft) => {
      draft.containers = [containerRef(draft, "container#1")];
      draft.services = draft.services.filter((entry) => entry.ref === "service#1");
      draft.events = [];
    });
    expect(failures(paradedb, pipeline)).toContain("postgres: from paradedb/paradedb:0.26.1-pg16");
  });
});

describe("checkStackPipeline: what a running service holds and how it is found ready", () => {
  it("catches an apt cache still mounted on a service (it would hold the Locked cache until it stops)", () => {
    const pipeline = edited((draft) => {
      containerRef(draft, "container#1").mounts = [
        { path: "/var/lib/apt/lists", kind: "cache", source: "apt-lists" },
      ];
    });
    expect(failures(stack, pipeline)).toEqual(["postgres: no cache volume mounted while it runs"]);
  });

  it("catches a Dockerfile service whose HEALTHCHECK would replace the port check", () => {
    const pipeline = edited((draft) => {
      delete containerRef(draft, "container#2").healthcheck;
    });
    expect(failures(stack, pipeline)).toEqual([
      "api: ready when its port accepts connections (image HEALTHCHECK dropped)",
    ]);
  });

  it("catches ParadeDB's preload list or cron database replaced by server flags", () => {
    const paradedb = normalized(
      spec([service("postgres", { version: "16", extensions: ["pg_search", "pg_cron", "postgis"] })]),
    );
    const recording = (defaultArgs?: string[]): RecordedPipeline => ({
      ...good(),
      containers: [
        container("container#1", {
          from: "paradedb/paradedb:0.26.1-pg16",
          env: { POSTGRES_USER: "postgres", POSTGRES_DB: "app" },
          secretEnv: { POSTGRES_PASSWORD: "ns/postgres/password" },
          healthcheck: "none",
          ...(defaultArgs ? { defaultArgs } : {}),
        }),
      ],
      services: [containerService("service#1", "container#1")],
      events: [],
    });
    expect(
      failures(
        paradedb,
        recording(["postgres", "-c", "shared_preload_libraries=pg_search,pg_cron,pg_stat_statements"]),
      ),
    ).toEqual([]);
    expect(
      failures(
        paradedb,
        recording(["postgres", "-c", "shared_preload_libraries=pg_cron", "-c", "cron.database_name=app"]),
      ),
    ).toEqual([
      "postgres: server preloads pg_search,pg_cron,pg_stat_statements, the image's own list included",
      "postgres: keeps the image's cron.database_name=postgres",
    ]);
  });

  it("catches a stop of a service that never ran (the engine would build or pull it first)", () => {
    const pipeline = edited((draft) => {
      draft.events.push({ seq: 90, type: "stop", service: "service#2", kill: false, wasRunning: false });
    });
    expect(failures(stack, pipeline)).toEqual(["stack: stops only services it started"]);
  });
});

describe("withProjectRelativePaths", () => {
  it("marks relative host paths: the engine resolves them against the client's working folder", () => {
    const rewritten = withProjectRelativePaths(good(), "/work/app");
    expect(failures(stack, rewritten)).toEqual([
      "stack: host folders resolved from the project root",
      "api: built from ./api/Dockerfile",
      "tool: ./data mounted at /data",
    ]);
  });

  it("lets absolute host paths (generated Python resolves them) match the spec's relative ones", () => {
    const pipeline = edited((draft) => {
      const api = containerRef(draft, "container#2");
      if (api.dockerBuild)
        api.dockerBuild.context = 'host.directory(path: "/work/app/api", exclude: [".git"])';
      containerRef(draft, "container#3").mounts = [
        { path: "/data", kind: "directory", source: 'host.directory(path: "/work/app/data")' },
      ];
    });
    expect(failures(stack, pipeline)).toContain("api: built from ./api/Dockerfile");
    expect(failures(stack, withProjectRelativePaths(pipeline, "/work/app"))).toEqual([]);
    expect(failures(stack, withProjectRelativePaths(pipeline, "/elsewhere"))).toContain(
      "tool: ./data mounted at /data",
    );
  });
});

describe("checkRunPipeline", () => {
  const selection: Selection = { smoke: ["postgres"], matrix: [], excluded: [], servers: {} };

  it("passes a run that started the stack once and reached Postgres through a tunnel", () => {
    expect(failed(checkRunPipeline(stack, good(), selection, true))).toEqual([]);
  });

  it("catches a stack started twice (once per Vitest project)", () => {
    const pipeline = edited((draft) => {
      draft.services.push(containerService("service#9", "container#1"));
      draft.events.push({ seq: 50, type: "start", service: "service#9", trigger: "start" });
    });
    expect(failed(checkRunPipeline(stack, pipeline, selection, true))).toEqual([
      { name: "test run: postgres started once", problem: "started 2 times" },
    ]);
  });
});

describe("unpinnedReason", () => {
  it.each([
    ["postgres:16.15-bookworm", undefined],
    ["registry.example.com:5000/team/app:1.2.3", undefined],
    ["python:3.12.14-slim-bookworm", undefined],
    ["minio/minio:RELEASE.2024-11-07T00-52-20Z", undefined],
    [`postgres@sha256:${"a".repeat(64)}`, undefined],
    ["postgres", "postgres has no tag: it follows latest"],
    [
      "registry.example.com:5000/team/app",
      "registry.example.com:5000/team/app has no tag: it follows latest",
    ],
    ["redis:latest", "redis:latest follows latest"],
    ["postgres:16", "postgres:16 names no patch release: the tag moves with each new one"],
    ["python:3.12-slim", "python:3.12-slim names no patch release: the tag moves with each new one"],
    [
      "python:3.12.14-slim",
      "python:3.12.14-slim names no Debian release: its base moves to the next one (bookworm to trixie)",
    ],
  ])("%s", (image, reason) => {
    expect(unpinnedReason(image)).toBe(reason);
  });
});
