import { fileURLToPath } from "node:url";
import type { CliContext } from "./cli/context.js";
import { openCodeCache } from "./load/code-cache.js";
import { type ScriptLoader, scriptLoader } from "./load/scripts.js";

/**
 * The published CLI's main(), for the bin and the plop plugin: the bundle's scripts (dist/cli/) loaded with
 * V8's cached code, so a second `create` skips compiling what the first one compiled.
 */
declare const CDS_BUILD_ID: string; // scripts/build.mjs: a hash of dist/cli/'s scripts

type Main = (ctx: CliContext) => Promise<number>;

let loader: ScriptLoader | undefined;

export async function main(ctx: CliContext): Promise<number> {
  loader ??= scriptLoader(
    openCodeCache({
      buildId: CDS_BUILD_ID,
      env: process.env,
      nodeVersion: process.version,
      uid: process.getuid?.(),
    }),
  );
  const cli = loader.load(fileURLToPath(new URL("./cli/main.cjs", import.meta.url))) as { main: Main };
  try {
    return await cli.main(ctx);
  } finally {
    loader.saveCache();
  }
}
