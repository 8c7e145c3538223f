import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { readCompose } from "../../src/readers/compose/index.js";
import type { ComposeReadOptions } from "../../src/readers/index.js";
import { memoryProject } from "./support/memory-project.js";

/** How the compose reader finds, reads and rejects files, on projects held in memory. */
function read(files: Record<string, string>, options: ComposeReadOptions = {}) {
  return readCompose(memoryProject(files), options);
}

function problemsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  throw new Error("expected a UsageError");
}

const SERVICE = "services:\n  app:\n    image: busybox:1.37\n";

describe("finding compose files", () => {
  it("prefers compose.yaml, warns about the other names, and adds the first override found", () => {
    const result = read({
      "compose.yaml": SERVICE,
      "docker-compose.yml": SERVICE,
      "docker-compose.override.yml": SERVICE,
      "compose.override.yaml": SERVICE,
    });
    expect(result?.inventory.files).toEqual(["compose.yaml", "compose.override.yaml"]);
    expect(result?.warnings.map((warning) => warning.code)).toEqual([
      "multiple-compose-files",
      "multiple-override-files",
    ]);
  });

  it("prefers docker-compose.yml over docker-compose.yaml, as compose-go does", () => {
    const result = read({ "docker-compose.yaml": SERVICE, "docker-compose.yml": SERVICE });
    expect(result?.inventory.files).toEqual(["docker-compose.yml"]);
  });

  it("returns nothing for a project without compose files", () => {
    expect(read({ "package.json": "{}" })).toBeUndefined();
  });

  it("takes -f files in order, and COMPOSE_FILE from .env when there is no -f", () => {
    const files = {
      "base.yml": SERVICE,
      "ci.yml": SERVICE,
      "compose.yaml": SERVICE,
      ".env": "COMPOSE_FILE=ci.yml:base.yml\n",
    };
    expect(read(files, { files: ["base.yml", "./ci.yml"] })?.inventory.files).toEqual(["base.yml", "ci.yml"]);
    expect(read(files)?.inventory.files).toEqual(["ci.yml", "base.yml"]);
  });

  it("takes COMPOSE_PROFILES when no profile is given", () => {
    const files = {
      "compose.yaml":
        "services:\n  a:\n    image: a:1\n    profiles: [x]\n  b:\n    image: b:1\n    profiles: [y]\n",
      ".env": "COMPOSE_PROFILES=y\n",
    };
    const services = read(files)?.inventory.services.map((service) => [service.name, service.status]);
    expect(services).toEqual([
      ["a", "skipped"],
      ["b", "active"],
    ]);
    expect(
      read(files, { profiles: ["*"] })?.inventory.services.every((service) => service.status === "active"),
    ).toBe(true);
  });

  it("lets the caller's environment win over .env, and later --env-file over earlier ones", () => {
    const files = {
      "compose.yaml": "services:\n  app:\n    image: app:${TAG}-${FLAVOUR}\n",
      "a.env": "TAG=1\nFLAVOUR=slim\n",
      "b.env": "TAG=2\n",
    };
    const config = (options: ComposeReadOptions) => read(files, options)?.inventory.services[0]?.config.image;
    expect(config({ envFiles: ["a.env", "b.env"] })).toBe("app:2-slim");
    expect(config({ envFiles: ["a.env", "b.env"], environment: { TAG: "3" } })).toBe("app:3-slim");
  });

  it("reads env files with compose's syntax, or literally with format: raw", () => {
    const files = {
      "compose.yaml":
        "services:\n  app:\n    image: a:1\n    env_file: [{ path: a.env }, { path: b.env, format: raw }]\n",
      "a.env": "A='quoted' # note\n",
      "b.env": "B='quoted' # note\n",
    };
    const envFiles = read(files)?.inventory.services[0]?.config.env_file;
    expect(envFiles?.map((envFile) => envFile.values)).toEqual([{ A: "quoted" }, { B: "'quoted' # note" }]);
  });

  it("keeps the project name and says that include: is not followed", () => {
    const result = read({ "compose.yaml": `name: shop\ninclude:\n  - ../infra/compose.yaml\n${SERVICE}` });
    expect(result?.inventory.name).toBe("shop");
    expect(result?.warnings).toEqual([
      expect.objectContaining({
        code: "include-not-read",
        message:
          "include: ../infra/compose.yaml is not read; name those files with -f to carry their services over",
      }),
    ]);
  });
});

describe("rejected input names the file, the service and the key", () => {
  it.each([
    [
      "a missing -f file",
      { "compose.yaml": SERVICE },
      { files: ["compose.prod.yaml"] },
      [{ path: "compose.prod.yaml", message: "no such compose file" }],
    ],
    [
      "a missing --env-file",
      { "compose.yaml": SERVICE },
      { envFiles: ["ci.env"] },
      [{ path: "ci.env", message: "no such env file" }],
    ],
    [
      "a bad line in .env",
      { "compose.yaml": SERVICE, ".env": "OK=1\nNOT A VAR=2\n" },
      {},
      [{ path: ".env:2", message: '"NOT A VAR" is not a variable name' }],
    ],
    [
      "an unclosed ${",
      { "compose.yaml": "services:\n  app:\n    image: app:${TAG\n" },
      {},
      [
        {
          path: "compose.yaml:3:5",
          message: 'service "app", key "image": invalid interpolation "app:${TAG"',
        },
      ],
    ],
    [
      "extends of a service that does not exist",
      { "compose.yaml": "services:\n  app:\n    extends: base\n" },
      {},
      [
        {
          path: "compose.yaml:3:5",
          message: 'service "app", key "extends": extends service "base", which compose.yaml does not define',
        },
      ],
    ],
    [
      "extends in a file that does not exist",
      { "compose.yaml": "services:\n  app:\n    extends: { file: common.yml, service: base }\n" },
      {},
      [{ path: "compose.yaml:3:5", message: "extends a service in common.yml, which does not exist" }],
    ],
    [
      "extends that loops",
      { "compose.yaml": "services:\n  a:\n    extends: b\n  b:\n    extends: a\n" },
      {},
      [
        {
          path: "compose.yaml:3:5",
          message: 'service "a", key "extends": extends itself through compose.yaml#a → compose.yaml#b',
        },
      ],
    ],
    [
      "YAML that does not parse",
      { "compose.yaml": "services:\n  app:\n    image: [busybox\n" },
      {},
      [{ path: "compose.yaml:4:1" }],
    ],
  ] as const)("%s", (_, files, options, expected) => {
    const problems = problemsOf(() => read(files, options));
    expect(problems).toEqual(expected.map((problem) => expect.objectContaining(problem)));
  });
});
