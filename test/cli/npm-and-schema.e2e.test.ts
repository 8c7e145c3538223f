import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ensureBuilt, ROOT, runCli } from "./support/built-cli.js";
import { schemaErrors } from "./support/json-schema.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

const SPECS = join(ROOT, "test", "fixtures", "specs");
const FIXTURES = readdirSync(SPECS).filter((file) => file.endsWith(".yaml"));
const folders = new Folders();
const freshDir = () => folders.fresh();

beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

describe("npm create without --", () => {
  const npmEnv = { npm_command: "init", npm_config_user_agent: "npm/10.9.2 node/v20.19.0 linux x64" };

  it("stops and shows the command with -- when npm kept our flags", () => {
    const root = freshDir();
    const env = {
      ...npmEnv,
      npm_config_services: "postgres",
      npm_config_dry_run: "true",
      npm_config_yes: "true",
    };
    const result = runCli(["my-app"], { cwd: root, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "--services: npm kept this flag for itself (it is in npm_config_services)",
    );
    expect(result.stderr).toContain("--dry-run: npm kept this flag");
    expect(result.stderr).toContain(
      "hint: run: npm create dagger-stack@latest -- my-app --services postgres --dry-run\n",
    );
    expect(result.stderr).not.toContain("--yes");
    expect(snapshotTree(root)).toEqual({ "./": expect.any(String) });
  });

  it("runs when the flags arrived (npm's own config in the env is not ours)", () => {
    const root = freshDir();
    const env = {
      ...npmEnv,
      npm_config_yes: "true",
      npm_config_cache: "/tmp/npm-cache",
      npm_config_services: "postgres",
    };
    const result = runCli(["my-app", "--services", "postgres"], { cwd: root, env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("schema", () => {
  let schema: Record<string, unknown> = {};
  beforeAll(() => {
    schema = JSON.parse(runCli(["schema"]).stdout);
  });

  it("is a JSON Schema", () => {
    expect(schema.$schema).toMatch(/json-schema\.org/);
    expect(schema.type).toBe("object");
  });

  it.each(FIXTURES)("accepts the fixture %s", (file) => {
    expect(schemaErrors(schema, parse(readFileSync(join(SPECS, file), "utf8")))).toEqual([]);
  });

  it("rejects specs with unknown fields or wrong types", () => {
    expect(schemaErrors(schema, { name: "x", services: [], colour: "red" })).not.toEqual([]);
    expect(
      schemaErrors(schema, { name: "x", services: [{ name: "a", kind: "redis", port: "high" }] }),
    ).not.toEqual([]);
    expect(schemaErrors(schema, { services: [] })).not.toEqual([]);
  });
});

describe("every fixture spec through --spec", () => {
  it.each(FIXTURES)("%s generates, then a second run changes nothing", (file) => {
    const root = freshDir();
    const first = runCli([root, "--spec", join(SPECS, file)]);
    // The fixtures' backends have no code in a fresh folder: the only thing said on stderr is that.
    const otherErrors = first.stderr
      .split("\n")
      .filter((line) => line && !/^warning: \S+ is built from/.test(line));
    expect(otherErrors).toEqual([]);
    expect(first.code).toBe(0);
    const name = (parse(readFileSync(join(SPECS, file), "utf8")) as { name: string }).name;
    expect(JSON.parse(readText(root, "dagger-stack.json")).spec.name).toBe(name);
    const before = snapshotTree(root);
    const second = runCli([root, "--spec", join(SPECS, file)]);
    expect(second.stdout).toContain("Nothing to change");
    expect(snapshotTree(root)).toEqual(before);
  });
});
