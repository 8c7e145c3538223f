import { describe, expect, it } from "vitest";
import { configFields } from "../../../src/plan/config-fields.js";
import { kindNames, SERVICE_KINDS } from "../../../src/spec/catalog/services.js";
import { FLATTENED_SUFFIXES } from "../../../src/spec/identifiers.js";
import { namesOf } from "../../../src/spec/names.js";
import {
  custom,
  normalized,
  problemAt,
  problemsOf,
  type ServiceInput,
  service,
  spec,
} from "../../support/builders.js";

/** The suggestion a hint offers in quotes after "e.g.". */
function suggestionIn(hint: string | undefined): string {
  const match = /e\.g\. "([^"]*)"/.exec(hint ?? "");
  if (!match?.[1]) throw new Error(`no suggestion in hint: ${hint}`);
  return match[1];
}

describe("validateSpec: a valid spec", () => {
  it("has no problems", () => {
    const input = spec(
      [
        service("postgres", { version: "16", extensions: ["pgvector"], database: "app" }),
        service("redis"),
        service("backend", {
          build: "./backend",
          port: 8080,
          dependsOn: ["postgres", "redis"],
          env: { A: "1" },
        }),
      ],
      { matrix: { store: ["postgres", "chromadb"] } },
    );
    expect(problemsOf(input)).toEqual([]);
  });
});

describe("validateSpec: project name", () => {
  it.each([
    ["My App", "my-app"],
    ['say "hi"', "say-hi"],
    ["it's", "it-s"],
    ["Café Ünïcode", "cafe-unicode"],
    ["2fast", "app-2fast"],
  ])("rejects %j and suggests %j", (name, suggestion) => {
    const problem = problemAt(spec([service("redis")], { name }), "name");
    expect(problem.message).toContain("not a valid project name");
    expect(suggestionIn(problem.hint)).toBe(suggestion);
  });

  it.each(["My App", 'say "hi"', "Café Ünïcode", "2fast", "", "---"])(
    "suggests, for %j, a name that is itself valid",
    (name) => {
      const suggestion = suggestionIn(problemAt(spec([service("redis")], { name }), "name").hint);
      expect(problemsOf(spec([service("redis")], { name: suggestion }))).toEqual([]);
    },
  );

  it.each(["KnowledgeBeast", "veria", "my_app-2"])("accepts %j", (name) => {
    expect(problemsOf(spec([service("redis")], { name }))).toEqual([]);
  });

  it("rejects a name too long to be a package name", () => {
    expect(problemAt(spec([service("redis")], { name: `a${"b".repeat(64)}` }), "name")).toBeDefined();
  });
});

describe("validateSpec: language and services", () => {
  it("rejects a spec without services", () => {
    expect(problemAt(spec([]), "services").hint).toMatch(/add at least one/);
  });
});

describe("validateSpec: service names", () => {
  it.each([
    ["My_DB", "my-db"],
    ["db.primary", "db-primary"],
    ["9lives", "app-9lives"],
    ["Café", "cafe"],
  ])("rejects %j and suggests %j", (name, suggestion) => {
    const problem = problemAt(spec([service("redis", { name })]), "services[0].name");
    expect(problem.message).toContain("not a valid service name");
    expect(suggestionIn(problem.hint)).toBe(suggestion);
  });

  it.each(["class", "default", "stack", "config", "self", "await"])(
    "rejects the reserved word %j",
    (name) => {
      const problem = problemAt(spec([service("redis", { name })]), "services[0].name");
      expect(problem.message).toContain("reserved");
      expect(suggestionIn(problem.hint)).toBe(`${name}-service`);
    },
  );

  it("suggests, for an invalid name, one that is not reserved", () => {
    const suggestion = suggestionIn(
      problemAt(spec([service("redis", { name: "Class" })]), "services[0].name").hint,
    );
    expect(problemsOf(spec([service("redis", { name: suggestion })]))).toEqual([]);
  });

  it("reports a duplicate at the second occurrence, naming the first", () => {
    const input = spec([
      service("redis", { name: "cache" }),
      service("postgres"),
      service("redis", { name: "cache" }),
    ]);
    const problem = problemAt(input, "services[2].name");
    expect(problem.message).toContain("services[0]");
    expect(problem.hint).toContain("own name");
  });
});

