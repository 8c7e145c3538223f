import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, snapshotTree } from "./support/tree.js";

/**
 * Bad input: a non-zero exit, a message naming the flag or the spec path, a hint, and a target tree that
 * is byte-identical afterwards. Every case runs in a folder that already holds a project.
 */
interface BadInput {
  name: string;
  args: string[];
  /** Must appear in stderr: the flag or spec path the problem is about. */
  names: RegExp;
  files?: Record<string, string>;
  code?: number;
}

const CASES: BadInput[] = [
  {
    name: "a project name with spaces",
    args: ["--name", "my app", "--services", "redis"],
    names: /--name 'my app': "my app" is not a valid project name/,
  },
  {
    name: "a project name with quotes",
    args: ["--name", 'it"s', "--services", "redis"],
    names: /--name 'it"s': /,
  },
  {
    name: "a reserved word as a service name",
    args: ["--services", "class:redis"],
    names: /--services class:redis: "class" is a reserved word/,
  },
  {
    name: "a unicode project name",
    args: ["--name", "café", "--services", "redis"],
    names: /--name 'café': /,
  },
  {
    name: "a unicode service name",
    args: ["--services", "crème:redis"],
    names: /--services 'crème:redis': /,
  },
  {
    name: "two services on one host port",
    args: ["--services", "postgres,redis", "--port", "postgres=5432", "--port", "redis=5432"],
    names: /--port redis=5432: port 5432 is already used by postgres\n/,
  },
  {
    name: "an unknown extension",
    args: ["--services", "postgres", "--extensions", "postgres=pgvectr"],
    names: /--extensions postgres=pgvectr: unknown extension[\s\S]*did you mean "pgvector"/,
  },
  {
    name: "pg_search on postgres 14",
    args: [
      "--services",
      "postgres",
      "--service-version",
      "postgres=14",
      "--extensions",
      "postgres=pg_search",
    ],
    names: /--extensions postgres=pg_search: pg_search is not available for postgres 14/,
  },
  {
    name: "a dependency cycle",
    args: ["--services", "api:backend,web:frontend", "--depends-on", "api=web", "--depends-on", "web=api"],
    names: /--depends-on api=web: dependency cycle: api → web → api/,
  },
  {
    name: "an unknown kind",
    args: ["--services", "postgress"],
    names: /--services postgress: unknown kind[\s\S]*"postgres"/,
  },
  {
    name: "an unknown flag",
    args: ["--sevices", "redis"],
    names: /--sevices: unknown option[\s\S]*--services/,
  },
  { name: "a flag without its value", args: ["--services"], names: /--services: needs a value/ },
  {
    name: "a per-service flag for a missing service",
    args: ["--services", "redis", "--port", "redsi=1"],
    names: /--port redsi=1: no service named "redsi"/,
  },
  {
    name: "a port that is not a number",
    args: ["--services", "redis", "--port", "redis=high"],
    names: /--port redis=high: "high" is not a port number/,
  },
  {
    name: "an unknown language",
    args: ["--lang", "rust", "--services", "redis"],
    names: /--lang rust: /,
  },
  { name: "no services and no terminal", args: [], names: /--services: no services given/ },
  {
    name: "a mount outside the project",
    args: ["--services", "worker:custom", "--image", "worker=node:20", "--mount", "worker=../data:/data"],
    names: /--mount worker=\.\.\/data:\/data: "\.\.\/data" climbs outside the project/,
  },
  {
    name: "a malformed host variable reference",
    args: ["--services", "api:backend", "--env", "api=API_KEY=env://has-dash"],
    names: /--env api=API_KEY=env:\/\/has-dash[\s\S]*env:\/\/API_KEY/,
  },
  {
    name: "a spec file with a YAML syntax error",
    args: ["--spec", "bad.yaml"],
    files: { "bad.yaml": "name: x\nservices:\n  - name: a\n   kind: redis\n" },
    names: /bad\.yaml:4:\d+: /,
  },
  {
    name: "a spec file whose services share a port",
    args: ["--spec", "stack.yaml"],
    files: {
      "stack.yaml":
        "name: x\nservices:\n  - { name: a, kind: redis, port: 7000 }\n  - { name: b, kind: redis, port: 7000 }\n",
    },
    names: /services\[1\]\.port \(in stack\.yaml\)/,
  },
  {
    name: "a spec file that does not exist",
    args: ["--spec", "nope.yaml"],
    names: /nope\.yaml: no such file/,
  },
  {
    name: "an unknown spec field",
    args: ["--spec", "extra.json"],
    files: { "extra.json": '{"name":"x","services":[],"colour":"red"}' },
    names: /colour/,
  },
];

const EXISTING_PROJECT = {
  "package.json": '{\n  "name": "existing",\n  "scripts": { "build": "tsc" }\n}\n',
  "src/index.ts": "export const answer = 42;\n",
};

const folders = new Folders();
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

function projectDir(extra: Record<string, string> = {}): string {
  const dir = folders.fresh();
  for (const [path, content] of Object.entries({ ...EXISTING_PROJECT, ...extra })) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe("bad input leaves the tree untouched", () => {
  it.each(CASES)("$name", ({ args, names, files, code = 2 }) => {
    const root = projectDir(files);
    const before = snapshotTree(root);
    const result = runCli([".", ...args], { cwd: root });
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(names);
    expect(result.stderr).toMatch(/\n {2,4}hint: \S/);
    expect(result.stdout).toBe("");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a target that is a file", () => {
    const root = projectDir();
    const before = snapshotTree(root);
    const result = runCli(["src/index.ts", "--services", "redis"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/\[dir\] src\/index\.ts: is a file, not a folder\n {4}hint: /);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a write that fails halfway is rolled back (exit 1)", () => {
    // A file named like a generated folder makes writing stack/*.ts fail after other files were staged.
    const root = projectDir({ stack: "not a folder\n" });
    const before = snapshotTree(root);
    const result = runCli([".", "--services", "redis"], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: could not write .*nothing was changed\n {2}hint: /);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a read-only folder (exit 1, untouched)", (context) => {
    if (process.getuid?.() === 0) {
      console.warn("skipped: running as root, where folder permissions do not stop writes");
      context.skip("running as root: permissions do not stop writes");
    }
    const root = projectDir();
    const before = snapshotTree(root);
    chmodSync(root, 0o555);
    try {
      const result = runCli([".", "--services", "redis"], { cwd: root });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^error: .*(EACCES|permission)/i);
    } finally {
      chmodSync(root, 0o755);
    }
    expect(snapshotTree(root)).toEqual(before);
  });
});
