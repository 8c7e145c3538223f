import { describe, expect, it } from "vitest";
import { type BuilderModel, builderModel, buildSeconds, type Step } from "../../../src/plan/builder-steps.js";
import { postgresServer } from "../../../src/plan/postgres-server.js";
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
      "redis",
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
    expect(ofOp(model([service("chromadb")], "chromadb").steps, "secretEnv")).toEqual([]);
  });

  it("gives Redis a password, since `up` publishes it on every interface", () => {
    const { steps } = model([service("redis")], "redis");
    expect(ofOp(steps, "secretEnv").map((step) => step.name)).toEqual(["REDIS_PASSWORD"]);
    const [args] = ofOp(steps, "args");
    expect(args?.args.join(" ")).toContain('redis-server --requirepass "$REDIS_PASSWORD"');
  });
});

describe("builderModel: dependencies", () => {
  const stack = normalized(
    spec([
      service("postgres"),
      service("chromadb"),
      service("mongodb"),
      service("backend", { dependsOn: ["postgres", "chromadb", "mongodb"] }),
    ]),
  );
  const { steps } = modelOf(stack, "backend");

  it("binds each dependency under its own name", () => {
    expect(ofOp(steps, "bind").map((step) => [step.alias, step.service])).toEqual([
      ["postgres", "postgres"],
      ["chromadb", "chromadb"],
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
      { op: "env", name: "CHROMADB_URL", value: { type: "internalUrl", service: "chromadb" } },
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

  it("still installs apt extensions that the pg_search image lacks, never those it ships", () => {
    const { steps } = model(
      [service("postgres", { extensions: ["pg_search", "pgvector", "postgis", "pg_cron", "pgrouting"] })],
      "postgres",
    );
    expect(aptPackages(steps)).toEqual(["postgresql-16-pgrouting"]);
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

  it("keeps ParadeDB's own preload list and cron database: pg_search, pg_cron, postgis", () => {
    // The repro: server flags replacing the image's shared_preload_libraries made its bootstrap fail.
    const { steps } = model(
      [service("postgres", { database: "kb", extensions: ["pg_search", "pg_cron", "postgis"] })],
      "postgres",
    );
    expect(ofOp(steps, "args").map((step) => step.args)).toEqual([
      ["postgres", "-c", "shared_preload_libraries=pg_search,pg_cron,pg_stat_statements"],
    ]);
    expect(ofOp(steps, "aptInstall")).toEqual([]);
  });

  it("merges a preload the ready image lacks into its list, the image's entries first", () => {
    const base = serviceOf(
      normalized(spec([service("postgres", { extensions: ["pg_search", "pg_cron"] })])),
      "postgres",
    );
    const [search, cron] = base.extensions;
    if (!search || !cron) throw new Error("extensions missing");
    const explain = { ...cron, id: "auto_explain", preload: ["auto_explain"], settings: {} };
    const server = postgresServer({ ...base, extensions: [search, cron, explain] });
    expect(server.flags).toEqual([
      "shared_preload_libraries=pg_search,pg_cron,pg_stat_statements,auto_explain",
    ]);
    expect(server.settings["cron.database_name"]).toBe("postgres");
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
    expect(order(model([service("chromadb")], "chromadb").steps).slice(-2)).toEqual([
      "portReadiness",
      "expose",
    ]);
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

describe("builderModel: readiness", () => {
  const ops = (input: ServiceInput, name: string) => model([input], name).steps.map((step) => step.op);

  it.each(["postgres", "redis", "mysql", "mariadb", "mongodb"])(
    "%s: an official image without HEALTHCHECK keeps Dagger's port check as it is",
    (kind) => {
      expect(ops(service(kind), kind)).not.toContain("portReadiness");
    },
  );

  it("ParadeDB's image, built on the official one, defines no HEALTHCHECK either", () => {
    expect(ops(service("postgres", { extensions: ["pg_search"] }), "postgres")).not.toContain(
      "portReadiness",
    );
  });

  it.each([
    ["a Dockerfile build", service("backend"), "backend"],
    ["another vendor's image", service("minio"), "minio"],
    ["a custom image", custom("tool", { port: 8080 }), "tool"],
  ] as const)("%s: drops the image's HEALTHCHECK, right before exposing the port", (_what, input, name) => {
    expect(ops(input, name).slice(-2)).toEqual(["portReadiness", "expose"]);
  });
});

describe("builderModel: heavy packages", () => {
  it("takes PyTorch's CPU wheels where a pip package pulls torch, and names unpinned packages", () => {
    const [pip] = ofOp(
      model([custom("audio", { packages: { pip: ["librosa==0.11.0", "openai-whisper"] } })], "audio").steps,
      "pipInstall",
    );
    expect(pip?.extraIndex).toBe("https://download.pytorch.org/whl/cpu");
    expect(pip?.comment).toContain("Not pinned: openai-whisper;");
    expect(pip?.comment).not.toContain("librosa==");
  });

  it("uses PyPI alone for light packages", () => {
    const [pip] = ofOp(
      model([custom("tool", { packages: { pip: ["httpx==0.28.1"] } })], "tool").steps,
      "pipInstall",
    );
    expect(pip?.extraIndex).toBeUndefined();
  });

  it("allows a build as long as its packages take: minutes for PyTorch, not vitest's default", () => {
    const seconds = (packages: { apt?: string[]; pip?: string[] }) =>
      buildSeconds(serviceOf(normalized(spec([custom("c", { packages })])), "c"));
    expect(seconds({})).toBe(120);
    expect(seconds({ pip: ["openai-whisper==20250625"] })).toBeGreaterThanOrEqual(1800);
    expect(seconds({ apt: ["ffmpeg"], pip: ["librosa"] })).toBeGreaterThan(seconds({ pip: ["librosa"] }));
  });
});

describe("builderModel: compose features", () => {
  const stack = normalized(
    spec(
      [
        service("postgres", { healthcheck: { test: ["CMD-SHELL", "pg_isready"], interval: "2s" } }),
        service("backend", {
          name: "api",
          build: { context: "./api", args: { NODE_ENV: "production" }, target: "runtime" },
          ports: [{ container: 8000 }, { container: 9229 }, { container: 8125, protocol: "udp" }],
          entrypoint: ["node"],
          command: ["server.js"],
          workdir: "/app",
          runAs: "node",
          mounts: [
            { cache: "npm", target: "/home/node/.npm" },
            { source: "./seed.sql", target: "/seed.sql", type: "file" },
          ],
          env: {
            DATABASE_URL: { service: "postgres", value: "url" },
            PGPASSWORD: { service: "postgres", value: "password" },
            PGPORT: { service: "postgres", value: "port" },
            SESSION_KEY: { secret: "SESSION_KEY" },
            MAPS: { secret: "MAPS" },
          },
        }),
        custom("worker", { env: { SESSION_KEY: { secret: "SESSION_KEY" } } }),
      ],
      { secrets: { SESSION_KEY: { generate: true }, MAPS: { fromEnv: "MAPS_TOKEN" } } },
    ),
  );
  const api = modelOf(stack, "api");

  it("passes another service's password as the very secret that service gets, and its URL as one shared secret", () => {
    const own = ofOp(modelOf(stack, "postgres").steps, "secretEnv")[0];
    const secrets = ofOp(api.steps, "secretEnv");
    expect(secrets.find((step) => step.name === "PGPASSWORD")?.secretName).toBe(own?.secretName);
    expect(secrets.find((step) => step.name === "DATABASE_URL")).toMatchObject({
      secretName: "postgres/url",
      value: { type: "internalUrl", service: "postgres" },
    });
    expect(ofOp(api.steps, "env").find((step) => step.name === "PGPORT")?.value).toEqual({
      type: "serviceConfig",
      service: "postgres",
      field: "port",
    });
  });

  it("binds a service the env refers to, without a <NAME>_URL variable of its own", () => {
    expect(ofOp(api.steps, "bind")).toEqual([expect.objectContaining({ alias: "postgres" })]);
    expect(ofOp(api.steps, "secretEnv").map((step) => step.name)).not.toContain("POSTGRES_URL");
  });

  it("gives a stack secret one name wherever it is read; one read from the host stays a host secret", () => {
    const names = [api, modelOf(stack, "worker")].map(
      (model) => ofOp(model.steps, "secretEnv").find((step) => step.name === "SESSION_KEY")?.secretName,
    );
    expect(names).toEqual(["stack/SESSION_KEY", "stack/SESSION_KEY"]);
    expect(ofOp(api.steps, "hostSecretEnv")).toEqual([
      expect.objectContaining({ name: "MAPS", variable: "MAPS_TOKEN" }),
    ]);
  });

  it("builds the stage with its args, and sets workdir, user and entrypoint after the installs, before the args", () => {
    expect(api.origin).toMatchObject({
      buildArgs: [{ name: "NODE_ENV", value: "production" }],
      target: "runtime",
    });
    const ops = api.steps.map((step) => step.op);
    expect(ops.slice(ops.indexOf("workdir"))).toEqual([
      "workdir",
      "user",
      "entrypoint",
      "args",
      "portReadiness",
      "expose",
      "expose",
      "expose",
    ]);
  });

  it("mounts the project's cache volume Shared and as the container's user; a host file with host().file", () => {
    expect(ofOp(api.steps, "cacheMount")).toEqual([
      expect.objectContaining({ cache: "demo-npm", target: "/home/node/.npm", owner: "node" }),
    ]);
    expect(ofOp(api.steps, "fileMount")).toEqual([
      expect.objectContaining({ source: "./seed.sql", target: "/seed.sql", owner: "node" }),
    ]);
  });

  it("exposes ports beyond the first without dialing them for readiness", () => {
    expect(ofOp(api.steps, "expose")).toEqual([
      expect.objectContaining({ port: { type: "config", field: "port" } }),
      expect.objectContaining({ port: { type: "number", value: 9229 }, skipHealthcheck: true }),
      expect.objectContaining({
        port: { type: "number", value: 8125 },
        protocol: "udp",
        skipHealthcheck: true,
      }),
    ]);
  });

  it("uses the spec's healthcheck instead of dropping the image's, with the engine's defaults in its comment", () => {
    const steps = modelOf(stack, "postgres").steps;
    expect(ofOp(steps, "healthcheck")).toEqual([
      expect.objectContaining({ check: { args: ["pg_isready"], shell: true, interval: "2s" } }),
    ]);
    expect(ofOp(steps, "healthcheck")[0]?.comment).toContain(
      "every 2s, and fails the start after 3 failures",
    );
    expect(ofOp(steps, "portReadiness")).toEqual([]);
  });
});
