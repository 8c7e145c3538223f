import { expect, test } from "vitest";
import { type Problem, UsageError } from "../../src/errors.js";
import { type AddParsers, type AddPlan, type AddRequest, planAdd } from "../../src/plan/add/index.js";
import { planCreate } from "../../src/plan/create.js";
import type { RenderContext } from "../../src/render/context.js";
import { loadStack } from "../../src/spec/load.js";
import { type FileChange, memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec } from "../support/builders.js";

/** Helpers for `add` tests: generate a project in memory, edit it like a user, grow it with planAdd. */
export type Files = Record<string, string>;

export const TOOL_VERSION = "0.1.0";

/** The example specs in test/fixtures/specs. */
export const FIXTURE_SPECS = [
  "all-kinds",
  "commandcenter",
  "compose-features",
  "extensions",
  "knowledgebeast",
  "minimal",
  "performia",
  "veria",
] as const;

export type FixtureName = (typeof FIXTURE_SPECS)[number];

/** What `create` writes for a spec: on an empty folder, or again on a project it already wrote (`files`). */
export function generate(spec: unknown, options: { context?: RenderContext; files?: Files } = {}): Files {
  const files = options.files ?? {};
  const tree = new VirtualTree(memoryReader(files));
  planCreate(loadStack(spec), tree, TOOL_VERSION, options.context);
  return applyChanges(files, tree.changes());
}

export interface AddRun {
  plan: AddPlan;
  changes: FileChange[];
  files: Files;
}

export function runAdd(files: Files, request: AddRequest, parsers: AddParsers = {}): AddRun {
  const tree = new VirtualTree(memoryReader(files));
  const plan = planAdd(request, tree, TOOL_VERSION, parsers);
  const changes = tree.changes();
  return { plan, changes, files: applyChanges(files, changes) };
}

/** What add throws for a request it refuses; the tree must be left unchanged. */
export function addRejection(files: Files, request: AddRequest, parsers: AddParsers = {}): unknown {
  const tree = new VirtualTree(memoryReader(files));
  let caught: unknown;
  try {
    planAdd(request, tree, TOOL_VERSION, parsers);
  } catch (error) {
    caught = error;
  }
  expect(tree.changes()).toEqual([]);
  return caught;
}

/** The problems of a request add refuses as invalid input. */
export function addProblems(files: Files, request: AddRequest, parsers: AddParsers = {}): Problem[] {
  const error = addRejection(files, request, parsers);
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).problems;
}

/**
 * The grown spec is checked as create checks a spec, before any file is edited, whatever the project's
 * language: each bad request is refused with the problem named. `problems` runs a request on a
 * knowledgebeast project (postgres and chromadb, with a `backend` matrix).
 */
export function specProblemTests(problems: (request: AddRequest) => Problem[]): void {
  test("a port clash names both services", () => {
    expect(problems({ type: "service", service: { kind: "redis", port: 5432 } })).toEqual([
      expect.objectContaining({
        path: "services[2].port",
        message: expect.stringContaining("services[0] (postgres)"),
      }),
    ]);
  });

  test("a name clash", () => {
    expect(problems({ type: "service", service: { kind: "postgres", version: "17" } })).toEqual([
      expect.objectContaining({
        path: "services[2].name",
        message: '"postgres" is already the name of services[0]',
      }),
    ]);
  });

  // Nothing in the stack depends on a service that is only being added, so the one cycle --depends-on can
  // close is the service waiting for itself.
  test("a dependency cycle through --depends-on", () => {
    expect(
      problems({ type: "service", service: { kind: "backend", name: "api", dependsOn: ["api"] } }),
    ).toEqual([
      expect.objectContaining({
        path: "services[2].dependsOn[0]",
        message: "a service cannot depend on itself",
      }),
    ]);
  });

  test("an unknown kind, with a suggestion", () => {
    expect(problems({ type: "service", service: { kind: "redsi" } })).toEqual([
      expect.objectContaining({
        path: "services[2].kind",
        hint: expect.stringContaining('did you mean "redis"'),
      }),
    ]);
  });

  test("an unknown extension, an unknown service, and a service that takes no extensions", () => {
    expect(problems({ type: "extension", service: "postgres", extension: "pgvectr" })).toEqual([
      expect.objectContaining({
        path: "services[0].extensions[2]",
        hint: expect.stringContaining('did you mean "pgvector"'),
      }),
    ]);
    expect(problems({ type: "extension", service: "postgress", extension: "pgvector" })).toEqual([
      expect.objectContaining({
        path: "<service>",
        hint: expect.stringContaining('did you mean "postgres"'),
      }),
    ]);
    expect(problems({ type: "extension", service: "chromadb", extension: "pgvector" })).toEqual([
      expect.objectContaining({ path: "services[1].extensions" }),
    ]);
  });
}

export function applyChanges(files: Files, changes: readonly FileChange[]): Files {
  return { ...files, ...Object.fromEntries(changes.map((change) => [change.path, change.content])) };
}

/** Edits one file as a user would: a text replacement that must apply. */
export function userEdit(files: Files, path: string, edit: (text: string) => string): Files {
  const before = files[path];
  if (before === undefined) throw new Error(`no ${path}`);
  const after = edit(before);
  if (after === before) throw new Error(`the user edit of ${path} changed nothing`);
  return { ...files, [path]: after };
}

