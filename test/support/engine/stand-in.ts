import { randomBytes } from "node:crypto";
import { Engine } from "./engine.js";
import { loadEngineSchema } from "./schema.js";
import { closeServer, serveEngine } from "./server.js";
import type { EngineStandIn, StandInOptions } from "./types.js";

/**
 * Starts an HTTP server on 127.0.0.1 that answers like a Dagger engine session, for the real SDKs to
 * talk to through `DAGGER_SESSION_PORT`/`DAGGER_SESSION_TOKEN`. Any number of clients may share it.
 */
export async function startEngineStandIn(options: StandInOptions = {}): Promise<EngineStandIn> {
  const engine = new Engine(loadEngineSchema(options.schemaPath), options);
  const token = randomBytes(24).toString("hex");
  const { server, port } = await serveEngine(engine, token);
  options.log?.(`engine stand-in listening on 127.0.0.1:${port}`);
  return {
    port,
    token,
    env: { DAGGER_SESSION_PORT: String(port), DAGGER_SESSION_TOKEN: token },
    pipeline: () => engine.recorder.snapshot(),
    errors: () => engine.errors(),
    secretValues: () => engine.store.secretValues(),
    close: () => closeServer(server),
  };
}
