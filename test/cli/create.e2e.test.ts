import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/** The built CLI, run without a terminal, the way CI and scripts run it. */
const folders = new Folders();
const freshDir = () => folders.fresh();

beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

describe("--yes in an empty folder", () => {
  it("creates the stack, reports each file and prints next steps", () => {
    const root = freshDir();
    const result = runCli(["my-app", "--yes", "--services", "postgres,redis"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const target = join(root, "my-app");
    for (const path of [
      "stack/config.ts",
      "stack/stack.ts",
      "tests/stack/smoke/redis.stack.ts",
      "dagger-stack.json",
    ]) {
      expect(existsSync(join(target, path)), path).toBe(true);
      expect(result.stdout).toContain(`create ${path}`);
    }
    expect(JSON.parse(readText(target, "package.json")).name).toBe("my-app");
    expect(result.stdout).toMatch(
      /Next steps:\n {2}cd my-app\n {2}npm install\n {2}npm run stack:up\n {2}dagger run npm run test:stack/,
    );
  });

  it("defaults to a single postgres when no services are given anywhere", () => {
    const root = freshDir();
    expect(runCli([".", "--yes"], { cwd: root }).code).toBe(0);
    const manifest = JSON.parse(readText(root, "dagger-stack.json"));
    expect(manifest.spec.services.map((service: { kind: string }) => service.kind)).toEqual(["postgres"]);
  });

  it("takes the project name from the folder, made valid when it is not", () => {
    const root = freshDir();
    expect(runCli(["My Shop", "--yes"], { cwd: root }).code).toBe(0);
    expect(JSON.parse(readText(join(root, "My Shop"), "dagger-stack.json")).spec.name).toBe("my-shop");
  });

  it("uses the package manager of the project's lockfile in next steps", () => {
    const root = freshDir();
    writeFileSync(join(root, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    const result = runCli(["--yes"], {
      cwd: root,
      env: { npm_config_user_agent: "yarn/4.0.0 npm/? node/v20" },
    });
    expect(result.stdout).toMatch(
      /Next steps:\n {2}pnpm install\n {2}pnpm run stack:up\n {2}dagger run pnpm run test:stack/,
    );
    expect(result.stdout).not.toContain("cd ");
  });

  it("falls back to the package manager that runs it", () => {
    const root = freshDir();
    const result = runCli(["app", "--yes"], {
      cwd: root,
      env: { npm_config_user_agent: "bun/1.2.0 npm/? node/v20" },
    });
    expect(result.stdout).toContain("  bun install\n");
  });
});

describe("a second run", () => {
  it("changes nothing when nothing changed: same bytes, same mtimes", () => {
    const root = freshDir();
    const args = [".", "--services", "postgres,redis", "--extensions", "postgres=pgvector"];
    expect(runCli(args, { cwd: root }).code).toBe(0);
    const before = snapshotTree(root);
    const again = runCli(args, { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Nothing to change");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("stops at a generated file the user edited, and --force overwrites it", () => {
    const root = freshDir();
    const args = [".", "--services", "redis"];
    runCli(args, { cwd: root });
    const generated = readText(root, "stack/config.ts");
    writeFileSync(join(root, "stack/config.ts"), "// mine\n");
    const changedArgs = [...args, "--port", "redis=6390"];
    const before = snapshotTree(root);

    const stopped = runCli(changedArgs, { cwd: root });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("stack/config.ts");
    expect(stopped.stderr).toContain("--force");
    expect(snapshotTree(root)).toEqual(before);

    const forced = runCli([...changedArgs, "--force"], { cwd: root });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("overwrite stack/config.ts");
    expect(readText(root, "stack/config.ts")).not.toBe("// mine\n");
    expect(readText(root, "stack/config.ts")).toContain("6390");
    expect(generated).not.toContain("6390");
  });

  it("regenerates pristine files without asking when the spec changes", () => {
    const root = freshDir();
    runCli([".", "--services", "redis"], { cwd: root });
    const result = runCli([".", "--services", "redis", "--port", "redis=6390"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("update stack/config.ts");
  });
});

describe("an existing TypeScript repo", () => {
  it("keeps the user's package.json scripts and dependencies and adds ours", () => {
    const root = freshDir();
    const pkg = {
      name: "existing",
      type: "module",
      scripts: { build: "tsc", test: "node --test" },
      dependencies: { express: "4.21.2" },
      devDependencies: { typescript: "5.9.3" },
    };
    writeFileSync(join(root, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
    const result = runCli([".", "--services", "postgres"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("update package.json");
    const merged = JSON.parse(readText(root, "package.json"));
    expect(merged.scripts).toMatchObject(pkg.scripts);
    expect(Object.keys(merged.scripts)).toContain("test:stack");
    expect(merged.dependencies).toEqual(pkg.dependencies);
    expect(merged.devDependencies.typescript).toBe("5.9.3");
    expect(Object.keys(merged.devDependencies)).toContain("@dagger.io/dagger");
    // 5.9.3 is newer than the generated code needs (issue 8, point 6): kept without a word.
    expect(result.stderr).not.toContain("warning:");
    expect(result.stdout).not.toContain("warning:");
  });
});

describe("--dry-run and --diff", () => {
  it("--dry-run lists every file and writes nothing, not even the target folder", () => {
    const root = freshDir();
    const result = runCli(["new-app", "--services", "postgres,redis", "--dry-run"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run: nothing written\n/);
    expect(result.stdout).toContain("create stack/config.ts");
    expect(result.stdout).toContain("create package.json");
    expect(existsSync(join(root, "new-app"))).toBe(false);
  });

  it("--diff prints unified diffs for new and changed files", () => {
    const root = freshDir();
    writeFileSync(join(root, "package.json"), '{ "name": "x", "scripts": { "build": "tsc" } }\n');
    const before = snapshotTree(root);
    const result = runCli([".", "--services", "redis", "--dry-run", "--diff"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("--- /dev/null\n+++ b/stack/config.ts\n@@ -0,0 +1,");
    expect(result.stdout).toMatch(/--- a\/package.json\n\+\+\+ b\/package.json\n@@ [-+,\d ]+ @@\n/);
    expect(result.stdout).toMatch(/^-\{ "name": "x", "scripts": \{ "build": "tsc" \} \}$/m);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("a dry run shows a conflict a real run would stop at", () => {
    const root = freshDir();
    runCli([".", "--services", "redis"], { cwd: root });
    writeFileSync(join(root, "stack/stack.ts"), "// mine\n");
    const result = runCli([".", "--services", "redis", "--port", "redis=6390", "--dry-run"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/conflict +stack\/stack\.ts/);
    expect(result.stdout).toContain("A real run would stop");
  });
});

describe("help, version and flags", () => {
  it("--help shows usage, every flag and examples", () => {
    const result = runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain("npm create dagger-stack@latest -- my-app");
    for (const flag of ["--services", "--port", "--spec", "--dry-run", "--no-interactive", "--yes"]) {
      expect(result.stdout).toContain(flag);
    }
  });

  it("-v prints the package version", () => {
    const pkg = JSON.parse(readText(join(import.meta.dirname, "..", ".."), "package.json"));
    expect(runCli(["-v"]).stdout.trim()).toBe(pkg.version);
  });

  it("a run without a terminal never waits for input", () => {
    const root = freshDir();
    const result = runCli(["app"], { cwd: root });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--services");
  });

  it("--no-interactive turns prompts off even when asked for more", () => {
    const root = freshDir();
    const result = runCli(["app", "--no-interactive", "--services", "redis"], { cwd: root });
    expect(result.code).toBe(0);
  });

  it("--lang reaches the spec: python output has no TypeScript stack and no npm steps", () => {
    const root = freshDir();
    const result = runCli(["app", "--lang", "python", "--services", "redis", "--dry-run"], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/create +\S+\.py\n/);
    expect(result.stdout).not.toContain("stack/config.ts");
  });

  it("flags override the spec file, matched by service name", () => {
    const root = freshDir();
    writeFileSync(
      join(root, "stack.yaml"),
      "name: from-file\nservices:\n  - { name: db, kind: postgres, database: shop }\n",
    );
    const result = runCli(["out", "--spec", "stack.yaml", "--port", "db=5499", "--name", "from-flag"], {
      cwd: root,
    });
    expect(result.code).toBe(0);
    const spec = JSON.parse(readText(join(root, "out"), "dagger-stack.json")).spec;
    expect(spec.name).toBe("from-flag");
    expect(spec.services[0]).toMatchObject({ name: "db", database: "shop", port: 5499 });
  });

  it("colours only when asked for: FORCE_COLOR on a pipe", () => {
    const plain = runCli(["--help"]);
    const forced = runCli(["--help"], { env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
    expect(plain.stdout).not.toContain("\x1b[");
    expect(forced.stdout).toContain("\x1b[1m");
  });
});
