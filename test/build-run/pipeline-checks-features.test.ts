import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkStackPipeline, failed } from "../support/build-run/index.js";
import { secretLeakCheck } from "../support/build-run/secret-leaks.js";
import { custom, normalized, service, serviceOf, spec } from "../support/builders.js";
import type { RecordedContainer, RecordedEvent, RecordedPipeline } from "../support/engine/index.js";

/**
 * The pipeline checks of what compose files bring (one-shot jobs, healthchecks, more ports, shared secrets,
 * cache volumes, user, workdir and entrypoint) against a hand-made recording: right in every way, then
 * one mistake at a time, each caught by name.
 */
const NODE = "node:22.23.2-bookworm-slim";
const stack = normalized(
  spec(
    [
      service("postgres", { healthcheck: { test: ["CMD-SHELL", "pg_isready"] } }),
      custom("migrate", {
        image: NODE,
        run: "once",
        command: ["npm", "run", "migrate"],
        dependsOn: [{ service: "postgres", condition: "healthy" }],
        env: { DATABASE_URL: { service: "postgres", value: "url" } },
      }),
      custom("api", {
        image: NODE,
        ports: [{ container: 8000 }, { container: 9229 }],
        workdir: "/app",
        runAs: "node",
        entrypoint: ["node"],
        mounts: [{ cache: "npm", target: "/home/node/.npm" }, { tmpfs: "/tmp" }],
        dependsOn: ["migrate"],
        env: {
          PGPASSWORD: { service: "postgres", value: "password" },
          SESSION_KEY: { secret: "SESSION_KEY" },
        },
      }),
      custom("worker", { image: NODE, env: { SESSION_KEY: { secret: "SESSION_KEY" } } }),
    ],
    { secrets: { SESSION_KEY: { generate: true } } },
  ),
);
const POSTGRES_IMAGE = serviceOf(stack, "postgres").image ?? "";

function container(ref: string, fields: Partial<RecordedContainer>): RecordedContainer {
  return {
    ...{ ref, seq: 0, id: `id-${ref}`, steps: [], env: {}, secretEnv: {}, execs: [], mounts: [] },
    ...{ exposedPorts: [], serviceBindings: [], files: [] },
    ...fields,
  };
}

function good(): RecordedPipeline {
  return {
    engineVersion: "v0.21.8",
    containers: [
      container("container#1", {
        from: POSTGRES_IMAGE,
        env: { POSTGRES_USER: "postgres", POSTGRES_DB: "app" },
        secretEnv: { POSTGRES_PASSWORD: "ns/postgres/password" },
        steps: [{ op: "withDockerHealthcheck", args: { args: ["pg_isready"], shell: true } }],
        healthcheck: "custom",
        exposedPorts: [{ port: 5432, protocol: "TCP" }],
      }),
      container("container#2", {
        from: NODE,
        env: { DAGGER_STACK_RUN: "ns" },
        secretEnv: { POSTGRES_URL: "ns/migrate/postgres-url", DATABASE_URL: "ns/postgres/url" },
        serviceBindings: [{ alias: "postgres", service: "service#1" }],
        defaultArgs: ["npm", "run", "migrate"],
        steps: [{ op: "withExec", args: { args: [], useEntrypoint: true } }],
        execs: [["npm", "run", "migrate"]],
      }),
      container("container#3", {
        from: NODE,
        secretEnv: { PGPASSWORD: "ns/postgres/password", SESSION_KEY: "ns/stack/SESSION_KEY" },
        serviceBindings: [{ alias: "postgres", service: "service#1" }],
        mounts: [
          { path: "/home/node/.npm", kind: "cache", source: "demo-npm" },
          { path: "/tmp", kind: "temp" },
        ],
        steps: [
          {
            op: "withMountedCache",
            args: { path: "/home/node/.npm", cache: "cache:demo-npm", owner: "node" },
          },
          { op: "withExposedPort", args: { port: 8000 } },
          { op: "withExposedPort", args: { port: 9229, experimentalSkipHealthcheck: true } },
        ],
        workdir: "/app",
        user: "node",
        entrypoint: ["node"],
        exposedPorts: [
          { port: 8000, protocol: "TCP" },
          { port: 9229, protocol: "TCP" },
        ],
        healthcheck: "none",
      }),
      container("container#4", { from: NODE, secretEnv: { SESSION_KEY: "ns/stack/SESSION_KEY" } }),
    ],
    services: [
      { ref: "service#1", seq: 0, id: "s1", kind: "container", container: "container#1", state: "running" },
      { ref: "service#2", seq: 0, id: "s2", kind: "container", container: "container#3", state: "running" },
    ],
    secrets: [{ ref: "secret#1", seq: 0, name: "ns/stack/SESSION_KEY", source: "setSecret" }],
    cacheVolumes: [],
    execs: [],
    events: numbered([
      { type: "start", service: "service#1", trigger: "start" },
      { type: "evaluate", target: "container#2", field: "sync" },
      { type: "start", service: "service#2", trigger: "start" },
    ]),
  };
}

type UnnumberedEvent = RecordedEvent extends infer Event
  ? Event extends RecordedEvent
    ? Omit<Event, "seq">
    : never
  : never;

function numbered(events: UnnumberedEvent[]): RecordedEvent[] {
  return events.map((event, index) => ({ ...event, seq: index + 1 }) as RecordedEvent);
}

