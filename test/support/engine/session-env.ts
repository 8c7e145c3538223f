import type { EngineStandIn } from "./types.js";

const SESSION_VARS = ["DAGGER_SESSION_PORT", "DAGGER_SESSION_TOKEN"] as const;

/**
 * Points SDK calls in this process at the stand-in (the SDK reads the variables on each connect).
 * Returns a function restoring the previous values.
 */
export function useSessionEnv(standIn: Pick<EngineStandIn, "env">): () => void {
  const previous = SESSION_VARS.map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, standIn.env);
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * The environment for a child process whose SDK calls should reach the stand-in, e.g. `npx vitest run`
 * in a generated project: session variables set, and OpenTelemetry variables dropped so the SDK sends
 * no telemetry (a parent running under `dagger run` has them set).
 */
export function childProcessEnv(
  standIn: Pick<EngineStandIn, "env">,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const kept = Object.entries(base).filter(([name]) => !name.startsWith("OTEL_") && name !== "TRACEPARENT");
  return { ...Object.fromEntries(kept), ...standIn.env };
}
