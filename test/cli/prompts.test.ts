import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY, type Step } from "./support/fake-terminal.js";
import { terminalSession } from "./support/terminal-session.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/** The interactive flow, driven in-process through main() with a pretend terminal. */
const folders = new Folders("cds-prompts-");
afterEach(() => folders.cleanup());
const freshDir = () => folders.fresh();

const manifestSpec = (dir: string) => JSON.parse(readText(dir, "dagger-stack.json")).spec;

describe("interactive create", () => {
  it("asks for the name, services, their options, links, matrix and CI, then writes the stack", async () => {
    const root = freshDir();
    const result = await terminalSession(
      root,
      ["kb"],
      [
        { expect: /Project name \(kb\)/, keys: `knowledge-beast${KEY.enter}` },
        // Catalog order: postgres, redis, mysql, mariadb, mongodb, chromadb, minio, backend, ...
        {
          expect: /Services to include/,
          keys: `${KEY.space}${KEY.down}${KEY.space}${KEY.down.repeat(6)}${KEY.space}${KEY.enter}`,
        },
        // After the services, so that plop's arguments (name, services) answer the first two questions.
        { expect: /Language of the generated code/, keys: KEY.enter },
        { expect: /postgres: version/, keys: KEY.enter },
        { expect: /postgres: host port \(5432\)/, keys: KEY.enter },
        { expect: /postgres: Postgres extensions/, keys: `${KEY.space}${KEY.enter}` },
        { expect: /postgres: database name \(app\)/, keys: `kb_test${KEY.enter}` },
        { expect: /redis: version/, keys: `${KEY.down}${KEY.enter}` },
        { expect: /redis: host port \(6379\)/, keys: `5432${KEY.enter}` },
        {
          expect: /port 5432 is already used by postgres/,
          keys: `${"\x7f".repeat(4)}6380${KEY.enter}`,
        },
        { expect: /backend: host port \(8000\)/, keys: KEY.enter },
        { expect: /backend: build context \(\.\/backend\)/, keys: KEY.enter },
        { expect: /backend: Dockerfile/, keys: `Dockerfile.dev${KEY.enter}` },
        { expect: /backend: HTTP health path/, keys: `/health${KEY.enter}` },
        // postgres and redis start checked: the data services it waits for.
        { expect: /backend: services it waits for/, keys: KEY.enter },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /CI provider/, keys: `${KEY.down}${KEY.enter}` },
        { expect: /Write these changes to kb\?/, keys: KEY.enter },
      ],
    );
    // ./backend has no code yet: the only thing said on stderr.
    expect(result.stderr).toMatch(
      /^warning: backend is built from \.\/backend, which does not exist[^\n]*\n$/,
    );
    expect(result.code).toBe(0);
    const target = join(root, "kb");
    expect(manifestSpec(target)).toMatchObject({
      name: "knowledge-beast",
      ci: "gitlab",
      services: [
        { name: "postgres", version: "16", port: 5432, extensions: ["pgvector"], database: "kb_test" },
        { name: "redis", version: "7.2", port: 6380 },
        {
          name: "backend",
          build: { context: "./backend", dockerfile: "Dockerfile.dev" },
          healthPath: "/health",
          dependsOn: ["postgres", "redis"],
        },
      ],
    });
    expect(existsSync(join(target, ".gitlab-ci.yml"))).toBe(true);
    expect(result.stdout).toContain(
      "The same without prompts: create-dagger-stack kb --name knowledge-beast --services 'postgres,redis,backend' --lang typescript",
    );
    expect(result.stdout).toContain("--port redis=6380");
  });

  it("asks only what flags left open", async () => {
    const root = freshDir();
    const result = await terminalSession(
      root,
      [".", "--services", "redis", "--port", "redis=6390", "--ci", "none"],
      [
        { expect: /Project name/, keys: KEY.enter },
        { expect: /Language of the generated code/, keys: KEY.enter },
        { expect: /redis: version/, keys: KEY.enter },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/redis: host port|CI provider|Services to include/);
    expect(manifestSpec(root)).toMatchObject({ ci: "none", services: [{ name: "redis", port: 6390 }] });
  });

  it("--yes on a terminal asks nothing", async () => {
    const root = freshDir();
    const result = await terminalSession(root, ["app", "--yes"], []);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("?");
    expect(manifestSpec(join(root, "app")).services).toEqual([expect.objectContaining({ kind: "postgres" })]);
  });

  it("Ctrl-C at the first question exits 130 and writes nothing", async () => {
    const root = freshDir();
    const result = await terminalSession(root, ["app"], [{ expect: /Project name/, keys: KEY.ctrlC }]);
    expect(result.code).toBe(130);
    expect(result.stderr).toBe("cancelled: nothing was written\n");
    expect(existsSync(join(root, "app"))).toBe(false);
  });

  it("Ctrl-C halfway through exits 130 and leaves an existing project untouched", async () => {
    const root = freshDir();
    writeFileSync(join(root, "package.json"), '{ "name": "mine" }\n');
    const before = snapshotTree(root);
    const result = await terminalSession(
      root,
      ["."],
      [
        { expect: /Project name/, keys: KEY.enter },
        { expect: /Services to include/, keys: `${KEY.space}${KEY.enter}` },
        { expect: /postgres: version/, keys: KEY.ctrlC },
      ],
    );
    expect(result.code).toBe(130);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("interactive conflicts", () => {
  async function editedProject(): Promise<string> {
    const root = freshDir();
    expect((await terminalSession(root, [".", "--yes", "--services", "redis"], [])).code).toBe(0);
    mkdirSync(join(root, "stack"), { recursive: true });
    writeFileSync(join(root, "stack", "config.ts"), "// mine\n");
    return root;
  }

  const changed = [".", "--yes", "--interactive", "--services", "redis", "--port", "redis=6390"];

  it("--yes never asks: the edited file stops the run", async () => {
    const root = await editedProject();
    const result = await terminalSession(root, changed, []);
    expect(result.code).toBe(1);
    expect(readText(root, "stack/config.ts")).toBe("// mine\n");
  });

  // A re-run: dagger-stack.json answered redis's version and the matrix, so the first question is the conflict.
  const asking = [".", "--services", "redis", "--port", "redis=6390", "--name", "app", "--ci", "none"];
  const upToConflict: Step[] = [];
  const confirm: Step = { expect: /Write these changes/, keys: KEY.enter };

  it("keep mine: the edited file stays, the rest is updated", async () => {
    const root = await editedProject();
    const result = await terminalSession(root, asking, [
      ...upToConflict,
      { expect: /stack\/config\.ts was changed since it was generated/, keys: KEY.enter },
      confirm,
    ]);
    expect(result.code).toBe(0);
    expect(readText(root, "stack/config.ts")).toBe("// mine\n");
    expect(result.stdout).toMatch(/keep +stack\/config\.ts \(kept yours\)/);
    expect(manifestSpec(root).services[0].port).toBe(6390);
  });

  it("overwrite: the generated version replaces the edit", async () => {
    const root = await editedProject();
    const result = await terminalSession(root, asking, [
      ...upToConflict,
      { expect: /stack\/config\.ts was changed/, keys: `${"\x1b[A"}${KEY.enter}` },
      confirm,
    ]);
    expect(result.code).toBe(0);
    expect(readText(root, "stack/config.ts")).toContain("6390");
  });

  it("abort: exit 130, nothing written", async () => {
    const root = await editedProject();
    const before = snapshotTree(root);
    const result = await terminalSession(root, asking, [
      ...upToConflict,
      { expect: /stack\/config\.ts was changed/, keys: `${KEY.down}${KEY.enter}` },
    ]);
    expect(result.code).toBe(130);
    expect(snapshotTree(root)).toEqual(before);
  });
});
