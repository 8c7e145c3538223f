import { describe, expect, it } from "vitest";
import { fixtureSpec, problemAt, problemsOf, service, spec } from "../../support/builders.js";

/**
 * The checks of what real compose files bring: each bad input is refused with its spec path and a hint,
 * and a spec that uses every new field well (the compose-features example) has no problem at all.
 */
const job = (name: string, overrides: Record<string, unknown> = {}) =>
  service("custom", { name, image: "node:22.23.2-bookworm-slim", run: "once", ...overrides });

describe("validateSpec: compose features that are fine", () => {
  it("accepts the compose-features example, which uses every new field", () => {
    expect(problemsOf(fixtureSpec("compose-features") as never)).toEqual([]);
  });

  it("lets any kind take a build, mounts (init scripts) and a command", () => {
    const input = spec([
      service("postgres", {
        mounts: [{ source: "./initdb", target: "/docker-entrypoint-initdb.d" }],
        command: ["postgres", "-c", "max_connections=200"],
      }),
      service("mysql", { build: { context: "./mysql", args: { VERSION: "8" } } }),
      service("custom", { name: "worker", build: "./worker" }),
    ]);
    expect(problemsOf(input)).toEqual([]);
  });
});

describe("validateSpec: references", () => {
  it("names an unknown service in an env reference, with a suggestion", () => {
    const input = spec([
      service("postgres"),
      service("backend", { env: { DATABASE_URL: { service: "postgress", value: "url" } } }),
    ]);
    const problem = problemAt(input, "services[1].env.DATABASE_URL.service");
    expect(problem.message).toBe('no service named "postgress"');
    expect(problem.hint).toContain('did you mean "postgres"');
  });

  it("refuses a password of a service that has none", () => {
    const input = spec([
      service("chromadb"),
      service("backend", { env: { CHROMA_PASSWORD: { service: "chromadb", value: "password" } } }),
    ]);
    const problem = problemAt(input, "services[1].env.CHROMA_PASSWORD.value");
    expect(problem.message).toContain('"chromadb" (chromadb) has no password');
    expect(problem.hint).toContain("it offers url, host, port");
  });

  it("refuses a database of Redis and a url of a container without a port", () => {
    const input = spec([
      service("redis"),
      service("custom", { name: "tools", image: "alpine:3.20" }),
      service("backend", {
        env: {
          REDIS_DB: { service: "redis", value: "database" },
          TOOLS_URL: { service: "tools", value: "url" },
        },
      }),
    ]);
    expect(problemAt(input, "services[2].env.REDIS_DB.value").message).toContain("has no database");
    expect(problemAt(input, "services[2].env.TOOLS_URL.value").message).toContain("has no port");
  });

  it("refuses a reference to a one-shot job, and to the service itself", () => {
    const input = spec([
      job("migrate"),
      service("backend", {
        env: {
          MIGRATE_URL: { service: "migrate", value: "url" },
          SELF: { service: "backend", value: "url" },
        },
      }),
    ]);
    expect(problemAt(input, "services[1].env.MIGRATE_URL.service").message).toContain("one-shot job");
    expect(problemAt(input, "services[1].env.SELF.service").message).toBe("a service cannot refer to itself");
  });

  it("refuses an unknown stack secret, saying how to declare it", () => {
    const input = spec([service("backend", { env: { SESSION_KEY: { secret: "SESSION" } } })], {
      secrets: { SESSION_KEY: { generate: true } },
    });
    const problem = problemAt(input, "services[0].env.SESSION_KEY.secret");
    expect(problem.message).toBe('no stack secret named "SESSION"');
    expect(problem.hint).toContain('did you mean "SESSION_KEY"');
    const undeclared = problemAt(
      spec([service("backend", { env: { TOKEN: { secret: "TOKEN" } } })]),
      "services[0].env.TOKEN.secret",
    );
    expect(undeclared.hint).toContain("secrets: { TOKEN: { generate: true } }");
  });

  it("refuses to set a variable the kind sets from its own settings", () => {
    const input = spec(
      [service("postgres", { env: { POSTGRES_PASSWORD: { secret: "DB" }, POSTGRES_DB: "x" } })],
      { secrets: { DB: { generate: true } } },
    );
    const password = problemAt(input, "services[0].env.POSTGRES_PASSWORD");
    expect(password.message).toBe("postgres sets POSTGRES_PASSWORD itself, from the service's password");
    expect(password.hint).toContain("{ service: postgres, value: password }");
    expect(problemAt(input, "services[0].env.POSTGRES_DB").hint).toContain("set database:");
  });

  it("checks testEnv's references and names", () => {
    const input = spec([service("postgres"), job("seed")], {
      testEnv: {
        DATABASE_URL: { service: "postgres", value: "url" },
        SEED: { service: "seed", value: "url" },
        "1BAD": { service: "postgres", value: "url" },
        KEY: { secret: "NOPE" },
      },
    });
    expect(problemsOf(input).map((problem) => problem.path)).toEqual([
      "testEnv.SEED.service",
      "testEnv.1BAD",
      "testEnv.KEY.secret",
    ]);
  });

  it("checks secret names and the variables they are read from", () => {
    const input = spec([service("redis")], {
      secrets: { "bad-name": { generate: true }, TOKEN: { fromEnv: "9TOKEN" } },
    });
    expect(problemAt(input, "secrets.bad-name").message).toContain("not a secret name");
    expect(problemAt(input, "secrets.TOKEN.fromEnv").message).toContain("not an environment variable name");
  });
});

