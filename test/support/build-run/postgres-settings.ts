import { postgresServer } from "../../../src/plan/postgres-server.js";
import { type NormalizedStack, protocolOf } from "../../../src/spec/model.js";

/** An extension whose server setting the one real Postgres cannot honour because another service needs another value. */
export interface SettingConflict {
  service: string;
  extension: string;
  reason: string;
}

export interface PostgresSettingsPlan {
  /** Server settings (`-c name=value`) for the real Postgres, as the catalog asks the generated image to run. */
  settings: Record<string, string>;
  conflicts: SettingConflict[];
}

const PRELOAD = "shared_preload_libraries";

/**
 * The settings every Postgres service's extensions need (catalog `preload` and `settings`, `{database}`
 * filled in), merged for the one real server that stands in for all of them.
 */
export function postgresSettingsFor(stack: NormalizedStack): PostgresSettingsPlan {
  const settings: Record<string, string> = {};
  const preload = new Set<string>();
  const conflicts: SettingConflict[] = [];
  for (const service of stack.services.filter((candidate) => protocolOf(candidate) === "postgres")) {
    // What the generated server runs with (a ready image's own settings win), but only the preloads the
    // extensions need: the real server here lacks the image's own libraries (pg_search).
    const server = postgresServer(service);
    for (const extension of service.extensions) {
      for (const library of extension.preload) preload.add(library);
      for (const name of Object.keys(extension.settings)) {
        const value = server.settings[name] ?? "";
        const taken = settings[name];
        if (taken === undefined || taken === value) settings[name] = value;
        else
          conflicts.push({
            service: service.name,
            extension: extension.id,
            reason: conflictReason(name, taken, value),
          });
      }
    }
  }
  if (preload.size > 0) settings[PRELOAD] = [...preload].join(",");
  return { settings, conflicts };
}

function conflictReason(name: string, taken: string, wanted: string): string {
  return `the one real Postgres here runs with ${name}=${taken} for another service; this one needs ${wanted}`;
}
