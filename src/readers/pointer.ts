/** JSON pointers (RFC 6901), the path format Ajv reports errors with, used here for every position. */

export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`;
}

export function pointerOf(...keys: readonly (string | number)[]): string {
  return keys.reduce<string>((pointer, key) => childPointer(pointer, key), "");
}

export function pointerKeys(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * Whether a path of keys matches a dotted pattern in which `*` is any key and `[]` any list index, the
 * notation compose-go uses for its per-path rules.
 */
export function pathMatches(pattern: readonly string[], keys: readonly string[]): boolean {
  if (pattern.length !== keys.length) return false;
  return pattern.every((part, index) => {
    const key = keys[index] ?? "";
    if (part === "*") return true;
    if (part === "[]") return /^\d+$/.test(key);
    return part === key;
  });
}
