/**
 * The environment a generated project's commands run in: the caller's, minus what would make them behave
 * unlike a user's run — the parent Vitest's worker variables (a nested Vitest reads them), npm's
 * per-script variables, and colours (output is matched and shown in reports).
 */
const DROPPED_PREFIXES = ["VITEST", "TINYPOOL", "npm_", "FORCE_COLOR"];

export function projectEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const kept = Object.entries(base).filter(
    ([name]) => !DROPPED_PREFIXES.some((prefix) => name.startsWith(prefix)),
  );
  return { ...Object.fromEntries(kept), NO_COLOR: "1", CI: "1" };
}
