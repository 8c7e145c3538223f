import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import type { AddRequest } from "../../src/plan/add/index.js";
import { editedKnowledgebeast, type Files, runAdd } from "./support.js";

/**
 * [slow] The edited TypeScript still compiles: a project with its team's edits is grown by several adds,
 * written to a temporary folder and checked with `tsc -p stack/tsconfig.json`, as its CI would.
 * Skip it in a fast loop: `npx vitest run test/add --exclude "**\/*.slow.test.ts"`.
 *
 * The compiler and type packages come from STACK_NODE_MODULES, or else this repository's node_modules
 * (which has @dagger.io/dagger, vitest, pg and @types/*, but not every database client): smoke tests that
 * import a client missing there are left out of the check, and the test says which.
 */
const REPO = join(import.meta.dirname, "..", "..");
const NODE_MODULES = process.env.STACK_NODE_MODULES ?? join(REPO, "node_modules");
const CLIENTS = ["pg", "redis", "mysql2", "mongodb"];

const GROWTH: AddRequest[] = [
  { type: "service", service: { kind: "redis", name: "cache" }, matrix: "backend" },
  { type: "extension", service: "postgres", extension: "pg_cron" },
  { type: "extension", service: "postgres", extension: "postgis" },
  {
    type: "service",
    service: { kind: "backend", name: "worker", build: "./worker", dependsOn: ["postgres", "cache"] },
  },
  {
    type: "service",
    service: { kind: "custom", name: "tools", image: "debian:12-slim", packages: { apt: ["curl"] } },
  },
  { type: "service", service: { kind: "mysql", name: "legacy" }, matrix: "store" },
];

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function writeProject(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), "add-typecheck-"));
  folders.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  symlinkSync(NODE_MODULES, join(root, "node_modules"), "dir");
  return root;
}

/** A tsconfig beside the stack's own that leaves out smoke tests whose client package is not installed. */
function checkConfig(root: string, files: Files): { config: string; skipped: string[] } {
  const missing = CLIENTS.filter((name) => !existsSync(join(NODE_MODULES, name, "package.json")));
  const skipped = Object.entries(files)
    .filter(
      ([path, text]) => path.startsWith("tests/") && missing.some((name) => text.includes(`from "${name}`)),
    )
    .map(([path]) => path);
  if (skipped.length === 0) return { config: "stack/tsconfig.json", skipped };
  const config = { extends: "./tsconfig.json", exclude: skipped.map((path) => `../${path}`) };
  writeFileSync(join(root, "stack", "tsconfig.add-check.json"), JSON.stringify(config));
  return { config: "stack/tsconfig.add-check.json", skipped };
}

function typecheck(root: string, config: string): string {
  try {
    execFileSync(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", config], {
      cwd: root,
      encoding: "utf8",
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

describe("[slow] the edited project type-checks", () => {
  test("after adding a service, extensions, a dependent backend, a container and a matrix axis", {
    timeout: 180_000,
  }, () => {
    let files = editedKnowledgebeast();
    for (const request of GROWTH) {
      const run = runAdd(files, request);
      expect(run.plan.added.length).toBeGreaterThan(0);
      files = run.files;
    }
    const root = writeProject(files);
    const { config, skipped } = checkConfig(root, files);
    if (skipped.length > 0)
      console.warn(
        `type-checked without ${skipped.join(", ")}: their client packages are not in ${NODE_MODULES}`,
      );
    expect(typecheck(root, config)).toBe("");
  });

  test("a check that can fail: a broken edit is reported", { timeout: 180_000 }, () => {
    const files = editedKnowledgebeast();
    const broken = {
      ...files,
      "stack/stack.ts": (files["stack/stack.ts"] ?? "").replace(
        "buildChromadb(): Container {",
        "buildChromadb(): Containr {",
      ),
    };
    const root = writeProject(broken);
    expect(typecheck(root, checkConfig(root, broken).config)).toContain("Containr");
  });
});
