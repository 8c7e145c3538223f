import { words } from "../spec/names.js";
import { RESERVED_NAMES } from "../spec/reserved.js";

/**
 * Compose allows service names such as `db_main` or `API`; in the stack a name is also a hostname and a
 * method name (lowercase letters, digits and -, starting with a letter, not a reserved word). Each
 * project name gets a stack name once, unique among the others.
 */
const VALID = /^[a-z][a-z0-9-]{0,62}$/;

export function stackNames(names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set(names.filter((name) => VALID.test(name) && !RESERVED_NAMES.has(name)));
  for (const name of names) {
    if (taken.has(name)) {
      result.set(name, name);
      continue;
    }
    const base = validName(name);
    let candidate = base;
    for (let suffix = 2; taken.has(candidate); suffix++) candidate = `${base}-${suffix}`;
    taken.add(candidate);
    result.set(name, candidate);
  }
  return result;
}

function validName(name: string): string {
  const kebab = words(name.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))
    .join("-")
    .slice(0, 50);
  const lettered = /^[a-z]/.test(kebab) ? kebab : `service-${kebab || "1"}`;
  return RESERVED_NAMES.has(lettered) ? `${lettered}-service` : lettered;
}
