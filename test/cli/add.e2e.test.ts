import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import {
  editedMinimal,
  editFile,
  generatedProject,
  manifestOf,
  serviceIn,
  USER_COMMENT,
  USER_METHOD,
} from "./support/stack-project.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/** `add` through the built CLI, without a terminal, on projects create generated and their team edited. */
const folders = new Folders("cds-add-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const add = (root: string, ...args: string[]) => runCli(["add", ...args], { cwd: root });

describe("add a service", () => {
  it("edits the stack in place, keeps the team's edits, reports each file and the next steps", () => {
    const root = editedMinimal(folders);
    const result = add(root, "postgres", "--extension", "pgvector", "--yes");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added to the stack in \.: service postgres \(postgres\)\n/);
    for (const line of [
      "update stack/stack.ts",
      "update stack/config.ts",
      "update package.json",
      "create tests/stack/smoke/postgres.stack.ts",
    ]) {
      expect(result.stdout).toContain(`  ${line}\n`);
    }
    expect(result.stdout).toMatch(
      /Next steps:\n {2}npm install\n {2}npm run stack:typecheck\n {2}dagger run npm run test:stack\n$/,
    );
    const stack = readText(root, "stack/stack.ts");
    expect(stack).toContain(USER_COMMENT);
    expect(stack).toContain(USER_METHOD);
    expect(stack).toContain("buildPostgres(): Container {");
    expect(stack).toContain("postgresql-16-pgvector");
    expect(readText(root, "tests/stack/smoke/postgres.stack.ts")).toContain("pgvector");
    expect(serviceIn(root, "postgres")).toMatchObject({ kind: "postgres", extensions: ["pgvector"] });
    expect(JSON.parse(readText(root, "package.json")).devDependencies).toHaveProperty("pg");
  });

  it("running the same add again changes nothing, says so, and leaves every mtime as it was", () => {
    const root = editedMinimal(folders);
    const args = ["postgres", "--extension", "pgvector", "--yes"];
    expect(add(root, ...args).code).toBe(0);
    const before = snapshotTree(root);
    const again = add(root, ...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(
      "Nothing to change in the current folder.\n\nnote: already there: service postgres; nothing to change\n",
    );
    expect(snapshotTree(root)).toEqual(before);
  });

  it("--version is the service's version (--service-version too); repeated --extension values add up", () => {
    const root = generatedProject(folders, "minimal");
    const args = ["--name", "db", "--version", "17", "--extension", "pgvector", "--extension", "postgis"];
    expect(add(root, "postgres", ...args, "--yes").code).toBe(0);
    expect(serviceIn(root, "db")).toMatchObject({
      kind: "postgres",
      version: "17",
      extensions: ["pgvector", "postgis"],
    });
    expect(add(root, "redis", "--name", "queue", "--service-version", "8.0", "--port", "6380").code).toBe(0);
    expect(serviceIn(root, "queue")).toMatchObject({ version: "8.0", port: 6380 });
  });

  it("a service whose client is already installed needs no install step", () => {
    const root = generatedProject(folders, "minimal");
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    const result = add(root, "redis", "--name", "queue", "--port", "6380");
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("update package.json");
    expect(result.stdout).toMatch(
      /Next steps:\n {2}pnpm run stack:typecheck\n {2}dagger run pnpm run test:stack\n$/,
    );
  });

  it("--depends-on links the new service to existing ones", () => {
    const root = generatedProject(folders, "minimal");
    const result = add(root, "backend", "--name", "api", "--port", "8080", "--depends-on", "cache");
    expect(result.code).toBe(0);
    expect(serviceIn(root, "api")).toMatchObject({ dependsOn: ["cache"], port: 8080 });
    expect(readText(root, "stack/stack.ts")).toContain('const START_ORDER = [["cache"], ["api"]] as const;');
  });
});

describe("add extension", () => {
  it("adds a Postgres extension to an existing service and keeps the team's edits", () => {
    const root = editedMinimal(folders);
    expect(add(root, "postgres", "--yes").code).toBe(0);
    editFile(
      root,
      "stack/stack.ts",
      "  buildPostgres(): Container {\n",
      "  // ours: the main database\n  buildPostgres(): Container {\n",
    );
    const result = add(root, "extension", "postgres", "postgis", "--yes");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added to the stack in \.: extension postgis on postgres\n/);
    expect(result.stdout).toContain("  update tests/stack/smoke/postgres.stack.ts\n");
    const stack = readText(root, "stack/stack.ts");
    expect(stack).toContain("postgresql-16-postgis-3");
    expect(stack).toContain("  // ours: the main database\n");
    expect(stack).toContain(USER_METHOD);
    expect(serviceIn(root, "postgres")?.extensions).toEqual(["postgis"]);
    expect(readText(root, "tests/stack/smoke/postgres.stack.ts")).toContain("postgis");
  });

  it("a second run says it is already there and writes nothing", () => {
    const root = generatedProject(folders, "knowledgebeast");
    const before = snapshotTree(root);
    const result = add(root, "extension", "postgres", "pgvector");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("note: already there: pgvector on postgres; nothing to change");
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("the testing matrix", () => {
  it("--matrix on a new fixture name starts a matrix", () => {
    const root = generatedProject(folders, "minimal");
    const result = add(root, "chromadb", "--matrix", "backend", "--yes");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("chromadb in the testing matrix backend");
    expect(result.stdout).toContain("  create tests/stack/matrix/backend.stack.ts\n");
    expect(manifestOf(root).spec.matrix).toEqual({ backend: ["chromadb"] });
    expect(readText(root, "vitest.stack.config.mts")).toContain('name: "backend=chromadb"');
  });

  it("--matrix on an existing fixture adds the service to its list", () => {
    const root = generatedProject(folders, "knowledgebeast");
    const result = add(root, "redis", "--name", "cache", "--matrix", "backend", "--yes");
    expect(result.code).toBe(0);
    expect(manifestOf(root).spec.matrix).toEqual({ backend: ["chromadb", "postgres", "cache"] });
    expect(readText(root, ".github/workflows/dagger-stack.yml")).toContain("- backend=cache");
  });
});

describe("--dry-run, --diff, --dir and --force", () => {
  it("--dry-run lists what a real run would change and writes nothing", () => {
    const root = editedMinimal(folders);
    const before = snapshotTree(root);
    const result = add(root, "postgres", "--dry-run");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Dry run: nothing written\nWould add to the stack in \.: service postgres/,
    );
    expect(result.stdout).toContain("  update stack/stack.ts\n");
    expect(result.stdout).not.toContain("Next steps");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("--dry-run --diff prints each change as a unified diff", () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const result = add(root, "postgres", "--dry-run", "--diff");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--- /dev/null\n+++ b/tests/stack/smoke/postgres.stack.ts\n");
    expect(result.stdout).toMatch(/--- a\/stack\/stack\.ts\n\+\+\+ b\/stack\/stack\.ts\n@@ /);
    expect(result.stdout).toMatch(/^\+ {2}buildPostgres\(\): Container \{$/m);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("--diff on a real run prints the diffs of what it wrote", () => {
    const root = generatedProject(folders, "minimal");
    const result = add(root, "postgres", "--diff");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\+ {2}buildPostgres\(\): Container \{$/m);
    expect(existsSync(join(root, "tests/stack/smoke/postgres.stack.ts"))).toBe(true);
  });

  it("--dir points at the stack's folder; next steps cd into it", () => {
    const parent = folders.fresh();
    const root = join(parent, "app");
    mkdirSync(root);
    expect(runCli([".", "--services", "redis", "--yes"], { cwd: root }).code).toBe(0);
    const result = runCli(["add", "postgres", "--dir", "app"], { cwd: parent });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added to the stack in app: /);
    expect(result.stdout).toMatch(/Next steps:\n {2}cd app\n {2}npm install\n/);
    expect(serviceIn(root, "postgres")).toBeDefined();
  });

  it("--force never overwrites a file the team edited: add edits in place or leaves it, with a note", () => {
    const root = generatedProject(folders, "minimal");
    editFile(root, "docs/dagger-stack.md", "# ", "# Ours: ");
    const doc = readText(root, "docs/dagger-stack.md");
    const result = add(root, "postgres", "--force");
    expect(result.code).toBe(0);
    expect(readText(root, "docs/dagger-stack.md")).toBe(doc);
    expect(result.stdout).toContain("note: docs/dagger-stack.md has your edits, so it was not regenerated");
  });
});

describe("help and version", () => {
  it("add --help shows add's flags and examples, not create's", () => {
    const result = runCli(["add", "--help"]);
    expect(result.code).toBe(0);
    for (const flag of [
      "--version, --service-version <version>",
      "--extension",
      "--matrix <axis>",
      "--dir <path>",
    ]) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain("npx create-dagger-stack add extension postgres pg_search");
    expect(result.stdout).not.toContain("--services");
  });

  it("--help has an add section; --version without a command still prints the tool's version", () => {
    const help = runCli(["--help"]).stdout;
    expect(help).toContain("create-dagger-stack add <kind> [options]");
    expect(help).toContain("create-dagger-stack add extension <service> <extension>");
    const pkg = JSON.parse(readText(join(import.meta.dirname, "..", ".."), "package.json"));
    expect(runCli(["--version"]).stdout).toBe(`${pkg.version}\n`);
  });
});
