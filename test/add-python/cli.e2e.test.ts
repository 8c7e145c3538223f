import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILD_META, ensureBuilt, ROOT, runCli } from "../cli/support/built-cli.js";
import { readText, removeDir, snapshotTree, tempDir } from "../cli/support/tree.js";

/**
 * `add` on a Python stack through the built CLI, as a user runs it: create a Python project, add a
 * service, add it again. Each run records the modules it loads (test/cli/support/record-loads.mjs), so the
 * test also sees that only `add` on a Python stack loads web-tree-sitter; the bundle reads the grammar it
 * ships in dist/ (boundaries.test.ts checks where the resolver looks).
 */
const HOOK = pathToFileURL(join(ROOT, "test", "cli", "support", "record-loads.mjs")).href;
const SPEC = join(ROOT, "test", "fixtures", "specs", "knowledgebeast.yaml");
const TREE_SITTER = /node_modules\/web-tree-sitter\//;

let dir: string;
let project: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = tempDir("cds-add-python-");
  project = join(dir, "kb");
}, 120_000);

afterAll(() => removeDir(dir));

interface BuildMeta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** Runs the CLI in `dir`; returns its result and every package or source file it loaded. */
function cli(args: string[], log: string) {
  const path = join(dir, log);
  const result = runCli(args, { cwd: dir, nodeArgs: ["--import", HOOK], env: { CDS_LOAD_LOG: path } });
  const meta = JSON.parse(readFileSync(BUILD_META, "utf8")) as BuildMeta;
  const loaded = readFileSync(path, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:"))
    .flatMap((url) => {
      const file = relative(ROOT, new URL(url).pathname);
      return file.startsWith("dist/") ? Object.keys(meta.outputs[file]?.inputs ?? {}) : [file];
    });
  return { ...result, loaded };
}

describe("add on a Python stack through the built CLI", () => {
  it("ships the grammar beside the bundle", () => {
    expect(existsSync(join(ROOT, "dist", "cli", "tree-sitter-python.wasm"))).toBe(true);
  });

  it("create --lang python loads neither web-tree-sitter nor the Python editors", () => {
    const result = cli(["kb", "--spec", SPEC, "--lang", "python", "--yes"], "create.log");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.loaded).toContain("src/cli/create/run.ts");
    expect(
      result.loaded.filter((input) => TREE_SITTER.test(input) || input.startsWith("src/edit/python/")),
    ).toEqual([]);
  });

  it("add redis edits the Python stack in place, keeping the user's method; it loads web-tree-sitter", () => {
    writeFileSync(
      join(project, "tests/dagger_modules/stack.py"),
      readText(project, "tests/dagger_modules/stack.py").replace(
        "    def urls(self)",
        '    def seed(self) -> None:\n        """Ours."""\n\n    def urls(self)',
      ),
    );
    const result = cli(["add", "redis", "--dir", "kb", "--yes"], "add.log");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Added to the stack in kb: service redis \(redis\)\n/);
    for (const line of [
      "update tests/dagger_modules/stack.py",
      "update tests/dagger_modules/config.py",
      "update tests/dagger_modules/fixtures.py",
      "update pyproject.toml",
      "create tests/integration/test_redis_smoke.py",
    ]) {
      expect(result.stdout).toContain(`  ${line}\n`);
    }
    expect(result.stdout).toMatch(
      /Next steps:\n {2}cd kb\n {2}\.venv\/bin\/python -m pip install --group dev\n {2}dagger run \.venv\/bin\/python -m pytest tests -m stack\n$/,
    );
    expect(result.loaded.some((input) => TREE_SITTER.test(input))).toBe(true);
    const stack = readText(project, "tests/dagger_modules/stack.py");
    expect(stack).toContain("    def build_redis(self) -> dagger.Container:\n");
    expect(stack).toContain('    def seed(self) -> None:\n        """Ours."""\n');
    expect(readText(project, "tests/integration/test_redis_smoke.py")).toContain("(redis_url: str)");
  });

  it("the same add again: nothing to change, every file as it was", () => {
    const before = snapshotTree(project);
    const result = cli(["add", "redis", "--dir", "kb", "--yes"], "again.log");
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      "Nothing to change in kb.\n\nnote: already there: service redis; nothing to change\n",
    );
    expect(snapshotTree(project)).toEqual(before);
  });

  it("an anchor that is gone stops the run with the file and what it looked for, writing nothing", () => {
    const path = join(project, "tests/dagger_modules/stack.py");
    writeFileSync(path, readFileSync(path, "utf8").replaceAll("KnowledgebeastStack", "KbStack"));
    const before = snapshotTree(project);
    const result = cli(["add", "mysql", "--dir", "kb", "--yes"], "anchor.log");
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "error: tests/dagger_modules/stack.py: could not find class KnowledgebeastStack; nothing was written\n",
    );
    expect(snapshotTree(project)).toEqual(before);
  });
});
