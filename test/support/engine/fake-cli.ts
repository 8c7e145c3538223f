/**
 * A stand-in for the `dagger` CLI, for SDKs that start their own engine session: `dagger session`
 * prints the session's connection (`{"port", "session_token"}`) on one line, serves until its stdin
 * closes, then exits. Here each session is an engine stand-in of its own, so two clients that each
 * start a session really get two, and a client left on another's session loses it when that one ends.
 *
 * Run by the wrapper `fakeDaggerCli()` writes. Env: STANDIN_REAL_SERVICES (JSON of RealServices),
 * STANDIN_RECORD_DIR (each session writes `<pid>.json`: its pipeline and the errors it answered).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEngineStandIn } from "./stand-in.js";
import type { RealServices } from "./types.js";

async function main(): Promise<void> {
  const [command] = process.argv.slice(2);
  if (command !== "session") {
    process.stderr.write(`fake dagger CLI: only "session" is served, not ${JSON.stringify(command)}\n`);
    process.exitCode = 2;
    return;
  }
  const realServices = JSON.parse(process.env.STANDIN_REAL_SERVICES ?? "{}") as RealServices;
  const engine = await startEngineStandIn({ realServices });
  process.stdout.write(`${JSON.stringify({ port: engine.port, session_token: engine.token })}\n`);
  // The Python SDK ends a session by closing stdin, the TypeScript SDK with SIGTERM.
  process.stdin.resume();
  await new Promise<void>((resolve) => {
    process.stdin.once("end", resolve);
    process.once("SIGTERM", resolve);
  });
  const recordDir = process.env.STANDIN_RECORD_DIR;
  if (recordDir) {
    const record = { pipeline: engine.pipeline(), errors: engine.errors() };
    writeFileSync(join(recordDir, `${process.pid}.json`), JSON.stringify(record));
  }
  await engine.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`fake dagger CLI: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
