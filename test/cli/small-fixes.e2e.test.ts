import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { KEY } from "./support/fake-terminal.js";
import { terminalSession } from "./support/terminal-session.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/** The smaller points of issue 8, point 13 (the Python `up` traceback is fixed in the templates). */
const folders = new Folders("cds-small-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

describe(".gitignore", () => {
  it("an empty folder gets one with the language's entries", () => {
    const ts = folders.fresh();
    expect(runCli([".", "--lang", "typescript", "--services", "redis", "--yes"], { cwd: ts }).code).toBe(0);
    expect(readText(ts, ".gitignore").split("\n")).toContain("node_modules/");
    const py = folders.fresh();
    expect(runCli([".", "--lang", "python", "--services", "redis", "--yes"], { cwd: py }).code).toBe(0);
    expect(readText(py, ".gitignore").split("\n")).toEqual(
      expect.arrayContaining([".venv/", "__pycache__/"]),
    );
  });

  it("an existing one keeps every line and only gains what it lacks, once", () => {
    const root = folders.fresh();
    const mine = "# ours\ndist\n/node_modules\n!keep.log";
    writeFileSync(join(root, ".gitignore"), mine);
    writeFileSync(join(root, "pyproject.toml"), '[project]\nname = "svc"\nversion = "1.0.0"\n');
    expect(runCli([".", "--services", "redis", "--yes"], { cwd: root }).code).toBe(0);
    const merged = readText(root, ".gitignore");
    expect(merged.startsWith(`${mine}\n`)).toBe(true);
    expect(merged.slice(mine.length + 1).split("\n")).toEqual([
      "# create-dagger-stack",
      ".venv/",
      "__pycache__/",
      ".pytest_cache/",
      "",
    ]);
    const before = snapshotTree(root);
    expect(runCli([".", "--yes"], { cwd: root }).stdout).toContain("Nothing to change");
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("did you mean", () => {
  it("--yse suggests --yes (a swap is one edit)", () => {
    const result = runCli([".", "--yse"], { cwd: folders.fresh() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--yse: unknown option\n    hint: did you mean "--yes"?');
  });

  it("a prefix suggests the flag it starts", () => {
    const result = runCli([".", "--serv", "redis"], { cwd: folders.fresh() });
    expect(result.stderr).toContain('did you mean "--services"?');
  });

  it("ad redis suggests add", () => {
    const root = folders.fresh();
    const result = runCli(["ad", "redis"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "add"? e.g. create-dagger-stack add redis');
    expect(snapshotTree(root)).toEqual({ "./": expect.any(String) });
  });

  it("an unknown spec key suggests the field it is closest to", () => {
    const root = folders.fresh();
    writeFileSync(
      join(root, "stack.yaml"),
      "name: shop\nlangauge: python\nservices:\n  - { name: cache, kind: redis, prot: 6380 }\n",
    );
    const result = runCli([".", "--spec", "stack.yaml"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('did you mean "language" for "langauge"?');
    expect(result.stderr).toContain('did you mean "port" for "prot"?');
  });
});

describe("errors name flags, not spec internals", () => {
  it("a port clash names both services by name", () => {
    const root = folders.fresh();
    const ports = ["--port", "postgres=5432", "--port", "redis=5432"];
    const result = runCli([".", "--services", "postgres,redis", ...ports], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--port redis=5432: port 5432 is already used by postgres");
    expect(result.stderr).not.toMatch(/services\[\d\]/);
  });
});

describe("warnings", () => {
  it("go to stderr; stdout keeps the report", () => {
    const root = folders.fresh();
    const result = runCli([".", "--services", "api:backend", "--yes"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: /m);
    expect(result.stdout).not.toMatch(/warning/);
    expect(result.stdout).toContain("Created the Dagger stack");
  });
});

describe("add from a subfolder", () => {
  it("finds the stack in a folder above, and next steps cd there", () => {
    const root = folders.fresh();
    mkdirSync(join(root, ".git"));
    expect(runCli([".", "--services", "postgres", "--yes"], { cwd: root }).code).toBe(0);
    const sub = join(root, "src", "lib");
    mkdirSync(sub, { recursive: true });
    const result = runCli(["add", "redis", "--yes"], { cwd: sub });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Added to the stack in ../..: service redis");
    expect(result.stdout).toContain("cd ../..");
    expect(JSON.parse(readText(root, "dagger-stack.json")).spec.services).toHaveLength(2);
  });

  it("stops at the git repository's root", () => {
    const outer = folders.fresh();
    expect(runCli([".", "--services", "postgres", "--yes"], { cwd: outer }).code).toBe(0);
    const repo = join(outer, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    const before = snapshotTree(outer);
    const result = runCli(["add", "redis", "--yes"], { cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "dagger-stack.json: not found in the current folder or the folders above it",
    );
    expect(snapshotTree(outer)).toEqual(before);
  });
});

describe("the same without prompts", () => {
  it("keeps the flags given on the command line, and runs to the same stack", async () => {
    const root = folders.fresh();
    const args = [
      ".",
      "--name",
      "shop",
      "--lang",
      "typescript",
      "--services",
      "redis",
      "--port",
      "redis=6390",
    ];
    const session = await terminalSession(
      root,
      [...args, "--ci", "none"],
      [
        { expect: /redis: version/, keys: KEY.enter },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(session.code).toBe(0);
    const line = /The same without prompts: (.*)$/m.exec(session.stdout)?.[1] ?? "";
    expect(line).toContain("--name shop --lang typescript --services redis --port redis=6390 --ci none");
    expect(line).toContain("--service-version redis=7.4");
    const again = folders.fresh();
    const words = line.split(" ").slice(1);
    const repeated = runCli(words, { cwd: again });
    expect(repeated.code).toBe(0);
    const spec = (dir: string) => JSON.parse(readText(dir, "dagger-stack.json")).spec;
    expect(spec(again)).toEqual(spec(root));
  });
});