describe("validateSpec: dependencies and one-shot jobs", () => {
  it("refuses completed on a service and started on a job", () => {
    const input = spec([
      service("postgres"),
      job("migrate"),
      service("backend", {
        dependsOn: [
          { service: "postgres", condition: "completed" },
          { service: "migrate", condition: "started" },
        ],
      }),
    ]);
    expect(problemAt(input, "services[2].dependsOn[0].condition").hint).toContain("started or healthy");
    expect(problemAt(input, "services[2].dependsOn[1].condition").hint).toBe("use condition: completed");
  });

  it("finds a cycle through env references", () => {
    const input = spec([
      service("backend", { name: "a", env: { B: { service: "b", value: "url" } } }),
      service("backend", { name: "b", port: 8001, dependsOn: ["a"] }),
    ]);
    expect(problemsOf(input)).toEqual([
      expect.objectContaining({ path: "services[0].env", message: "dependency cycle: a → b → a" }),
    ]);
  });

  it("refuses a job with a port, a healthcheck or a health path", () => {
    const input = spec([
      job("migrate", {
        port: 9000,
        ports: [{ container: 9000 }],
        healthcheck: { test: "true" },
        healthPath: "/",
      }),
    ]);
    const paths = problemsOf(input).map((problem) => problem.path);
    for (const field of ["port", "ports", "healthcheck", "healthPath"])
      expect(paths).toContain(`services[0].${field}`);
    expect(problemAt(input, "services[0].healthcheck").message).toContain(
      "a one-shot job has no health check",
    );
  });

  it("refuses a job of a server kind", () => {
    const problem = problemAt(spec([service("postgres", { run: "once" })]), "services[0].run");
    expect(problem.hint).toContain("kind: custom");
  });

  it("refuses a job as a matrix target", () => {
    const input = spec([job("seed"), service("postgres")], { matrix: { store: ["seed", "postgres"] } });
    const problem = problemAt(input, "matrix.store[0]");
    expect(problem.message).toContain("one-shot job");
  });
});

describe("validateSpec: ports", () => {
  it("refuses a duplicate container port, a UDP first port and a port outside 1-65535", () => {
    const input = spec([
      service("custom", {
        name: "stats",
        image: "statsd/statsd:v0.10.2",
        ports: [
          { container: 8125, protocol: "udp" },
          { container: 8125, protocol: "udp" },
          { container: 70000 },
        ],
      }),
    ]);
    expect(problemAt(input, "services[0].ports[1].container").message).toBe(
      "container port 8125/udp is listed twice",
    );
    expect(problemAt(input, "services[0].ports[0].protocol").hint).toBe("list a TCP port first");
    expect(problemAt(input, "services[0].ports[2].container").hint).toBe("use 1 to 65535");
  });

  it("refuses port or containerPort beside ports, and an empty list", () => {
    const input = spec([
      service("backend", { port: 8000, ports: [{ container: 8000 }] }),
      service("frontend", { ports: [] }),
    ]);
    expect(problemAt(input, "services[0].port").message).toContain("shorthand for ports[0]");
    expect(problemAt(input, "services[1].ports").message).toBe("no ports");
  });

  it("refuses a host port another service (or port) already has", () => {
    const input = spec([
      service("postgres", { port: 5433 }),
      service("backend", { ports: [{ container: 8000 }, { container: 9229, host: 5433 }] }),
    ]);
    expect(problemAt(input, "services[1].ports[1].host").message).toBe(
      "host port 5433 is already used by services[0] (postgres)",
    );
  });
});

