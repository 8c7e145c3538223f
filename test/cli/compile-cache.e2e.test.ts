import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, snapshotTree } from "./support/tree.js";

/**
 * The built CLI keeps V8's compiled code of its scripts between runs (src/load/), where NODE_COMPILE_CACHE
 * says, as Node 22's own compile cache does: written by the first run, only read by the next.
 */
const folders = new Folders();
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

function create(cache: string, extraEnv: Record<string, string> = {}) {
  const result = runCli([join(folders.fresh(), "app"), "--yes", "--services", "postgres"], {
    env: { NODE_COMPILE_CACHE: cache, ...extraEnv },
  });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
}

/** The one build folder a run made, and the scripts cached in it. */
function cached(cache: string): { folder: string; scripts: string[] } {
  const [build, ...others] = readdirSync(cache);
  expect(others).toEqual([]);
  const folder = join(cache, build ?? "");
  return { folder, scripts: readdirSync(folder) };
}

describe("the code cache", () => {
  it("the first create fills it with the scripts it ran; a second one reads it and writes nothing", () => {
    const cache = join(folders.fresh(), "cache");
    create(cache);
    const { folder, scripts } = cached(cache);
    expect(scripts).toContain("main.cjs");
    expect(scripts).toContain("templates-typescript.cjs");
    expect(scripts.some((name) => name.startsWith("templates-python"))).toBe(false);
    const before = snapshotTree(folder);
    create(cache);
    expect(snapshotTree(folder)).toEqual(before);
  });

  it("a damaged entry is compiled afresh and replaced", () => {
    const cache = join(folders.fresh(), "cache");
    create(cache);
    const { folder } = cached(cache);
    writeFileSync(join(folder, "main.cjs"), "damaged");
    create(cache);
    const replaced = readFileSync(join(folder, "main.cjs"));
    expect(replaced.toString("latin1")).not.toBe("damaged");
    expect(replaced.length).toBeGreaterThan(1000);
  });

  it("NODE_DISABLE_COMPILE_CACHE=1 turns it off", () => {
    const cache = join(folders.fresh(), "cache");
    create(cache, { NODE_DISABLE_COMPILE_CACHE: "1" });
    expect(existsSync(cache)).toBe(false);
  });
});
