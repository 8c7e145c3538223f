import type { SourceService } from "./model.js";

/** One variable of a container's environment and the key that set it. */
export interface EnvironmentEntry {
  name: string;
  /** null: named without a value, so compose passes the shell's (none is known here). */
  value: string | null;
  key: string;
}

/**
 * A service's environment as compose builds it: each found env_file in order, then `environment`, later
 * values winning. Each variable keeps the key that set its final value; a workflow service's `env` is
 * reported under its own name.
 */
export function environmentEntries(source: SourceService): EnvironmentEntry[] {
  const entries = new Map<string, EnvironmentEntry>();
  for (const file of source.config.env_file ?? []) {
    for (const [name, value] of Object.entries(file.values ?? {})) {
      entries.set(name, { name, value, key: "env_file" });
    }
  }
  const key = source.origin === "github-actions" ? "env" : "environment";
  for (const [name, value] of Object.entries(source.config.environment ?? {})) {
    entries.delete(name);
    entries.set(name, { name, value, key });
  }
  return [...entries.values()];
}
