import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, readText } from "./support/tree.js";

/**
 * What the app receives (issue 8, point 11): the generated doc lists, per container built from the user's
 * code or image, the environment variables the generated stack sets, which of them are secrets and which
 * come from the host's environment; checked against the builder methods in the generated stack.ts. And a
 * build context or Dockerfile that is not there is a warning at generation, on stderr.
 */
const folders = new Folders("cds-docs-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const STACK = [
  ...["--name", "shop", "--lang", "typescript", "--ci", "none"],
  ...["--services", "postgres,redis,api:backend,worker:custom", "--image", "worker=python:3.12-slim"],
  ...["--depends-on", "api=postgres,redis", "--depends-on", "worker=redis"],
  ...["--env", "api=LOG_LEVEL=info", "--env", "api=API_KEY=env://API_KEY", "--yes"],
];

interface DocRow {
  variable: string;
  passed: string;
}

/** The rows of each `### <service>` table under "What your containers receive". */
function docRows(doc: string): Map<string, DocRow[]> {
  const section = doc.split("## What your containers receive")[1]?.split("\n## ")[0] ?? "";
  const tables = new Map<string, DocRow[]>();
  for (const part of section.split("\n### ").slice(1)) {
    const [service = "", ...lines] = part.split("\n");
    const rows = lines
      .filter((line) => /^\| `/.test(line))
      .map((line) => line.split("|").map((cell) => cell.trim()))
      .map((cells) => ({ variable: (cells[1] ?? "").replace(/`/g, ""), passed: cells[3] ?? "" }));
    tables.set(service.trim(), rows);
  }
  return tables;
}

/** The variables a builder method sets: `{ plain, secret }` names from its withEnvVariable/withSecretVariable calls. */
function builderVariables(stackTs: string, method: string) {
  const body = stackTs.split(`  ${method}(): Container {`)[1]?.split("\n  }\n")[0] ?? "";
  const names = (call: string) =>
    [...body.matchAll(new RegExp(`\\.${call}\\("([A-Z_]+)"`, "g"))].map((m) => m[1]);
  return { plain: names("withEnvVariable"), secret: names("withSecretVariable"), body };
}

describe("the generated doc's environment variables", () => {
  it("list exactly what each backend and custom container gets, secrets and host variables marked", () => {
    const root = folders.fresh();
    mkdirSync(join(root, "api"));
    writeFileSync(join(root, "api", "Dockerfile"), "FROM node:20\n");
    const result = runCli([".", ...STACK], { cwd: root });
    expect(result.code).toBe(0);
    const tables = docRows(readText(root, "docs/dagger-stack.md"));
    const stackTs = readText(root, "stack/stack.ts");
    expect([...tables.keys()]).toEqual(["api", "worker"]);
    for (const [service, method] of [
      ["api", "buildApi"],
      ["worker", "buildWorker"],
    ] as const) {
      const rows = tables.get(service) ?? [];
      const code = builderVariables(stackTs, method);
      expect(rows.map((row) => row.variable).sort(), service).toEqual([...code.plain, ...code.secret].sort());
      const secret = rows.filter((row) => row.passed.startsWith("secret")).map((row) => row.variable);
      expect(secret.sort(), service).toEqual([...code.secret].sort());
      const fromHost = rows.filter((row) => row.passed.includes("host")).map((row) => row.variable);
      const hostInCode = code.secret.filter((name) =>
        code.body.includes(`.withSecretVariable("${name}", this.dag.secret("env://`),
      );
      expect(fromHost.sort(), service).toEqual(hostInCode.sort());
    }
    // The ones the issue names: a database URL, as a secret, and the redis URL.
    expect(tables.get("api")?.map((row) => row.variable)).toEqual(
      expect.arrayContaining(["POSTGRES_URL", "REDIS_URL", "API_KEY"]),
    );
  });

  it("the Python doc has the same section", () => {
    const root = folders.fresh();
    const result = runCli(
      [
        ".",
        "--lang",
        "python",
        "--ci",
        "none",
        "--services",
        "postgres,api:backend",
        "--depends-on",
        "api=postgres",
        "--yes",
      ],
      { cwd: root },
    );
    expect(result.code).toBe(0);
    const rows = docRows(readText(root, "docs/dagger-stack.md")).get("api") ?? [];
    expect(rows).toEqual([{ variable: "POSTGRES_URL", passed: "secret (it holds a password)" }]);
  });
});

describe("a build context or Dockerfile that is not there", () => {
  it("is a warning on stderr at create, naming the path and the flag that points elsewhere", () => {
    const root = folders.fresh();
    const result = runCli([".", "--services", "postgres,api:backend", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: api is built from \.\/api, which does not exist[^\n]*--context api=<folder>/,
    );
    expect(result.stdout).not.toContain("warning");
  });

  it("a context without its Dockerfile names the Dockerfile", () => {
    const root = folders.fresh();
    mkdirSync(join(root, "services", "api"), { recursive: true });
    const result = runCli(
      [
        ".",
        "--services",
        "api:backend",
        "--context",
        "api=./services/api",
        "--dockerfile",
        "api=Dockerfile.dev",
        "--yes",
      ],
      { cwd: root },
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /warning: api is built from \.\/services\/api\/Dockerfile\.dev, which does not exist/,
    );
  });

  it("is silent when both are there, and add warns for a new backend without them", () => {
    const root = folders.fresh();
    mkdirSync(join(root, "api"));
    writeFileSync(join(root, "api", "Dockerfile"), "FROM node:20\n");
    const created = runCli([".", "--services", "postgres,api:backend", "--yes"], { cwd: root });
    expect(created.stderr).toBe("");
    const added = runCli(["add", "backend", "--name", "jobs", "--yes"], { cwd: root });
    expect(added.code).toBe(0);
    expect(added.stderr).toMatch(/warning: jobs is built from \.\/jobs, which does not exist/);
    expect(added.stderr).not.toMatch(/warning: api/);
  });
});