export function replaceOnce(text: string, search: string, replacement: string): string {
  const at = text.indexOf(search);
  if (at === -1) throw new Error(`"${search}" not found`);
  return text.slice(0, at) + replacement + text.slice(at + search.length);
}

export function manifestSpec(files: Files): unknown {
  return JSON.parse(files["dagger-stack.json"] ?? "{}").spec;
}

/** Source text written indented inside a test: drops the first newline and the common indentation. */
export function code(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce(
    (text, part, index) => `${text}${part}${index < values.length ? String(values[index]) : ""}`,
    "",
  );
  const body = raw.replace(/^\n/, "").replace(/\n[ \t]*$/, "\n");
  const indents = body
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return body
    .split("\n")
    .map((line) => line.slice(common))
    .join("\n");
}

export const crlf = (text: string): string => text.replace(/\n/g, "\r\n");

/** Two-space indentation becomes four, as a team formatter would leave it (JSDoc's ` * ` keeps its space). */
export function reindentTo4(text: string): string {
  return text.replace(/^( +)/gm, (spaces) =>
    " ".repeat(Math.floor(spaces.length / 2) * 4 + (spaces.length % 2)),
  );
}

export const USER_COMMENT = "      // ours: CI runs this with a tmpfs data dir\n";
export const USER_METHOD =
  "  /** Ours: loads the fixtures our tests share. */\n  async seed(): Promise<void> {\n    await this.stop();\n  }\n\n";

/** A generated project after months with its team: every kind of edit add must keep. */
export function editedKnowledgebeast(): Files {
  let files = generate(fixtureSpec("knowledgebeast"));
  files = userEdit(files, "stack/stack.ts", (text) =>
    crlf(
      replaceOnce(
        replaceOnce(
          text,
          '      .withEnvVariable("POSTGRES_USER", user)\n',
          `${USER_COMMENT}      .withEnvVariable("POSTGRES_USER", user)\n`,
        ),
        "  /** Both URLs of every started service. */\n",
        `${USER_METHOD}  /** Both URLs of every started service. */\n`,
      ),
    ),
  );
  files = userEdit(files, "stack/config.ts", (text) =>
    reindentTo4(
      replaceOnce(
        text,
        "hostPort: 8000,\n        ...services.chromadb",
        "hostPort: 18000,\n        ...services.chromadb",
      ),
    ),
  );
  files = userEdit(files, ".github/workflows/dagger-stack.yml", (text) =>
    replaceOnce(text, "          - smoke\n", "          - smoke # every push\n"),
  );
  return files;
}

/**
 * Requests tried on every fixture spec, in either language: services of every kind, matrix entries and
 * axes, extensions. On a project nobody has edited, add must leave what create leaves for the grown spec.
 */
export const PARITY_CASES: { spec: FixtureName; request: AddRequest }[] = [
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "redis", name: "cache" } } },
  {
    spec: "knowledgebeast",
    request: {
      type: "service",
      service: { kind: "postgres", name: "pg17", version: "17" },
      matrix: "backend",
    },
  },
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "chromadb" }, matrix: "vectors" } },
  { spec: "knowledgebeast", request: { type: "extension", service: "postgres", extension: "postgis" } },
  { spec: "minimal", request: { type: "service", service: { kind: "postgres" }, matrix: "db" } },
  {
    spec: "minimal",
    request: {
      type: "service",
      service: { kind: "custom", name: "long-running-batch-job", image: "alpine:3.20" },
    },
  },
  {
    spec: "veria",
    request: {
      type: "service",
      service: {
        kind: "backend",
        name: "worker",
        build: "./worker",
        dependsOn: ["postgres", "policy-engine"],
      },
      matrix: "api",
    },
  },
  {
    spec: "veria",
    request: { type: "service", service: { kind: "redis", name: "session-store" }, matrix: "api" },
  },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "postgis" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pgrouting" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pg_search" } },
  {
    spec: "commandcenter",
    request: {
      type: "service",
      service: { kind: "custom", name: "tools", image: "debian:12-slim", packages: { apt: ["curl"] } },
    },
  },
  { spec: "commandcenter", request: { type: "service", service: { kind: "mysql", port: 3307 } } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pgvector" } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pg_cron" } },
  {
    spec: "all-kinds",
    request: { type: "service", service: { kind: "mongodb", name: "events", dependsOn: ["web"] } },
  },
  { spec: "all-kinds", request: { type: "extension", service: "postgres", extension: "pg_trgm" } },
  { spec: "extensions", request: { type: "extension", service: "db", extension: "pg_search" } },
  { spec: "extensions", request: { type: "service", service: { kind: "minio" }, matrix: "storage" } },
  { spec: "performia", request: { type: "service", service: { kind: "minio" }, matrix: "storage" } },
  { spec: "performia", request: { type: "extension", service: "song-library", extension: "pg_search" } },
  // A stack that uses what compose files bring: jobs, more ports, healthchecks, shared secrets, testEnv.
  { spec: "compose-features", request: { type: "service", service: { kind: "redis" } } },
  {
    spec: "compose-features",
    request: { type: "service", service: { kind: "backend", name: "web", dependsOn: ["api", "migrate"] } },
  },
  { spec: "compose-features", request: { type: "extension", service: "db", extension: "pgvector" } },
  {
    spec: "compose-features",
    request: {
      type: "service",
      service: { kind: "custom", name: "tools", image: "debian:12.13-slim", packages: { apt: ["curl"] } },
    },
  },
  { spec: "compose-features", request: { type: "extension", service: "db", extension: "pg_cron" } },
];
