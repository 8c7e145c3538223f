import { describe, expect, it } from "vitest";
import { type BuilderModel, builderModel, type Step } from "../../../src/plan/builder-steps.js";
import { SERVICE_KINDS } from "../../../src/spec/catalog/services.js";
import type { NormalizedStack } from "../../../src/spec/model.js";
import { custom, normalized, type ServiceInput, service, serviceOf, spec } from "../../support/builders.js";

function modelOf(stack: NormalizedStack, name: string): BuilderModel {
  return builderModel(stack, serviceOf(stack, name));
}

/** The model of the service `name` in a stack of these services. */
function model(services: ServiceInput[], name: string): BuilderModel {
  return modelOf(normalized(spec(services)), name);
}

const ofOp = <Op extends Step["op"]>(steps: Step[], op: Op) =>
  steps.filter((step): step is Extract<Step, { op: Op }> => step.op === op);

const aptPackages = (steps: Step[]) => ofOp(steps, "aptInstall").flatMap((step) => step.packages);

const CREDENTIAL_KINDS = SERVICE_KINDS.filter((kind) => kind.credentials);

describe("builderModel: credentials", () => {
  it("knows which kinds carry credentials", () => {
    expect(CREDENTIAL_KINDS.map((kind) => kind.kind).sort()).toEqual([
      "mariadb",
      "minio",
      "mongodb",
      "mysql",
      "postgres",
    ]);
  });

  it.each(CREDENTIAL_KINDS.map((kind) => [kind.kind, kind.credentials?.passwordEnv ?? ""]))(
    "%s: the password %s goes through a secret, never a plain env variable",
    (kind, passwordEnv) => {
      const { steps, fields } = model([service(kind)], kind);
      expect(ofOp(steps, "secretEnv")).toEqual([
        expect.objectContaining({
          name: passwordEnv,
          secretName: `${kind}/password`,
          value: { type: "config", field: "password" },
        }),
      ]);
      for (const step of ofOp(steps, "env")) {
        expect(step.name).not.toBe(passwordEnv);
        expect(step.value).not.toEqual({ type: "config", field: "password" });
      }
      expect(fields).toContain("password");
    },
  );

  it("sets user and database from config as plain env", () => {
    const { steps } = model([service("postgres", { user: "kb", database: "kb_test" })], "postgres");
    expect(ofOp(steps, "env")).toEqual([
      { op: "env", name: "POSTGRES_USER", value: { type: "config", field: "user" } },
      { op: "env", name: "POSTGRES_DB", value: { type: "config", field: "database" } },
    ]);
  });

  it("has no secrets for a kind without credentials", () => {
    expect(ofOp(model([service("redis")], "redis").steps, "secretEnv")).toEqual([]);
  });
});

