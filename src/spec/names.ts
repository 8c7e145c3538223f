/** Names derived from a user-given name, for each place it lands in generated code. */
export interface Names {
  /** As given, normalised: `policy-engine`. */
  kebab: string;
  /** `PolicyEngine`: classes and types. */
  pascal: string;
  /** `policyEngine`: TypeScript members. */
  camel: string;
  /** `policy_engine`: Python members. */
  snake: string;
  /** `POLICY_ENGINE`: environment variables. */
  constant: string;
}

/** A service name is a hostname label (RFC 1123, lowercase): no dash at either end. */
export const SERVICE_NAME = /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export function namesOf(name: string): Names {
  const parts = words(name);
  const pascal = parts.map(capitalise).join("");
  return {
    kebab: parts.join("-"),
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    snake: parts.join("_"),
    constant: parts.join("_").toUpperCase(),
  };
}

/** A name suggestion for something the user typed that is not a valid name, e.g. `My App` → `my-app`. */
export function suggestName(input: string): string {
  const ascii = input.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const kebab = words(ascii).join("-");
  return /^[a-z]/.test(kebab) ? kebab : `app-${kebab || "stack"}`;
}
