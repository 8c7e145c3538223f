import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { generatedProject } from "./support/stack-project.js";
import { Folders, snapshotTree } from "./support/tree.js";

/**
 * Bad input to `add`: a non-zero exit (2 for input, 1 when the code moved too far), a message naming the
 * flag, word or spec path with a hint, nothing on stdout, and a project that is byte-identical afterwards.
 * Every case runs on its own copy of a generated knowledgebeast project: postgres (pgvector, pg_search)
 * on 5432, chromadb, and the testing matrix backend: [chromadb, postgres].
 */
interface BadAdd {
  name: string;
  args: string[];
  /** Must appear in stderr: the flag, word or spec path the problem is about, and what is wrong. */
  names: RegExp;
  /** Edits the project first. */
  prepare?: (root: string) => void;
  code?: number;
}

const renameStackClass = (root: string) => {
  const path = join(root, "stack", "stack.ts");
  writeFileSync(path, readFileSync(path, "utf8").replaceAll("KnowledgebeastStack", "KbStack"));
};

const CASES: BadAdd[] = [
  {
    name: "an unknown kind, with a suggestion",
    args: ["redsi"],
    names: /add redsi: unknown kind "redsi"\n {4}hint: did you mean "redis"\?/,
  },
  {
    name: "a port another service has",
    args: ["redis", "--port", "5432"],
    names: /--port 5432: port 5432 is already used by postgres\n/,
  },
  {
    name: "a kind whose name the stack already uses, differently",
    args: ["postgres", "--version", "17"],
    names:
      /add postgres \(named after its kind\): "postgres" is already the name of the first service \(postgres\)\n {4}hint: give it another: --name postgres-2/,
  },
  {
    name: "a --name the stack already uses",
    args: ["redis", "--name", "chromadb"],
    names: /--name chromadb: "chromadb" is already the name of the second service \(chromadb\)/,
  },
  {
    name: "a dependency cycle",
    args: ["backend", "--name", "api", "--depends-on", "api"],
    names: /--depends-on api: a service cannot depend on itself/,
  },
  {
    name: "a dependency on a service that is not there",
    args: ["backend", "--name", "api", "--depends-on", "postgress"],
    names: /--depends-on postgress: no service named "postgress"[\s\S]*"postgres"/,
  },
  {
    name: "an unknown extension on the new service",
    args: ["postgres", "--name", "db", "--port", "5433", "--extension", "pgvectr"],
    names: /--extension pgvectr: unknown extension "pgvectr"[\s\S]*"pgvector"/,
  },
  {
    name: "an unknown extension on an existing service",
    args: ["extension", "postgres", "pgvectr"],
    names: /add extension postgres pgvectr: unknown extension[\s\S]*"pgvector"/,
  },
  {
    name: "an extension for a service that takes none",
    args: ["extension", "chromadb", "pgvector"],
    names: /add extension chromadb pgvector: chromadb does not take "extensions"/,
  },
  {
    name: "an extension for an unknown service",
    args: ["extension", "postgress", "pgvector"],
    names: /<service>: no service named "postgress"\n {4}hint: did you mean "postgres"\?/,
  },
  {
    name: "a custom container without its image",
    args: ["custom", "--name", "worker"],
    names: /--image <ref>: a custom service needs an image/,
  },
  {
    name: "a port that is not a number",
    args: ["redis", "--port", "high"],
    names: /--port high: "high" is not a port number\n {4}hint: e\.g\. --port 6380/,
  },
  {
    name: "a matrix fixture name that cannot be one",
    args: ["redis", "--matrix", "Bad"],
    names: /--matrix Bad: "Bad" cannot be a fixture name/,
  },
  {
    name: "an unknown flag",
    args: ["redis", "--prot", "6380"],
    names: /--prot: unknown option\n {4}hint: did you mean "--port"\?/,
  },
  {
    name: "one of create's flags",
    args: ["redis", "--services", "redis"],
    names: /--services: unknown option/,
  },
  {
    name: "no kind and no terminal to ask",
    args: [],
    names: /<kind>: missing: which kind of service to add/,
  },
  { name: "two kinds", args: ["redis", "cache"], names: /<kind>: expected one kind, got 2: redis cache/ },
  {
    name: "new-service flags on add extension",
    args: ["extension", "postgres", "postgis", "--port", "5433"],
    names: /--port 5433: describes a new service; add extension only adds an extension/,
  },
  {
    name: "two extensions at once",
    args: ["extension", "postgres", "postgis", "hstore"],
    names: /<extension>: one extension at a time, got 2: postgis hstore/,
  },
  {
    name: "a --dir that does not exist",
    args: ["redis", "--dir", "nope"],
    names: /--dir nope: no such folder/,
  },
  {
    name: "a --dir that is a file",
    args: ["redis", "--dir", "package.json"],
    names: /--dir package\.json: is a file, not a folder/,
  },
  {
    name: "a folder without a stack",
    args: ["redis"],
    prepare: (root) => writeFileSync(join(root, "dagger-stack.json"), "{}\n"),
    names:
      /dagger-stack\.json: exists and was not written by create-dagger-stack, so the current folder holds no stack to add to[\s\S]*hint: run create-dagger-stack first/,
  },
  {
    name: "the stack class renamed: its anchor is gone (exit 1)",
    args: ["redis", "--yes"],
    prepare: renameStackClass,
    names:
      /^error: stack\/stack\.ts: could not find class KnowledgebeastStack; nothing was written\n {2}hint: \S/,
    code: 1,
  },
];

const folders = new Folders("cds-add-");
const templates = new Folders("cds-add-");
let template = "";
beforeAll(async () => {
  await ensureBuilt();
  template = generatedProject(templates, "knowledgebeast");
}, 120_000);
afterEach(() => folders.cleanup());
afterAll(() => templates.cleanup());

function projectCopy(): string {
  const root = folders.fresh();
  cpSync(template, root, { recursive: true });
  return root;
}

describe("bad input to add leaves the project untouched", () => {
  it.each(CASES)("$name", ({ args, names, prepare, code = 2 }) => {
    const root = projectCopy();
    prepare?.(root);
    const before = snapshotTree(root);
    const result = runCli(["add", ...args], { cwd: root });
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(names);
    expect(result.stderr).toMatch(/\n {2,4}hint: \S/);
    expect(result.stdout).toBe("");
    expect(result.code).toBe(code);
    expect(snapshotTree(root)).toEqual(before);
  });
});
