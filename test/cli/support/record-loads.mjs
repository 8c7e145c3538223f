// `node --import ./record-loads.mjs ...` logs the URL of every module the process loads to the file named
// by CDS_LOAD_LOG, one per line; the startup test reads it to see what a run pulled in. ES modules are seen
// by a loader hook; the CLI's own scripts (dist/cli/, compiled by src/load/scripts.ts) by vm.Script, which
// the loader reads from node:vm's exports each time it compiles one.
import { appendFileSync } from "node:fs";
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import vm from "node:vm";

register("./record-loads-hooks.mjs", import.meta.url);

const log = process.env.CDS_LOAD_LOG;
if (log) {
  const Script = vm.Script;
  vm.Script = class RecordedScript extends Script {
    constructor(code, options) {
      super(code, options);
      if (options?.filename) appendFileSync(log, `${pathToFileURL(options.filename).href}\n`);
    }
  };
}
