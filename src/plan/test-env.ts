import { type NormalizedStack, serviceByName } from "../spec/model.js";

/**
 * The environment the stack test run gives the project's own tests (`testEnv`), language-neutral: each
 * value as this machine reaches the running stack (host URLs through tunnels), so tests that read
 * DATABASE_URL pass unchanged.
 */
export type TestEnvSource =
  /** The service's URL from this machine (its tunnel). */
  | { type: "hostUrl"; service: string }
  /** The tunnel's host or port. */
  | { type: "hostAddress"; service: string; part: "host" | "port" }
  /** The service's user, password or database, from the config. */
  | { type: "serviceConfig"; service: string; field: string }
  /** A stack secret made at run time. */
  | { type: "stackSecret"; name: string }
  /** A stack secret read from this machine's environment. */
  | { type: "hostVariable"; variable: string };

export interface TestEnvEntry {
  name: string;
  source: TestEnvSource;
}

export function testEnvModel(stack: NormalizedStack): TestEnvEntry[] {
  return stack.testEnv.map((entry): TestEnvEntry => {
    if (entry.type === "secret") {
      const secret = stack.secrets.find((candidate) => candidate.name === entry.secret);
      return {
        name: entry.name,
        source:
          secret && "fromEnv" in secret
            ? { type: "hostVariable", variable: secret.fromEnv }
            : { type: "stackSecret", name: entry.secret },
      };
    }
    const service = serviceByName(stack, entry.reference.service).name;
    const value = entry.reference.value;
    const source: TestEnvSource =
      value === "url"
        ? { type: "hostUrl", service }
        : value === "host" || value === "port"
          ? { type: "hostAddress", service, part: value }
          : { type: "serviceConfig", service, field: value };
    return { name: entry.name, source };
  });
}

/** Whether any value needs the tunnel's host or port on its own. */
export function readsHostAddress(entries: readonly TestEnvEntry[]): boolean {
  return entries.some((entry) => entry.source.type === "hostAddress");
}
