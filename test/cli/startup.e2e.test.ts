import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BUILD_META, ensureBuilt, ROOT, runCli } from "./support/built-cli.js";
import { Folders } from "./support/tree.js";

/**
 * `create` must start like create-vite: the non-interactive path never loads ts-morph, the Dagger SDK,
 * the prompt library or the diff printer. Each run records the modules it loads; the build's metafile
 * says which source files and packages each dist chunk holds.
 */
const HOOK = pathToFileURL(join(import.meta.dirname, "support", "record-loads.mjs")).href;
const FAKE_TTY = pathToFileURL(join(import.meta.dirname, "support", "stdin-is-a-tty.mjs")).href;
const folders = new Folders();

interface BuildMeta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

/** Every package and source file the run loaded, as `node_modules/<pkg>/...` or `src/...` paths. */
function loadedInputs(args: string[], { intoFolder = true, nodeArgs = [] as string[] } = {}): string[] {
  const dir = folders.fresh();
  const log = join(dir, "loads.log");
  const result = runCli([...(intoFolder ? [join(dir, "out")] : []), ...args], {
    nodeArgs: ["--import", HOOK, ...nodeArgs],
    env: { CDS_LOAD_LOG: log },
  });
  expect([0, 130]).toContain(result.code);
  const urls = readFileSync(log, "utf8")
    .split("\n")
    .filter((url) => url.startsWith("file:"));
  const meta = JSON.parse(readFileSync(BUILD_META, "utf8")) as BuildMeta;
  return urls.flatMap((url) => {
    const path = relative(ROOT, new URL(url).pathname);
    return path.startsWith("dist/") ? Object.keys(meta.outputs[path]?.inputs ?? {}) : [path];
  });
}

const HEAVY = [
  /node_modules\/ts-morph\//,
  /node_modules\/@dagger\.io\//,
  /node_modules\/@inquirer\//,
  /node_modules\/diff\//,
  /node_modules\/web-tree-sitter\//,
];

describe("start-up path", () => {
  it("--yes --services postgres,redis loads none of ts-morph, @dagger.io/dagger, @inquirer/prompts, diff", () => {
    const inputs = loadedInputs(["--yes", "--services", "postgres,redis"]);
    expect(inputs).toContain("src/cli/create/run.ts");
    expect(inputs.filter((input) => HEAVY.some((pattern) => pattern.test(input)))).toEqual([]);
    expect(inputs.filter((input) => input.startsWith("src/cli/prompts/flow"))).toEqual([]);
  });

  it("--diff loads the diff package (the check above can see it)", () => {
    const inputs = loadedInputs(["--yes", "--services", "redis", "--dry-run", "--diff"]);
    expect(inputs.some((input) => input.startsWith("node_modules/diff/"))).toBe(true);
  });

  it("a prompt loads @inquirer/prompts (the check above can see it)", () => {
    // A pretend terminal on stdin: --interactive refuses to prompt without one.
    const inputs = loadedInputs(["--interactive"], { nodeArgs: ["--import", FAKE_TTY] });
    expect(inputs.some((input) => input.startsWith("node_modules/@inquirer/prompts/"))).toBe(true);
  });

  it("create loads zod, but not its JSON Schema code, which only `schema` loads", () => {
    const jsonSchema = (input: string) =>
      /node_modules\/zod\/v4\/core\/(to-json-schema|json-schema)/.test(input);
    const created = loadedInputs(["--yes", "--services", "postgres"]);
    expect(created.some((input) => input.startsWith("node_modules/zod/"))).toBe(true);
    expect(created.filter(jsonSchema)).toEqual([]);
    expect(loadedInputs(["schema"], { intoFolder: false }).some(jsonSchema)).toBe(true);
  });

  it("a TypeScript create loads the TypeScript templates only, not Python's nor the migration's", () => {
    const inputs = loadedInputs(["--yes", "--services", "postgres"]);
    const templates = inputs.filter((input) => input.startsWith("templates/"));
    expect(templates).toContain("templates/typescript/stack/stack.ts.hbs");
    expect(templates.filter((input) => !input.startsWith("templates/typescript/"))).toEqual([]);
    expect(templates.filter((input) => /^templates\/typescript\/(migrate|module)\//.test(input))).toEqual([]);
  });

  it("a Python create loads the Python templates (the check above can see another language's)", () => {
    const inputs = loadedInputs(["--yes", "--services", "postgres", "--lang", "python"]);
    expect(inputs).toContain("templates/python/tests/dagger_modules/stack.py.hbs");
  });

  it("semver loads only when a package.json has ranges to check", () => {
    const semver = (inputs: string[]) => inputs.some((input) => input.startsWith("node_modules/semver/"));
    expect(semver(loadedInputs(["--yes", "--services", "postgres"]))).toBe(false);
    const project = folders.fresh();
    writeFileSync(
      join(project, "package.json"),
      '{ "name": "app", "devDependencies": { "vitest": "^1.0.0" } }\n',
    );
    expect(semver(loadedInputs([project, "--yes", "--services", "postgres"], { intoFolder: false }))).toBe(
      true,
    );
  });

  it("--help loads neither the planner nor the templates", () => {
    const inputs = loadedInputs(["--help"]);
    expect(inputs.filter((input) => input.startsWith("src/plan/") || input.includes("handlebars"))).toEqual(
      [],
    );
  });
});
