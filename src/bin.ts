#!/usr/bin/env node
import module from "node:module";
import { main } from "./main.js";

// Node 22.1+ keeps the compiled code of what Node itself loads (ts-morph, for `add`) on disk between runs;
// the CLI's own scripts have their cache (src/main.ts). It must be on before anything else loads.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// Bundled as CommonJS (dist/bin.cjs): Node starts a CommonJS entry a few milliseconds sooner than an ES
// module, and the built-ins it requires need no ES module wrappers. Hence no top-level await.
void main({
  argv: process.argv.slice(2),
  // A getter: Node builds process.stdin (and loads its stream code) only when a prompt or a TTY check needs it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signals: process,
}).then((code) => {
  process.exitCode = code;
});
