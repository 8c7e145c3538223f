import { pathMatches, pointerKeys } from "../pointer.js";

/**
 * After substitution every value is a string; compose turns these back into the numbers and booleans its
 * schema expects (compose-go's interpolateTypeCastMapping), so `retries: ${RETRIES}` validates. `*` is
 * any key, `[]` any list index.
 */
export type Cast = (text: string) => number | boolean | undefined;

const integer: Cast = (text) => (/^[+-]?\d+$/.test(text.trim()) ? Number.parseInt(text, 10) : undefined);
const float: Cast = (text) =>
  text.trim() !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined;
const boolean: Cast = (text) => {
  const lower = text.toLowerCase();
  if (["true", "y", "yes", "on"].includes(lower)) return true;
  if (["false", "n", "no", "off"].includes(lower)) return false;
  return undefined;
};

export const CAST_NAMES = new Map<Cast, string>([
  [integer, "a whole number"],
  [float, "a number"],
  [boolean, "true or false"],
]);

const SERVICE_CASTS: ReadonlyArray<readonly [string, Cast]> = [
  ["cpu_count", integer],
  ["cpu_percent", float],
  ["cpu_period", integer],
  ["cpu_quota", integer],
  ["cpu_rt_period", integer],
  ["cpu_rt_runtime", integer],
  ["cpus", float],
  ["cpu_shares", integer],
  ["init", boolean],
  ["depends_on.*.required", boolean],
  ["depends_on.*.restart", boolean],
  ["deploy.replicas", integer],
  ["deploy.update_config.parallelism", integer],
  ["deploy.update_config.max_failure_ratio", float],
  ["deploy.rollback_config.parallelism", integer],
  ["deploy.rollback_config.max_failure_ratio", float],
  ["deploy.restart_policy.max_attempts", integer],
  ["deploy.placement.max_replicas_per_node", integer],
  ["healthcheck.retries", integer],
  ["healthcheck.disable", boolean],
  ["oom_kill_disable", boolean],
  ["oom_score_adj", integer],
  ["pids_limit", integer],
  ["ports.[].target", integer],
  ["privileged", boolean],
  ["read_only", boolean],
  ["scale", integer],
  ["stdin_open", boolean],
  ["tty", boolean],
  ["ulimits.*", integer],
  ["ulimits.*.hard", integer],
  ["ulimits.*.soft", integer],
  ["volumes.[].read_only", boolean],
  ["volumes.[].volume.nocopy", boolean],
];

const TOP_LEVEL_CASTS: ReadonlyArray<readonly [string, Cast]> = [
  ["networks.*.external", boolean],
  ["networks.*.internal", boolean],
  ["networks.*.attachable", boolean],
  ["networks.*.enable_ipv4", boolean],
  ["networks.*.enable_ipv6", boolean],
  ["volumes.*.external", boolean],
  ["secrets.*.external", boolean],
  ["configs.*.external", boolean],
];

const CASTS: ReadonlyArray<readonly [readonly string[], Cast]> = [
  ...SERVICE_CASTS.map(([path, cast]) => [["services", "*", ...path.split(".")], cast] as const),
  ...TOP_LEVEL_CASTS.map(([path, cast]) => [path.split("."), cast] as const),
];

/** The last key of every pattern: most values are ruled out by it without splitting their pointer. */
const LAST_KEYS = new Set(CASTS.map(([pattern]) => pattern.at(-1)));

export function castFor(pointer: string): Cast | undefined {
  const last = pointer.slice(pointer.lastIndexOf("/") + 1);
  if (!LAST_KEYS.has(last) && !/^\d+$/.test(last) && !pointer.startsWith("/services/")) return undefined;
  const keys = pointerKeys(pointer);
  return CASTS.find(([pattern]) => pathMatches(pattern, keys))?.[1];
}