describe("builderModel: dependencies", () => {
  const stack = normalized(
    spec([
      service("postgres"),
      service("redis"),
      service("mongodb"),
      service("backend", { dependsOn: ["postgres", "redis", "mongodb"] }),
    ]),
  );
  const { steps } = modelOf(stack, "backend");

  it("binds each dependency under its own name", () => {
    expect(ofOp(steps, "bind").map((step) => [step.alias, step.service])).toEqual([
      ["postgres", "postgres"],
      ["redis", "redis"],
      ["mongodb", "mongodb"],
    ]);
  });

  it("hands over a URL that contains a password as a secret", () => {
    expect(ofOp(steps, "secretEnv")).toEqual([
      expect.objectContaining({ name: "POSTGRES_URL", value: { type: "internalUrl", service: "postgres" } }),
      expect.objectContaining({ name: "MONGODB_URL", value: { type: "internalUrl", service: "mongodb" } }),
    ]);
  });

  it("hands over a URL without credentials as plain env", () => {
    expect(ofOp(steps, "env")).toEqual([
      { op: "env", name: "REDIS_URL", value: { type: "internalUrl", service: "redis" } },
    ]);
  });

  it("names a dependency's URL variable after it", () => {
    const { steps: apiSteps } = model(
      [service("postgres", { name: "song-library" }), service("backend", { dependsOn: ["song-library"] })],
      "backend",
    );
    expect(ofOp(apiSteps, "secretEnv").map((step) => step.name)).toEqual(["SONG_LIBRARY_URL"]);
  });

  it("gives every secret of a stack its own name", () => {
    const collide = normalized(
      spec([
        service("postgres", { name: "c", port: 5001 }),
        service("postgres", { name: "b-c", port: 5002 }),
        service("backend", { name: "a-b", port: 8001, dependsOn: ["c"] }),
        service("backend", { name: "a", port: 8002, dependsOn: ["b-c"] }),
      ]),
    );
    const names = collide.services.flatMap((normal) =>
      ofOp(builderModel(collide, normal).steps, "secretEnv").map((step) => step.secretName),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("builderModel: user env", () => {
  it("reads env:// values from the host as secrets and keeps literals as env", () => {
    const { steps } = model(
      [service("backend", { env: { SECRET_KEY: "env://CC_SECRET", LOG_LEVEL: "info" } })],
      "backend",
    );
    expect(ofOp(steps, "hostSecretEnv")).toEqual([
      expect.objectContaining({ name: "SECRET_KEY", variable: "CC_SECRET" }),
    ]);
    expect(ofOp(steps, "env")).toEqual([
      { op: "env", name: "LOG_LEVEL", value: { type: "text", text: "info" } },
    ]);
  });
});

describe("builderModel: extension packages", () => {
  it.each([
    ["16", ["pgvector"], ["postgresql-16-pgvector"]],
    ["15", ["postgis"], ["postgresql-15-postgis-3"]],
    ["17", ["pgrouting"], ["postgresql-17-postgis-3", "postgresql-17-pgrouting"]],
    [
      "18",
      ["pg_cron", "hypopg", "pg_partman"],
      ["postgresql-18-cron", "postgresql-18-hypopg", "postgresql-18-partman"],
    ],
  ])("postgres %s with %j installs %j", (version, extensions, packages) => {
    expect(aptPackages(model([service("postgres", { version, extensions })], "postgres").steps)).toEqual(
      packages,
    );
  });

  it("installs nothing for extensions that ship with Postgres", () => {
    const { steps } = model(
      [service("postgres", { extensions: ["pg_trgm", "hstore", "citext", "uuid-ossp"] })],
      "postgres",
    );
    expect(ofOp(steps, "aptInstall")).toEqual([]);
  });

  it("installs nothing for pgvector when the pg_search image provides it", () => {
    const { steps, origin } = model(
      [service("postgres", { extensions: ["pgvector", "pg_search"] })],
      "postgres",
    );
    expect(ofOp(steps, "aptInstall")).toEqual([]);
    expect(origin).toMatchObject({ from: "image", image: { type: "config", field: "image" } });
  });

  it("still installs other apt extensions on the pg_search image", () => {
    const { steps } = model(
      [service("postgres", { extensions: ["pg_search", "pgvector", "postgis"] })],
      "postgres",
    );
    expect(aptPackages(steps)).toEqual(["postgresql-16-postgis-3"]);
  });

  it("installs extension packages and a custom container's packages in one apt step", () => {
    const { steps } = model(
      [custom("audio", { packages: { apt: ["ffmpeg", "libsndfile1"], pip: ["librosa"] } })],
      "audio",
    );
    expect(ofOp(steps, "aptInstall").map((step) => step.packages)).toEqual([["ffmpeg", "libsndfile1"]]);
    expect(ofOp(steps, "pipInstall").map((step) => step.packages)).toEqual([["librosa"]]);
  });
});

describe("builderModel: server arguments", () => {
  it("turns preload libraries and settings into -c arguments, preload first", () => {
    const { steps } = model([service("postgres", { database: "jobs", extensions: ["pg_cron"] })], "postgres");
    expect(ofOp(steps, "args").map((step) => step.args)).toEqual([
      ["postgres", "-c", "shared_preload_libraries=pg_cron", "-c", "cron.database_name=jobs"],
    ]);
  });

  it("passes no arguments when no extension needs settings", () => {
    expect(
      ofOp(model([service("postgres", { extensions: ["pgvector"] })], "postgres").steps, "args"),
    ).toEqual([]);
  });

  it("passes a custom command and the kind's default arguments", () => {
    expect(ofOp(model([custom("job", { command: ["node", "job.js"] })], "job").steps, "args")).toEqual([
      { op: "args", args: ["node", "job.js"] },
    ]);
    expect(ofOp(model([service("minio")], "minio").steps, "args").map((step) => step.args)).toEqual([
      ["server", "/data"],
    ]);
  });
});

describe("builderModel: step order", () => {
  const order = (steps: Step[]) => steps.map((step) => step.op);
  const firstIndex = (ops: string[], wanted: string[]) => ops.findIndex((op) => wanted.includes(op));
  const lastIndex = (ops: string[], wanted: string[]) => ops.findLastIndex((op) => wanted.includes(op));

  it("installs packages before any env, secret, binding or mount (least-changing first)", () => {
    const { steps } = model(
      [
        service("redis"),
        custom("audio", {
          port: 9000,
          packages: { apt: ["ffmpeg"], pip: ["librosa"] },
          env: { MODE: "x", API_KEY: "env://KEY" },
          mounts: ["./audio:/audio"],
          dependsOn: ["redis"],
        }),
      ],
      "audio",
    );
    const ops = order(steps);
    expect(ops.indexOf("aptInstall")).toBeLessThan(ops.indexOf("pipInstall"));
    expect(ops.indexOf("pipInstall")).toBeLessThan(
      firstIndex(ops, ["env", "secretEnv", "hostSecretEnv", "bind", "mount"]),
    );
    expect(ops.at(-1)).toBe("expose");
  });

  it("installs extensions before the credentials", () => {
    const ops = order(model([service("postgres", { extensions: ["postgis"] })], "postgres").steps);
    expect(ops[0]).toBe("aptInstall");
    expect(lastIndex(ops, ["aptInstall", "pipInstall"])).toBeLessThan(firstIndex(ops, ["env", "secretEnv"]));
  });

  it("exposes only services: a container without a port has no expose step", () => {
    expect(order(model([custom("worker")], "worker").steps)).not.toContain("expose");
    expect(order(model([service("redis")], "redis").steps)).toEqual(["expose"]);
  });
});

describe("builderModel: origin and fields", () => {
  it("builds a Dockerfile service from its context and reads those config fields", () => {
    const { origin, fields } = model([service("backend")], "backend");
    expect(origin).toMatchObject({
      from: "dockerfile",
      context: { field: "context" },
      dockerfile: { field: "dockerfile" },
    });
    expect(fields).toEqual(["context", "dockerfile", "port"]);
  });

  it("reads each config field once, in the order the chain uses them", () => {
    expect(model([service("postgres")], "postgres").fields).toEqual([
      "image",
      "user",
      "database",
      "password",
      "port",
    ]);
  });
});
