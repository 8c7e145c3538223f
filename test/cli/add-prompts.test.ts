import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./support/built-cli.js";
import { KEY } from "./support/fake-terminal.js";
import { generatedProject, manifestOf, serviceIn } from "./support/stack-project.js";
import { terminalSession } from "./support/terminal-session.js";
import { Folders, snapshotTree } from "./support/tree.js";

/**
 * `add` on a terminal: it asks for what the words and flags leave open, with defaults from the catalog and
 * the existing stack. Projects come from the built CLI; add runs in-process through main().
 */
const folders = new Folders("cds-add-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const BACKSPACE = "\x7f";

describe("add <kind> in a terminal", () => {
  it("asks for the version and the next free port, then shows the same run without prompts", async () => {
    const root = generatedProject(folders, "minimal");
    const result = await terminalSession(
      root,
      ["add", "redis"],
      [
        // Catalog order: 7.4, 7.2, 8.0.
        { expect: /redis: version/, keys: `${KEY.down}${KEY.down}${KEY.enter}` },
        // cache already publishes 6379, so the default moves on.
        { expect: /redis: host port \(6380\)/, keys: KEY.enter },
      ],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(serviceIn(root, "redis")).toMatchObject({ kind: "redis", version: "8.0", port: 6380 });
    expect(result.stdout).toContain("Added to the stack in .: service redis (redis)");
    expect(result.stdout).toContain(
      "The same without prompts: create-dagger-stack add redis --version 8.0 --port 6380 --yes",
    );
  });

  it("shows a clash under the prompt and takes the corrected answer", async () => {
    const root = generatedProject(folders, "minimal");
    const result = await terminalSession(
      root,
      ["add", "redis", "--version", "7.4"],
      [
        { expect: /redis: host port \(6380\)/, keys: `6379${KEY.enter}` },
        {
          expect: /port 6379 is already used by cache/,
          keys: `${BACKSPACE.repeat(4)}6390${KEY.enter}`,
        },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("redis: version");
    expect(serviceIn(root, "redis")).toMatchObject({ version: "7.4", port: 6390 });
  });

  it("asks for the kind when none is given, and offers the stack's testing matrix", async () => {
    const root = generatedProject(folders, "knowledgebeast");
    const result = await terminalSession(
      root,
      ["add"],
      [
        // Catalog order: postgres, redis, ...
        { expect: /Kind of service to add/, keys: `${KEY.down}${KEY.enter}` },
        { expect: /redis: version/, keys: KEY.enter },
        { expect: /redis: host port \(6379\)/, keys: KEY.enter },
        {
          expect: /Testing matrix: also run a fixture's tests against redis\?/,
          keys: `${KEY.down}${KEY.enter}`,
        },
      ],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(manifestOf(root).spec.matrix).toEqual({ backend: ["chromadb", "postgres", "redis"] });
    expect(result.stdout).toContain(
      "The same without prompts: create-dagger-stack add redis --version 7.4 --port 6379 --matrix backend --yes",
    );
  });

  it("asks a backend for its build and what it waits for, among the existing services", async () => {
    const root = generatedProject(folders, "minimal");
    const result = await terminalSession(
      root,
      ["add", "backend", "--name", "api"],
      [
        { expect: /api: host port \(8000\)/, keys: KEY.enter },
        { expect: /api: build context \(\.\/api\)/, keys: KEY.enter },
        { expect: /api: Dockerfile/, keys: `Dockerfile.dev${KEY.enter}` },
        { expect: /api: HTTP health path/, keys: `${BACKSPACE}/health${KEY.enter}` },
        // cache, a data service, starts checked.
        { expect: /api: services it waits for[\s\S]*cache/, keys: KEY.enter },
      ],
    );
    // ./api is not there yet: the only thing said on stderr.
    expect(result.stderr).toMatch(/^warning: api is built from \.\/api, which does not exist[^\n]*\n$/);
    expect(result.code).toBe(0);
    expect(serviceIn(root, "api")).toMatchObject({
      kind: "backend",
      port: 8000,
      build: { context: "./api", dockerfile: "Dockerfile.dev" },
      healthPath: "/health",
      dependsOn: ["cache"],
    });
  });

  it("a wrong value on the command line stops the run before the first question", async () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const result = await terminalSession(root, ["add", "redis", "--port", "6379"], []);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port 6379: port 6379 is already used by cache/);
    expect(result.stdout).not.toContain("redis: version");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("asks nothing about a service the stack already has, and nothing with --yes", async () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const again = await terminalSession(root, ["add", "redis", "--name", "cache"], []);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("note: already there: service cache; nothing to change");
    expect(snapshotTree(root)).toEqual(before);
    const yes = await terminalSession(root, ["add", "postgres", "--yes"], []);
    expect(yes.code).toBe(0);
    expect(yes.stdout).not.toContain("?");
    expect(serviceIn(root, "postgres")).toMatchObject({ version: "16", port: 5432 });
  });
});

describe("add extension in a terminal", () => {
  it("asks for the service and the extension; extensions it has are shown, not offered", async () => {
    const root = generatedProject(folders, "knowledgebeast");
    const result = await terminalSession(
      root,
      ["add", "extension"],
      [
        { expect: /Service to add the extension to/, keys: KEY.enter },
        // pgvector and pg_search are there already: the cursor starts on the first one left, postgis.
        { expect: /Extension to add to postgres[\s\S]*already added/, keys: KEY.enter },
      ],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(serviceIn(root, "postgres")?.extensions).toEqual(["pgvector", "pg_search", "postgis"]);
    expect(result.stdout).toContain(
      "The same without prompts: create-dagger-stack add extension postgres postgis --yes",
    );
  });
});

describe("Ctrl-C", () => {
  it("at the first question exits 130 and writes nothing", async () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const result = await terminalSession(
      root,
      ["add", "postgres"],
      [{ expect: /postgres: version/, keys: KEY.ctrlC }],
    );
    expect(result.code).toBe(130);
    expect(result.stderr).toBe("cancelled: nothing was written\n");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("halfway through exits 130 and leaves the project untouched", async () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const result = await terminalSession(
      root,
      ["add", "postgres"],
      [
        { expect: /postgres: version/, keys: KEY.enter },
        { expect: /postgres: host port \(5432\)/, keys: KEY.enter },
        { expect: /postgres: Postgres extensions/, keys: `${KEY.space}${KEY.ctrlC}` },
      ],
    );
    expect(result.code).toBe(130);
    expect(snapshotTree(root)).toEqual(before);
  });
});
