import { describe, expect, it } from "vitest";
import { toSpec } from "../../../src/spec/to-spec.js";
import { fixtureSpec, normalized, service, serviceOf, spec } from "../../support/builders.js";

/** Normalising the fields real compose files bring, and writing them back for the manifest. */
const job = (name: string, overrides: Record<string, unknown> = {}) =>
  service("custom", { name, image: "node:22.23.2-bookworm-slim", run: "once", ...overrides });

describe("normalizeSpec: compose features", () => {
  it("waits for dependsOn (a plain name on a job means completed), then for services its env refers to", () => {
    const stack = normalized(
      spec([
        service("postgres"),
        service("redis"),
        job("migrate", { dependsOn: [{ service: "postgres", condition: "healthy" }] }),
        service("backend", {
          dependsOn: ["migrate"],
          env: {
            DATABASE_URL: { service: "postgres", value: "url" },
            CACHE_HOST: { service: "redis", value: "host" },
            PGUSER: { service: "postgres", value: "user" },
          },
        }),
      ]),
    );
    expect(serviceOf(stack, "backend").dependencies).toEqual([
      { service: "migrate", condition: "completed", implicit: false },
      { service: "postgres", condition: "started", implicit: true },
      { service: "redis", condition: "started", implicit: true },
    ]);
    expect(serviceOf(stack, "backend").dependsOn).toEqual(["migrate", "postgres", "redis"]);
    expect(stack.startLevels).toEqual([["postgres", "redis"], ["migrate"], ["backend"]]);
  });

  it("gives a job no port, even of a kind that has one, and keeps it out of services", () => {
    const migrate = serviceOf(
      normalized(spec([service("backend", { name: "migrate", run: "once" })])),
      "migrate",
    );
    expect(migrate).toMatchObject({
      job: true,
      containerPort: undefined,
      hostPort: undefined,
      healthPath: undefined,
    });
  });

  it("takes the first of `ports` as the primary and moves default host ports of the others around taken ones", () => {
    const stack = normalized(
      spec([
        service("custom", {
          name: "mail",
          image: "axllent/mailpit:v1.21.8",
          ports: [{ container: 8025 }, { container: 1025 }],
        }),
        service("custom", {
          name: "relay",
          image: "axllent/mailpit:v1.21.8",
          ports: [{ container: 1025, host: 2525 }, { container: 8025 }, { container: 8125, protocol: "udp" }],
        }),
      ]),
    );
    expect(serviceOf(stack, "mail")).toMatchObject({
      containerPort: 8025,
      hostPort: 8025,
      extraPorts: [{ container: 1025, host: 1025, protocol: "tcp" }],
    });
    expect(serviceOf(stack, "relay")).toMatchObject({
      containerPort: 1025,
      hostPort: 2525,
      extraPorts: [
        { container: 8025, host: 8026, protocol: "tcp" },
        { container: 8125, host: 8125, protocol: "udp" },
      ],
    });
    expect(stack.notes).toEqual(["relay: host port 8025 is taken, using 8026"]);
  });

  it("builds any kind from a Dockerfile when given a build, with its args and stage, and no image", () => {
    const db = serviceOf(
      normalized(
        spec([service("postgres", { build: { context: "./db", args: { PG: 16 }, target: "dev" } })]),
      ),
      "postgres",
    );
    expect(db.image).toBeUndefined();
    expect(db.build).toEqual({
      context: "./db",
      dockerfile: "Dockerfile",
      args: [{ name: "PG", value: "16" }],
      target: "dev",
    });
  });

  it("reads every kind of mount, healthcheck and env value", () => {
    const backend = serviceOf(
      normalized(
        spec(
          [
            service("postgres", { healthcheck: { test: ["CMD", "pg_isready", "-U", "app"], retries: 5 } }),
            service("backend", {
              mounts: [
                "./a:/a",
                { source: "./init.sql", target: "/init.sql", type: "file" },
                { cache: "npm", target: "/root/.npm" },
                { tmpfs: "/tmp" },
              ],
              healthcheck: { test: "curl -f localhost:8000", startPeriod: "30s" },
              env: { KEY: { secret: "KEY" }, MODE: "dev", TOKEN: "env://HOST_TOKEN" },
            }),
          ],
          { secrets: { KEY: { generate: true } } },
        ),
      ),
      "backend",
    );
    expect(backend.mounts).toEqual([
      { type: "directory", source: "./a", target: "/a" },
      { type: "file", source: "./init.sql", target: "/init.sql" },
      { type: "cache", cache: "npm", target: "/root/.npm" },
      { type: "tmpfs", target: "/tmp" },
    ]);
    expect(backend.healthcheck).toEqual({
      args: ["curl -f localhost:8000"],
      shell: true,
      startPeriod: "30s",
    });
    expect(backend.env).toEqual([
      { name: "KEY", type: "secret", secret: "KEY" },
      { name: "MODE", type: "literal", value: "dev" },
      { name: "TOKEN", type: "hostEnv", variable: "HOST_TOKEN" },
    ]);
  });

  it("writes a spec back (the manifest's) that normalises to the same stack", () => {
    const stack = normalized(fixtureSpec("compose-features") as never);
    const again = normalized(toSpec(stack) as never);
    expect({ ...again, notes: [] }).toEqual({ ...stack, notes: [] });
    const api = toSpec(stack).services.find((entry) => entry.name === "api");
    // Implicit dependencies are not written: the env references bring them back.
    expect(api?.dependsOn).toEqual(["migrate", "statsd"]);
    expect(api?.ports).toEqual([
      { container: 8000, host: 8000 },
      { container: 9229, host: 9229 },
    ]);
  });
});