describe("validateSpec: kinds and their options", () => {
  it("suggests the closest kind for a typo", () => {
    const problem = problemAt(spec([service("postgress")]), "services[0].kind");
    expect(problem.message).toBe('unknown kind "postgress"');
    expect(problem.hint).toMatch(/^did you mean "postgres"\?/);
  });

  it("lists every kind when nothing is close", () => {
    const problem = problemAt(spec([service("zookeeper-cluster")]), "services[0].kind");
    expect(problem.hint).not.toContain("did you mean");
    for (const kind of kindNames()) expect(problem.hint).toContain(kind);
  });

  it.each<[string, Partial<ServiceInput>, string]>([
    ["redis", { extensions: ["pgvector"] }, "extensions"],
    ["redis", { database: "x" }, "database"],
    ["backend", { image: "node:20" }, "image"],
    ["backend", { version: "1" }, "version"],
    ["custom", { version: "3", image: "alpine:3.20" }, "version"],
    ["postgres", { packages: { apt: ["curl"] } }, "packages"],
    ["chromadb", { extensions: ["pgvector"] }, "extensions"],
  ])("%s does not take %j", (kind, options, field) => {
    const problem = problemAt(spec([service(kind, options)]), `services[0].${field}`);
    expect(problem.message).toBe(`${kind} does not take "${field}"`);
    expect(problem.hint).toMatch(new RegExp(`^${kind} takes: port, dependsOn, env`));
  });

  it("lets an image-based kind override its image", () => {
    expect(problemsOf(spec([service("redis", { image: "redis:7.4.1-alpine" })]))).toEqual([]);
  });

  it("rejects a version the catalog does not pin, listing the pinned ones", () => {
    const problem = problemAt(spec([service("postgres", { version: "13" })]), "services[0].version");
    expect(problem.message).toBe("postgres 13 is not in the catalog");
    for (const version of ["14", "15", "16", "17", "18"]) expect(problem.hint).toContain(version);
    expect(problem.hint).toContain("image:");
  });

  it("rejects a version that only exists on Object.prototype", () => {
    expect(
      problemAt(spec([service("postgres", { version: "constructor" })]), "services[0].version"),
    ).toBeDefined();
  });

  it("rejects a healthPath without a leading slash", () => {
    expect(
      problemAt(spec([service("backend", { healthPath: "health" })]), "services[0].healthPath").hint,
    ).toBe("e.g. /health");
  });
});

describe("validateSpec: extensions", () => {
  it("suggests the closest extension for a typo", () => {
    const problem = problemAt(
      spec([service("postgres", { extensions: ["pgvectr"] })]),
      "services[0].extensions[0]",
    );
    expect(problem.message).toBe('unknown extension "pgvectr"');
    expect(problem.hint).toMatch(/^did you mean "pgvector"\?/);
  });

  it("reports an extension listed twice at its second index", () => {
    const input = spec([service("postgres", { extensions: ["postgis", "pgvector", "postgis"] })]);
    expect(problemAt(input, "services[0].extensions[2]").message).toContain("listed twice");
    expect(problemsOf(input)).toHaveLength(1);
  });

  it("explains why pg_search is unavailable for postgres 14", () => {
    const problem = problemAt(
      spec([service("postgres", { version: "14", extensions: ["pgvector", "pg_search"] })]),
      "services[0].extensions[1]",
    );
    expect(problem.message).toBe("pg_search is not available for postgres 14");
    expect(problem.hint).toMatch(/ParadeDB publishes pg_search images for Postgres 15 to 18/);
    expect(problem.hint).toMatch(/Rust toolchain/);
  });

  it("checks availability against the default major when no version is given", () => {
    expect(problemsOf(spec([service("postgres", { extensions: ["pg_search"] })]))).toEqual([]);
  });

  it("accepts an extension by its SQL name", () => {
    expect(problemsOf(spec([service("postgres", { extensions: ["vector"] })]))).toEqual([]);
  });
});

