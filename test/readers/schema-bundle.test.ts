import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { COMPOSE_SCHEMA, precompileComposeSchema } from "../../scripts/precompile-compose-schema.mjs";

/**
 * The published CLI cannot read ../shared and does not ship Ajv's compiler: the build replaces the
 * validator module with code generated from the vendored schema. These tests bundle the readers the
 * way scripts/build.mjs does, into a folder with no node_modules above it, and run the bundle.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const SHARED_SCHEMA = join(ROOT, "..", "shared", "compose", "compose-spec.json");
const folder = mkdtempSync(join(tmpdir(), "readers-bundle-"));

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("the compose schema at run time", () => {
  it.skipIf(!existsSync(SHARED_SCHEMA))("the vendored schema is the one in ../shared/compose", () => {
    expect(readFileSync(join(ROOT, COMPOSE_SCHEMA), "utf8")).toBe(readFileSync(SHARED_SCHEMA, "utf8"));
  });

  it("the bundled readers validate with precompiled code, without Ajv's compiler or the schema file", async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: ["src/readers/index.ts"],
      outfile: join(folder, "readers.mjs"),
      bundle: true,
      format: "esm",
      platform: "node",
      target: "node20",
      banner: {
        js: 'import { createRequire as __r } from "node:module"; const require = __r(import.meta.url);',
      },
      plugins: [precompileComposeSchema({ root: ROOT })],
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes("ajv/dist/compile/"))).toEqual([]);
    expect(inputs).not.toContain("src/readers/compose/schema-validator.ts");
    // Reading a project needs neither the renderers nor Handlebars: migrate's chunk stays small.
    expect(
      inputs.filter((input) => /^(src\/(plan|render)\/|node_modules\/handlebars\/)/.test(input)),
    ).toEqual([]);
    expect(readFileSync(join(folder, "readers.mjs"), "utf8")).not.toContain('compose-spec.json"');

    writeFileSync(join(folder, "run.mjs"), RUN_BUNDLE);
    const output = execFileSync(process.execPath, [join(folder, "run.mjs")], {
      cwd: folder,
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([
      {
        path: "compose.yaml:4:5",
        message: 'service "db", key "restart": must be a string',
        hint: "the Compose file reference describes it: https://docs.docker.com/reference/compose-file/services/#restart",
      },
    ]);
  });
});

/** Reads an invalid compose file through the bundle, from memory, and prints the problems. */
const RUN_BUNDLE = `
import { readProjectFiles } from "./readers.mjs";
const files = { "compose.yaml": "services:\\n  db:\\n    image: postgres:16.4\\n    restart: 3\\n" };
const project = {
  read: (path) => files[path],
  kind: (path) => (path in files ? "file" : "missing"),
  list: () => [],
};
try {
  readProjectFiles(project);
  console.log("[]");
} catch (error) {
  console.log(JSON.stringify(error.problems));
}
`;