function edited(edit: (pipeline: RecordedPipeline, find: (ref: string) => RecordedContainer) => void) {
  const pipeline = good();
  const find = (ref: string) => {
    const found = pipeline.containers.find((entry) => entry.ref === ref);
    if (!found) throw new Error(`no ${ref}`);
    return found;
  };
  edit(pipeline, find);
  return failed(checkStackPipeline(stack, pipeline)).map((entry) => entry.name);
}

describe("checkStackPipeline: compose features", () => {
  it("passes a recording that does everything right, and checks each feature", () => {
    const checks = checkStackPipeline(stack, good());
    expect(failed(checks)).toEqual([]);
    expect(checks.map((entry) => entry.name)).toEqual(
      expect.arrayContaining([
        "migrate: runs to completion before api starts",
        "migrate: runs after postgres started",
        "stack: the stack secret SESSION_KEY is one Dagger secret in api, worker",
        "api: exposes 9229/tcp, not a readiness check",
        "postgres: ready when its healthcheck passes (pg_isready)",
      ]),
    );
  });

  it("catches a job that ran after what waits for it started, or before what it waits for", () => {
    const late = edited((draft) => {
      draft.events = numbered([
        { type: "start", service: "service#1", trigger: "start" },
        { type: "start", service: "service#2", trigger: "start" },
        { type: "evaluate", target: "container#2", field: "sync" },
      ]);
    });
    expect(late).toEqual(["migrate: runs to completion before api starts"]);
    const early = edited((draft) => {
      draft.events = numbered([
        { type: "evaluate", target: "container#2", field: "sync" },
        { type: "start", service: "service#1", trigger: "start" },
        { type: "start", service: "service#2", trigger: "start" },
      ]);
    });
    expect(early).toEqual(["migrate: runs after postgres started"]);
  });

  it("catches a job run without its entrypoint, or that Dagger could take from its cache", () => {
    expect(
      edited((_draft, find) => {
        const job = find("container#2");
        job.steps = [{ op: "withExec", args: { args: ["npm", "run", "migrate"] } }];
        job.env = {};
      }),
    ).toEqual(["migrate: runs its command through its entrypoint", "migrate: runs afresh for each stack"]);
  });

  it("catches a stack secret that is two Dagger secrets, by name or by value", () => {
    expect(
      edited((_draft, find) => {
        find("container#4").secretEnv.SESSION_KEY = "ns/worker/SESSION_KEY";
      }),
    ).toEqual([
      "worker: SESSION_KEY from the stack secret SESSION_KEY",
      "stack: the stack secret SESSION_KEY is one Dagger secret in api, worker",
    ]);
    expect(
      edited((draft) => {
        draft.secrets.push({ ref: "secret#2", seq: 0, name: "ns/stack/SESSION_KEY", source: "setSecret" });
      }),
    ).toEqual(["stack: the stack secret SESSION_KEY is one Dagger secret in api, worker"]);
  });

  it("catches another service's password given as a secret of its own", () => {
    expect(
      edited((_draft, find) => {
        find("container#3").secretEnv.PGPASSWORD = "ns/api/pgpassword";
      }),
    ).toEqual(["api: PGPASSWORD is postgres's password, the same Dagger secret postgres is given"]);
  });

  it("catches a port beyond the first that Dagger would dial, and a missing healthcheck", () => {
    expect(
      edited((draft, find) => {
        const api = find("container#3");
        api.steps = api.steps.filter((step) => step.args.port !== 9229);
        find("container#1").healthcheck = undefined;
        draft.containers[0] = { ...find("container#1"), steps: [] };
      }),
    ).toEqual([
      "postgres: ready when its healthcheck passes (pg_isready)",
      "api: exposes 9229/tcp, not a readiness check",
    ]);
  });

  it("catches the spec's cache volume mounted Locked, and a missing user, workdir, entrypoint and tmpfs", () => {
    expect(
      edited((_draft, find) => {
        const api = find("container#3");
        api.steps[0] = { op: "withMountedCache", args: { path: "/home/node/.npm", sharing: "LOCKED" } };
        api.user = undefined;
        api.workdir = undefined;
        api.entrypoint = undefined;
        api.mounts = api.mounts.filter((mount) => mount.kind !== "temp");
      }),
    ).toEqual([
      "api: a temporary folder at /tmp",
      "api: works in /app",
      "api: runs as node",
      "api: entrypoint node",
      "api: no build cache or Locked cache volume mounted while it runs",
    ]);
  });
});

describe("secretLeakCheck", () => {
  it("holds when no secret value is in the output or the project's files, and names a file that has one", () => {
    const dir = mkdtempSync(join(tmpdir(), "secret-leaks-"));
    try {
      writeFileSync(join(dir, "config.ts"), "export const password = newPassword();\n");
      const secret = "s3cr3t-value-made-at-run-time";
      expect(secretLeakCheck([secret], "all passed", dir).problem).toBeUndefined();
      expect(secretLeakCheck([secret], `got ${secret}`, dir).problem).toBe(
        "a secret value is in the test output",
      );
      writeFileSync(join(dir, "dagger-stack.json"), `{"password": "${secret}"}`);
      expect(secretLeakCheck([secret], "all passed", dir).problem).toContain("dagger-stack.json");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
