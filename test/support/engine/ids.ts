import { createHash } from "node:crypto";

const ID_PREFIX = "standin";

/**
 * IDs are content addresses: the same call on the same receiver yields the same ID, as in the engine.
 * They are base64 like the engine's (never all digits) and reveal nothing about their arguments.
 */
export function objectId(typeName: string, ...parts: string[]): string {
  return Buffer.from(`${ID_PREFIX}:${typeName}:${digest(parts.join("\u0000"))}`).toString("base64");
}

export function digest(text: string, length = 32): string {
  return createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** JSON with object keys sorted, so equal arguments always hash the same. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    const entries = Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
    return Object.fromEntries(entries);
  });
}
