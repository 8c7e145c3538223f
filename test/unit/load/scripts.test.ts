import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import vm from "node:vm";
import { afterEach, describe, expect, it } from "vitest";
import type { CodeCache } from "../../../src/load/code-cache.js";
import { scriptLoader } from "../../../src/load/scripts.js";

const made: string[] = [];
const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A bundle of scripts as the build writes them: CommonJS, requiring each other by relative path. */
function bundle(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "cds-scripts-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every vm.Script made until the test ends (the loader reads vm.Script when it compiles). */
function recordScripts(): vm.Script[] {
  const made: vm.Script[] = [];
  const Script = vm.Script;
  vm.Script = class extends Script {
    constructor(...args: ConstructorParameters<typeof Script>) {
      super(...args);
      made.push(this);
    }
  };
  restores.push(() => {
    vm.Script = Script;
  });
  return made;
}

function memoryCache(): CodeCache & { entries: Map<string, Buffer> } {
  const entries = new Map<string, Buffer>();
  return { entries, read: (name) => entries.get(name), write: (name, data) => entries.set(name, data) };
}

const COUNTER = {
  "main.cjs": [
    'const shared = require("./shared.cjs");',
    "const again = require(require('node:path').join(__dirname, 'shared.cjs'));",
    "shared.count++;",
    "exports.count = () => again.count;",
    "exports.join = (...parts) => require('node:path').join(...parts);",
  ].join("\n"),
  "shared.cjs": "exports.count = 0;",
};

describe("the script loader", () => {
  it("runs a script once however it is required (relative or full path), and hands the rest to Node", () => {
    const dir = bundle(COUNTER);
    const main = scriptLoader(undefined).load(join(dir, "main.cjs")) as {
      count(): number;
      join(...p: string[]): string;
    };
    expect(main.count()).toBe(1);
    expect(main.join("a", "b")).toBe(join("a", "b"));
  });

  it("reads a script with non-ASCII text as UTF-8, and an ASCII one the same", () => {
    const dir = bundle({
      "main.cjs": 'exports.text = "µs — ok"; exports.plain = require("./plain.cjs").text;',
      "plain.cjs": 'exports.text = "ok";',
    });
    const main = scriptLoader(undefined).load(join(dir, "main.cjs")) as { text: string; plain: string };
    expect(main).toEqual({ text: "µs — ok", plain: "ok" });
  });

  it("runs scripts strict, as the ES modules they were made from", () => {
    const dir = bundle({ "main.cjs": "undeclared = 1;" });
    expect(() => scriptLoader(undefined).load(join(dir, "main.cjs"))).toThrow(ReferenceError);
  });

  it("keeps line numbers: an error points at the script's own line", () => {
    const dir = bundle({ "main.cjs": "\n\nthrow new Error('line three');" });
    const error = (() => {
      try {
        scriptLoader(undefined).load(join(dir, "main.cjs"));
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.stack).toContain(`${join(dir, "main.cjs")}:3`);
  });

  it("runs a script that failed again when it is required again, as Node does", () => {
    const dir = bundle({
      "main.cjs": "globalThis.__cdsRuns = (globalThis.__cdsRuns ?? 0) + 1; throw new Error('once');",
    });
    const loader = scriptLoader(undefined);
    expect(() => loader.load(join(dir, "main.cjs"))).toThrow("once");
    expect(() => loader.load(join(dir, "main.cjs"))).toThrow("once");
    expect((globalThis as { __cdsRuns?: number }).__cdsRuns).toBe(2);
  });

  it("saves the code of scripts compiled afresh, and compiles from it the next time", () => {
    const dir = bundle(COUNTER);
    const cache = memoryCache();
    const first = scriptLoader(cache);
    first.load(join(dir, "main.cjs"));
    first.saveCache();
    expect([...cache.entries.keys()].sort()).toEqual(["main.cjs", "shared.cjs"]);

    const compiled = recordScripts();
    scriptLoader(cache).load(join(dir, "main.cjs"));
    expect(compiled.map((script) => script.cachedDataRejected)).toEqual([false, false]);
  });

  it("replaces a cache V8 rejects (another V8, or damaged) and still runs the script", () => {
    const dir = bundle(COUNTER);
    const cache = memoryCache();
    cache.entries.set("main.cjs", Buffer.from("not V8's code cache"));
    const loader = scriptLoader(cache);
    expect((loader.load(join(dir, "main.cjs")) as { count(): number }).count()).toBe(1);
    loader.saveCache();
    expect(cache.entries.get("main.cjs")?.toString()).not.toBe("not V8's code cache");
  });
});