describe("validateSpec: images and build contexts", () => {
  it("requires an image or a build for a custom container", () => {
    const problem = problemAt(spec([service("custom")]), "services[0].image");
    expect(problem.message).toBe("a custom service needs an image or a build");
    expect(problem.hint).toMatch(/image: .*build: /);
  });

  it.each(["Python:Latest", "python 3.12", "-x"])("rejects %j as an image reference", (image) => {
    expect(problemAt(spec([custom("worker", { image })]), "services[0].image").message).toContain(
      "not an image reference",
    );
  });

  it.each(["../outside", "/srv/app", "C:\\app", "./a/../../b"])("rejects the build context %j", (context) => {
    const problem = problemAt(
      spec([service("backend", { build: { context } })]),
      "services[0].build.context",
    );
    expect(problem.message).toContain("outside the project");
    expect(problem.hint).toContain("./backend");
  });

  it.each(["./backend", "services/api", "."])("accepts the build context %j", (context) => {
    expect(problemsOf(spec([service("backend", { build: context })]))).toEqual([]);
  });
});

describe("validateSpec: mounts", () => {
  it.each(["/srv/audio", "../audio"])("rejects the source %j outside the project", (source) => {
    const input = spec([custom("audio", { mounts: [{ source, target: "/audio" }] })]);
    expect(problemAt(input, "services[0].mounts[0].source").message).toContain("outside the project");
  });

  it("rejects a relative target", () => {
    const input = spec([custom("audio", { mounts: ["./audio:audio"] })]);
    expect(problemAt(input, "services[0].mounts[0].target").message).toContain("absolute");
  });

  it("rejects the same target mounted twice at the second mount", () => {
    const input = spec([custom("audio", { mounts: ["./a:/data", "./b:/data", "./c:/other"] })]);
    expect(problemAt(input, "services[0].mounts[1].target").message).toBe("/data is mounted twice");
    expect(problemsOf(input)).toHaveLength(1);
  });
});

describe("validateSpec: env", () => {
  it("rejects a name that is not an environment variable", () => {
    const input = spec([service("backend", { env: { "1BAD": "x" } })]);
    expect(problemAt(input, "services[0].env.1BAD").message).toContain("not an environment variable name");
  });

  it.each(["DB_PASSWORD", "api_key", "GITHUB_TOKEN", "JWT_SECRET", "PRIVATEKEY", "AWS_CREDENTIALS"])(
    "accepts a literal for the credential-looking %s (normalize reads it from the host instead)",
    (name) => {
      expect(problemsOf(spec([service("backend", { env: { [name]: "hunter2" } })]))).toEqual([]);
    },
  );

  it("accepts a credential read from the host environment", () => {
    expect(problemsOf(spec([service("backend", { env: { DB_PASSWORD: "env://DB_PASSWORD" } })]))).toEqual([]);
  });

  it.each(["env://", "env://has space", "env://9X"])("rejects the malformed reference %j", (value) => {
    const problem = problemAt(
      spec([service("backend", { env: { API_KEY: value } })]),
      "services[0].env.API_KEY",
    );
    expect(problem.message).toContain("not a host variable reference");
  });

  it("does not quote a malformed reference, which may be the credential itself", () => {
    const value = "env://postgres://app:hunter2@db/app";
    const problem = problemAt(spec([service("backend", { env: { URL: value } })]), "services[0].env.URL");
    expect(JSON.stringify(problem)).not.toContain("hunter2");
  });

  it("accepts ordinary literals, numbers and booleans", () => {
    expect(
      problemsOf(spec([service("backend", { env: { LOG_LEVEL: "info", WORKERS: 4, DEBUG: false } })])),
    ).toEqual([]);
  });
});

