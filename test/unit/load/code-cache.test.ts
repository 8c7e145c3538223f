import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCodeCache } from "../../../src/load/code-cache.js";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "cds-code-cache-"));
  made.push(dir);
  return dir;
}

const uid = process.getuid?.();
const options = (base: string, buildId = "0123456789abcdef") => ({
  buildId,
  env: { NODE_COMPILE_CACHE: base },
  nodeVersion: "v20.20.2",
  uid,
});

describe("the code cache", () => {
  it("reads back what it wrote, in a folder per build and Node version that only this user can open", () => {
    const base = join(folder(), "cache");
    openCodeCache(options(base))?.write("main.cjs", Buffer.from("compiled"));
    expect(openCodeCache(options(base))?.read("main.cjs")?.toString()).toBe("compiled");
    const dir = join(base, "0123456789abcdef-v20.20.2");
    expect(readdirSync(dir)).toEqual(["main.cjs"]);
    if (uid !== undefined) {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dir, "main.cjs")).mode & 0o777).toBe(0o600);
    }
  });

  it("has nothing for another build", () => {
    const base = folder();
    openCodeCache(options(base))?.write("main.cjs", Buffer.from("compiled"));
    expect(openCodeCache(options(base, "fedcba9876543210"))?.read("main.cjs")).toBeUndefined();
  });

  it("is off with NODE_DISABLE_COMPILE_CACHE, and makes no folder", () => {
    const base = join(folder(), "cache");
    const cache = openCodeCache({
      ...options(base),
      env: { NODE_COMPILE_CACHE: base, NODE_DISABLE_COMPILE_CACHE: "1" },
    });
    expect(cache).toBeUndefined();
    expect(existsSync(base)).toBe(false);
  });

  it.skipIf(uid === undefined)("is not used in a folder others can write to", () => {
    const base = folder();
    chmodSync(base, 0o777);
    expect(openCodeCache(options(base))).toBeUndefined();
  });

  it.skipIf(uid === undefined)("is not used through a link", () => {
    const base = folder();
    const real = join(base, "real");
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, join(base, "0123456789abcdef-v20.20.2"));
    expect(openCodeCache(options(base))).toBeUndefined();
  });

  it("a new build's first run removes other builds' caches older than a week, and keeps recent ones", () => {
    const base = folder();
    openCodeCache(options(base, "aaaaaaaaaaaaaaaa"))?.write("main.cjs", Buffer.from("old"));
    openCodeCache(options(base, "bbbbbbbbbbbbbbbb"))?.write("main.cjs", Buffer.from("recent"));
    const longAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(join(base, "aaaaaaaaaaaaaaaa-v20.20.2"), longAgo, longAgo);
    mkdirSync(join(base, "not-ours"));
    utimesSync(join(base, "not-ours"), longAgo, longAgo);
    openCodeCache(options(base, "cccccccccccccccc"));
    expect(readdirSync(base).sort()).toEqual([
      "bbbbbbbbbbbbbbbb-v20.20.2",
      "cccccccccccccccc-v20.20.2",
      "not-ours",
    ]);
  });

  it("a write that fails (the folder gone) costs only the cache", () => {
    const base = folder();
    const cache = openCodeCache(options(base));
    rmSync(base, { recursive: true, force: true });
    expect(() => cache?.write("main.cjs", Buffer.from("compiled"))).not.toThrow();
  });
});
