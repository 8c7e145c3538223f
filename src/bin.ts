#!/usr/bin/env node
import module from "node:module";

// Node 22.1+ can keep the compiled code of the modules loaded below on disk between runs, which saves a
// good part of each start; older Nodes have no such cache. It must be on before main() is imported.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { main } = await import("./cli/main.js");

process.exitCode = await main({
  argv: process.argv.slice(2),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signals: process,
});