describe("validateSpec: ports", () => {
  it.each([0, -1, 65536, 70000])("rejects the host port %i", (port) => {
    const problem = problemAt(spec([service("redis", { port })]), "services[0].port");
    expect(problem.message).toBe(`${port} is not a TCP port`);
    expect(problem.hint).toBe("use 1 to 65535");
  });

  it("rejects a container port out of range", () => {
    expect(
      problemAt(spec([custom("x", { containerPort: 99999 })]), "services[0].containerPort"),
    ).toBeDefined();
  });

  it.each([1, 65535])("accepts the edge port %i", (port) => {
    expect(problemsOf(spec([service("redis", { port })]))).toEqual([]);
  });

  it("reports a host port clash at the later service, naming the earlier one", () => {
    const input = spec([
      service("redis", { port: 7000 }),
      service("postgres"),
      service("backend", { port: 7000 }),
    ]);
    expect(problemAt(input, "services[2].port").message).toBe(
      "port 7000 is already used by services[0] (redis)",
    );
  });
});

describe("validateSpec: dependsOn", () => {
  it("suggests the closest service for an unknown one", () => {
    const input = spec([service("postgres"), service("backend", { dependsOn: ["postgress"] })]);
    const problem = problemAt(input, "services[1].dependsOn[0]");
    expect(problem.message).toBe('no service named "postgress"');
    expect(problem.hint).toMatch(/^did you mean "postgres"\?/);
  });

  it("rejects a service depending on itself", () => {
    const input = spec([service("backend", { dependsOn: ["backend"] })]);
    expect(problemAt(input, "services[0].dependsOn[0]").message).toBe("a service cannot depend on itself");
  });

  it("reports a self-dependency once", () => {
    expect(problemsOf(spec([service("backend", { dependsOn: ["backend"] })]))).toHaveLength(1);
  });

  it("rejects a dependency on a custom container without a port", () => {
    const input = spec([custom("worker"), service("backend", { dependsOn: ["worker"] })]);
    const problem = problemAt(input, "services[1].dependsOn[0]");
    expect(problem.message).toContain("has no port");
    expect(problem.hint).toContain("give worker a port");
  });

  it("accepts a dependency on a custom container with a port", () => {
    const input = spec([custom("opa", { port: 8181 }), service("backend", { dependsOn: ["opa"] })]);
    expect(problemsOf(input)).toEqual([]);
  });

  it("accepts a dependency on a custom container that gives only its containerPort", () => {
    const input = spec([custom("opa", { containerPort: 8181 }), service("backend", { dependsOn: ["opa"] })]);
    expect(problemsOf(input)).toEqual([]);
  });

  it("reports a cycle with its path, at the service that starts it", () => {
    const input = spec([
      service("redis"),
      service("backend", { name: "a", dependsOn: ["b"] }),
      service("backend", { name: "b", port: 8001, dependsOn: ["c"] }),
      service("backend", { name: "c", port: 8002, dependsOn: ["a", "redis"] }),
    ]);
    const problem = problemAt(input, "services[1].dependsOn");
    expect(problem.message).toBe("dependency cycle: a → b → c → a");
    expect(problemsOf(input)).toHaveLength(1);
  });

  it("reports two separate cycles separately", () => {
    const input = spec([
      service("backend", { name: "a", port: 8001, dependsOn: ["b"] }),
      service("backend", { name: "b", port: 8002, dependsOn: ["a"] }),
      service("backend", { name: "c", port: 8003, dependsOn: ["d"] }),
      service("backend", { name: "d", port: 8004, dependsOn: ["c"] }),
    ]);
    expect(problemsOf(input).map((problem) => problem.message)).toEqual([
      "dependency cycle: a → b → a",
      "dependency cycle: c → d → c",
    ]);
  });
});

