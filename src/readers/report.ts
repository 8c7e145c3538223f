import type { ComposeInventory } from "./compose/model.js";
import type { ReaderWarning } from "./source.js";

/**
 * The migration report's entries, in the JSON shape issue 9 gives for `--report`: every top-level key of
 * every service appears, and a key that is not simply converted says why in `note`. The types make a
 * missing note a compile error; unreportedKeys() makes a missing key a test failure.
 */
export type KeyReport =
  | { key: string; status: "converted"; note?: string }
  | { key: string; status: "approximated" | "dropped"; note: string };

export type ServiceReport =
  | {
      name: string;
      source: string;
      status: "converted";
      kind: string;
      /** Its name in the stack, when the project's name cannot be one (`db_main` → `db-main`). */
      stackName?: string;
      /** For a one-shot job (`run: once`). */
      run?: "once";
      /** For a service proposed from the project's dependencies: what suggested it. */
      evidence?: string[];
      keys: KeyReport[];
    }
  | { name: string; source?: string; status: "skipped"; reason: string };

export interface SecretReport {
  variable: string;
  /** The containers that receive it, by the names the project gives them. */
  usedBy: string[];
  /** generated: made at run time by the stack; host: read from `variable` where the stack runs. */
  source: "generated" | "host";
}

/** A test setup or CI file migrate edited or created (steps 3 and 4). */
export interface FileReport {
  file: string;
  status: "edited" | "created" | "unchanged";
  note?: string;
}

export interface MigrationReport {
  services: ServiceReport[];
  secrets: SecretReport[];
  tests: FileReport[];
  ci: FileReport[];
  warnings: string[];
}

/** The entries of the services compose skips (profiles not selected), straight from the inventory. */
export function skippedServices(compose: ComposeInventory): ServiceReport[] {
  return compose.services
    .filter((service) => service.status === "skipped")
    .map((service) => ({
      name: service.name,
      source: service.declaredAt.file,
      status: "skipped",
      reason: service.reason ?? "skipped",
    }));
}

/**
 * `service.key` for every key of a compose service that the report leaves out: a converted service must
 * report each of its keys, a skipped one must be in the report. Empty when nothing is dropped silently.
 */
export function unreportedKeys(compose: ComposeInventory, report: MigrationReport): string[] {
  const byName = new Map(report.services.map((service) => [service.name, service]));
  return compose.services.flatMap((service) => {
    const entry = byName.get(service.name);
    if (!entry) return [service.name];
    if (entry.status === "skipped") return [];
    const reported = new Set(entry.keys.map((key) => key.key));
    return service.keys.filter((key) => !reported.has(key.key)).map((key) => `${service.name}.${key.key}`);
  });
}

/** A reader warning as one line of the report: `compose.yaml:12: message`. */
export function warningLine(warning: ReaderWarning): string {
  return warning.at ? `${warning.at.file}:${warning.at.line}: ${warning.message}` : warning.message;
}
