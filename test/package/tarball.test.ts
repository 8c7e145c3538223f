import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../cli/support/built-cli.js";
import { type Footprint, footprint, installInto, mustRun, pack, run } from "./support.js";

/**
 * The published package, packed and installed into an empty project the way `npx` and `npm install` do:
 * what it costs a user to install, and that the installed copy (not the repository's dist/) runs create,
 * add on a TypeScript and a Python stack, and both plop generators through `plop.load`.
 */
const MAX_PACKAGES = 12;
const MAX_BYTES = 20 * 1000 * 1000;

let work: string;
let tarball: string;
let project: string;
let installed: Footprint;

beforeAll(async () => {
  await ensureBuilt();
  work = mkdtempSync(join(tmpdir(), "cds-package-"));
  tarball = pack(work);
  project = join(work, "consumer");
  mustRun("mkdir", [project], work);
  installInto(project, tarball);
  installed = footprint(join(project, "node_modules"));
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const bin = () => join(project, "node_modules", ".bin", "create-dagger-stack");
const packageDir = () => join(project, "node_modules", "create-dagger-stack");
const manifestOf = (folder: string) =>
  JSON.parse(readFileSync(join(folder, "dagger-stack.json"), "utf8")) as {
    spec: { services: { name: string; kind: string }[] };
  };
const serviceNames = (folder: string) => manifestOf(folder).spec.services.map((service) => service.name);

describe("installing the packed package", () => {
  it(`adds at most ${MAX_PACKAGES} packages in at most ${MAX_BYTES / 1e6} MB`, () => {
    expect(installed.packages).toContain("create-dagger-stack");
    expect(installed.packages).toContain("ts-morph");
    expect(installed.packages.length, installed.packages.join(", ")).toBeLessThanOrEqual(MAX_PACKAGES);
    expect(installed.bytes).toBeLessThanOrEqual(MAX_BYTES);
  });

  it("ships the Apache-2.0 license, the bundled code's notices and the Python parser's WebAssembly", () => {
    const license = readFileSync(join(packageDir(), "LICENSE"), "utf8");
    expect(license).toContain("Apache License");
    expect(license).toContain("Version 2.0, January 2004");
    const notices = readFileSync(join(packageDir(), "dist", "THIRD-PARTY-LICENSES.md"), "utf8");
    for (const bundled of ["zod", "yaml", "diff", "handlebars", "@inquirer/core", "web-tree-sitter"])
      expect(notices).toContain(`## ${bundled} `);
    for (const wasm of ["tree-sitter.wasm", "tree-sitter-python.wasm"])
      expect(existsSync(join(packageDir(), "dist", "cli", wasm)), wasm).toBe(true);
  });
});

describe("the installed command", () => {
  it("creates a TypeScript stack and adds to it (ts-morph from the installed dependencies)", () => {
    mustRun(bin(), ["ts-app", "--services", "postgres", "--yes"], work);
    const added = mustRun(bin(), ["add", "redis", "--dir", "ts-app", "--yes"], work);
    expect(added.stdout).toContain("update stack/stack.ts");
    expect(serviceNames(join(work, "ts-app"))).toEqual(["postgres", "redis"]);
  });

  it("adds to a Python stack (tree-sitter's WebAssembly found inside the package)", () => {
    mustRun(bin(), ["py-app", "--lang", "python", "--services", "postgres", "--yes"], work);
    const added = mustRun(bin(), ["add", "redis", "--dir", "py-app", "--yes"], work);
    expect(added.stdout).toContain("update tests/dagger_modules/stack.py");
    expect(serviceNames(join(work, "py-app"))).toEqual(["postgres", "redis"]);
  });
});

describe("plop", () => {
  const plop = (app: string, args: string[]) =>
    run(
      process.execPath,
      [
        join(ROOT, "node_modules", "plop", "bin", "plop.js"),
        "--plopfile",
        join(app, "plopfile.mjs"),
        ...args,
      ],
      app,
    );

  it("dagger-stack and dagger-service run the tool's planner from plop.load('create-dagger-stack/plop')", () => {
    const app = join(project, "plop-app");
    mustRun("mkdir", [app], project);
    const plopfile = 'export default async (plop) => {\n  await plop.load("create-dagger-stack/plop");\n};\n';
    writeFileSync(join(app, "plopfile.mjs"), plopfile);

    const created = plop(app, ["dagger-stack", "my-app", "postgres"]);
    expect(created.code, created.stderr).toBe(0);
    expect(serviceNames(app)).toEqual(["postgres"]);
    expect(readFileSync(join(app, "stack", "stack.ts"), "utf8")).toContain("buildPostgres");

    const dryRun = plop(app, ["dagger-service", "redis", "--", "--dry-run", "yes"]);
    expect(dryRun.code, dryRun.stderr).toBe(0);
    expect(dryRun.stdout).toContain("Would add to the stack");
    expect(serviceNames(app)).toEqual(["postgres"]);

    const grown = plop(app, ["dagger-service", "redis"]);
    expect(grown.code, grown.stderr).toBe(0);
    expect(serviceNames(app)).toEqual(["postgres", "redis"]);
    expect(readFileSync(join(app, "stack", "stack.ts"), "utf8")).toContain("buildRedis");

    const again = plop(app, ["dagger-service", "redis"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("Nothing to change");
  });

  it("a run the tool refuses fails the plop run with the tool's message, writing nothing", () => {
    const app = join(project, "plop-empty");
    mustRun("mkdir", [app], project);
    writeFileSync(
      join(app, "plopfile.mjs"),
      'export default (plop) => plop.load("create-dagger-stack/plop");\n',
    );
    const refused = plop(app, ["dagger-service", "redis"]);
    expect(refused.code).toBe(1);
    expect(`${refused.stdout}${refused.stderr}`).toContain("dagger-stack.json");
    expect(existsSync(join(app, "dagger-stack.json"))).toBe(false);
  });
});

describe("package checks", () => {
  it("publint finds nothing to report", () => {
    const result = mustRun(process.execPath, [tool("publint", "publint"), "run", tarball, "--strict"], ROOT);
    expect(result.stdout).toContain("All good!");
  });

  it("Are the Types Wrong finds no problem in the plop entry's types for ESM consumers", () => {
    const attw = tool("@arethetypeswrong/cli", "attw");
    const result = run(process.execPath, [attw, tarball, "--profile", "esm-only", "--format", "json"], ROOT);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // The package is ESM only: `require()` from CommonJS is the one thing it leaves to Node (>= 20.19 can).
    const report = JSON.parse(result.stdout) as { problems: Record<string, { resolutionKind: string }[]> };
    const problems = Object.values(report.problems).flat();
    expect(problems.filter((problem) => problem.resolutionKind !== "node16-cjs")).toEqual([]);
  });
});

/** A dev dependency's command, run with this Node rather than through npx. */
function tool(pkg: string, command: string): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as {
    bin: string | Record<string, string>;
  };
  const path = typeof manifest.bin === "string" ? manifest.bin : manifest.bin[command];
  if (!path) throw new Error(`${pkg} has no ${command} command`);
  return join(ROOT, "node_modules", pkg, path);
}