describe("validateSpec: matrix", () => {
  it.each(["Backend", "vector-backend", "1st", "class", "stack"])("rejects the axis name %j", (axis) => {
    const problem = problemAt(
      spec([service("postgres")], { matrix: { [axis]: ["postgres"] } }),
      `matrix.${axis}`,
    );
    expect(problem.message).toBe(`"${axis}" cannot be a fixture name`);
    expect(problem.hint).toContain("vector_backend");
  });

  it("rejects an axis without entries", () => {
    expect(problemAt(spec([service("postgres")], { matrix: { store: [] } }), "matrix.store").message).toBe(
      "no entries",
    );
  });

  it("rejects a target that is neither a service nor a kind, suggesting a service", () => {
    const input = spec([service("postgres", { name: "pg-main" })], { matrix: { store: ["pg-mian"] } });
    const problem = problemAt(input, "matrix.store[0]");
    expect(problem.message).toContain("neither a service nor a catalog kind");
    expect(problem.hint).toMatch(/^did you mean "pg-main"\?/);
  });

  it.each([
    [[custom("worker")], "worker"],
    [[service("postgres")], "custom"],
  ])("rejects a target tests cannot reach (%#)", (services, target) => {
    const problem = problemAt(spec(services, { matrix: { store: ["postgres", target] } }), "matrix.store[1]");
    expect(problem.message).toContain("has no port");
  });

  it("accepts a catalog kind the stack lacks, and a custom container with a port", () => {
    const input = spec([service("postgres"), custom("opa", { port: 8181 })], {
      matrix: { store: ["postgres", "chromadb", "opa"] },
    });
    expect(problemsOf(input)).toEqual([]);
  });
});

describe("validateSpec: every problem at once", () => {
  it("reports all problems of one input together, each with a path and a hint", () => {
    const input = spec(
      [
        service("postgres", { version: "14", extensions: ["pg_search", "pgvectr"] }),
        service("redis", { name: "Cache", port: 5432, extensions: ["x"] }),
        service("backend", { build: "../api", port: 5432, dependsOn: ["nope"], env: { "1BAD": "abc" } }),
        service("custom", { name: "worker", mounts: ["/abs:rel"] }),
        service("mongo"),
      ],
      { name: "My Stack", matrix: { "Bad-Axis": ["nowhere"] } },
    );
    const problems = problemsOf(input);
    expect(problems.map((problem) => problem.path).sort()).toEqual(
      [
        "name",
        "services[0].extensions[0]",
        "services[0].extensions[1]",
        "services[1].name",
        "services[1].extensions",
        "services[2].build.context",
        "services[2].env.1BAD",
        "services[2].port",
        "services[2].dependsOn[0]",
        "services[3].image",
        "services[3].mounts[0].source",
        "services[3].mounts[0].target",
        "services[4].kind",
        "matrix.Bad-Axis",
        "matrix.Bad-Axis[0]",
      ].sort(),
    );
    for (const problem of problems) expect(problem.hint, problem.path).toBeTruthy();
  });
});

describe("validateSpec: names the generated Python flattens", () => {
  it("rejects two services whose config fields would share a name (postgres-host + port, postgres + host_port)", () => {
    const input = spec([service("postgres"), service("redis", { name: "postgres-host", port: 7000 })]);
    const problem = problemAt(input, "services[1].name");
    expect(problem.message).toContain("postgres_host_port");
    expect(problem.hint).toMatch(/rename/);
  });

  it("rejects a matrix fixture named like a service's URL fixture", () => {
    const input = spec([service("postgres")], { matrix: { postgres_url: ["postgres"] } });
    expect(problemAt(input, "matrix.postgres_url").message).toContain("postgres_url");
  });

  it("accepts services whose names only share a prefix", () => {
    expect(problemsOf(spec([service("postgres"), service("redis", { name: "postgres-cache" })]))).toEqual([]);
  });
});

describe("validateSpec: the flattened-name check knows every generated field", () => {
  it("lists the snake_case name of every config field any catalog kind generates", () => {
    const stack = normalized(
      spec([
        ...SERVICE_KINDS.filter((kind) => kind.source !== "custom").map((kind) => service(kind.kind)),
        custom("tool", { port: 9999 }),
      ]),
    );
    const fields = stack.services.flatMap((entry) =>
      configFields(entry).map((field) => namesOf(field.name).snake),
    );
    expect(fields.length).toBeGreaterThan(stack.services.length);
    for (const field of fields) expect(FLATTENED_SUFFIXES).toContain(field);
  });
});
