import { isAscii } from "node:buffer";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import vm from "node:vm";
import type { CodeCache } from "./code-cache.js";

/**
 * Runs the CLI's bundle: CommonJS scripts that scripts/build.mjs makes from esbuild's ES module chunks, so
 * each can be compiled with `vm.Script` and V8's cached code from the last run instead of from scratch.
 * A script's require() of a relative or full path names another script of the bundle (loaded once, like a
 * module); anything else (Node's built-ins, ts-morph) goes to Node's own require.
 */
export interface ScriptLoader {
  load(file: string): unknown;
  /** Keeps the compiled code of the scripts this run compiled afresh, functions compiled so far included. */
  saveCache(): void;
}

interface LoadedScript {
  exports: unknown;
}

// The same parameters Node's CommonJS wrapper gives a module; on the first line, so line numbers hold.
// Strict, as the ES modules the scripts were made from are.
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) { "use strict"; ';
const WRAPPER_END = "\n})";

/** ASCII (what esbuild writes, mostly) is decoded as Latin-1: the same text, without UTF-8's checks. */
function readText(file: string): string {
  const bytes = readFileSync(file);
  return isAscii(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}

export function scriptLoader(cache: CodeCache | undefined): ScriptLoader {
  const loaded = new Map<string, LoadedScript>();
  let unsaved: Array<{ name: string; script: vm.Script }> = [];

  function load(file: string): unknown {
    const known = loaded.get(file);
    if (known) return known.exports;
    const module: LoadedScript = { exports: {} };
    loaded.set(file, module);
    const name = basename(file);
    const cachedData = cache?.read(name);
    const script = new vm.Script(WRAPPER_START + readText(file) + WRAPPER_END, {
      filename: file,
      cachedData,
    });
    if (cache && (!cachedData || script.cachedDataRejected)) unsaved.push({ name, script });
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    try {
      run.call(module.exports, module.exports, requireFrom(file), module, file, dirname(file));
    } catch (error) {
      loaded.delete(file); // as Node does: a script that failed is run again if required again
      throw error;
    }
    return module.exports;
  }

  function requireFrom(file: string): (specifier: string) => unknown {
    const nodeRequire = createRequire(file);
    return (specifier) =>
      specifier.startsWith(".") || isAbsolute(specifier)
        ? load(resolve(dirname(file), specifier))
        : nodeRequire(specifier);
  }

  function saveCache(): void {
    for (const { name, script } of unsaved) cache?.write(name, script.createCachedData());
    unsaved = [];
  }

  return { load, saveCache };
}