describe("validateSpec: healthchecks", () => {
  it.each([
    [["NONE"], "write healthcheck: none"],
    [["CMD"], '["CMD-SHELL", "pg_isready -U app"]'],
    [["CMD-SHELL", "a", "b"], '["CMD-SHELL", "pg_isready -U app"]'],
    [["pg_isready"], '["CMD", "pg_isready"'],
  ])("refuses the test %j", (test, hint) => {
    const input = spec([service("postgres", { healthcheck: { test } })]);
    expect(problemAt(input, "services[0].healthcheck.test").hint).toContain(hint);
  });

  it("refuses durations the engine cannot parse, and retries below 1", () => {
    const input = spec([
      service("postgres", { healthcheck: { test: "pg_isready", interval: "10 seconds", retries: 0 } }),
    ]);
    expect(problemAt(input, "services[0].healthcheck.interval").hint).toContain('"1m30s"');
    expect(problemAt(input, "services[0].healthcheck.retries").message).toBe("must be 1 or more");
  });

  it("refuses a healthcheck on a container without a port", () => {
    const input = spec([service("custom", { name: "tools", image: "alpine:3.20", healthcheck: "none" })]);
    expect(problemAt(input, "services[0].healthcheck").hint).toContain("give it a port");
  });
});

describe("validateSpec: builds and processes", () => {
  it.each([
    ["NPM_TOKEN", "abc"],
    ["MODE", "env://MODE"],
    ["DB", "postgres://app:secret@db:5432/app"],
  ])("refuses the build arg %s=%s: a credential baked into the image", (name, value) => {
    const input = spec([service("backend", { build: { context: "./backend", args: { [name]: value } } })]);
    const problem = problemAt(input, `services[0].build.args.${name}`);
    expect(problem.message).toContain("baked into the image's layers");
    expect(problem.hint).toContain(`env://${name}`);
  });

  it("refuses both an image and a build, and a build beside a ready-image extension", () => {
    const input = spec([
      service("custom", { name: "worker", image: "alpine:3.20", build: "./worker" }),
      service("postgres", { build: "./db", extensions: ["pg_search"] }),
    ]);
    expect(problemAt(input, "services[0].image").message).toContain("not both");
    expect(problemAt(input, "services[1].build").message).toContain("pg_search comes as a ready image");
  });

  it("refuses a relative workdir and a user that is not one", () => {
    const input = spec([service("backend", { workdir: "app", runAs: "node user" })]);
    expect(problemAt(input, "services[0].workdir").hint).toBe("e.g. /app");
    expect(problemAt(input, "services[0].runAs").hint).toContain("1000:1000");
  });

  it("refuses a command on Redis (its arguments carry the password) and beside pg_cron", () => {
    const input = spec([
      service("redis", { command: ["redis-server", "--appendonly", "yes"] }),
      service("postgres", { extensions: ["pg_cron"], command: ["postgres"] }),
    ]);
    expect(problemAt(input, "services[0].command").message).toContain("set its password");
    expect(problemAt(input, "services[1].command").message).toContain("pg_cron needs server settings");
  });
});

describe("validateSpec: mounts", () => {
  it("refuses a relative cache or tmpfs target, a bad cache name and a target mounted twice", () => {
    const input = spec([
      service("backend", {
        mounts: [
          { cache: "npm cache", target: "/root/.npm" },
          { tmpfs: "tmp" },
          { source: "./config", target: "/app/config" },
          { tmpfs: "/app/config" },
        ],
      }),
    ]);
    expect(problemAt(input, "services[0].mounts[0].cache").hint).toContain("npm-cache");
    expect(problemAt(input, "services[0].mounts[1].tmpfs").message).toContain("absolute path");
    expect(problemAt(input, "services[0].mounts[3].tmpfs").message).toBe("/app/config is mounted twice");
  });
});
