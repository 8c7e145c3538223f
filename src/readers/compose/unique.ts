import { pathMatches } from "../pointer.js";
import { isPlainObject } from "./interpolate.js";
import { parseVolumeShort } from "./volumes.js";

/**
 * Compose's uniqueness rules after a merge (compose-go's EnforceUnicity): in these lists a later entry
 * with the same key replaces the earlier one in place. Volumes, secrets and configs are keyed by their
 * target, ports by host IP, published port, target and protocol, `KEY=value` lists by KEY.
 */
type Indexer = (entry: unknown) => string;

const keyOfAssignment: Indexer = (entry) => String(entry).split("=")[0] ?? "";
const itself: Indexer = (entry) => String(entry);

const volumeTarget: Indexer = (entry) => {
  if (isPlainObject(entry)) return String(entry.target ?? "");
  return typeof entry === "string" ? parseVolumeShort(entry).target : "";
};

const deviceTarget: Indexer = (entry) => {
  if (isPlainObject(entry)) return String(entry.target ?? "");
  const parts = String(entry).split(":");
  return parts[1] ?? parts[0] ?? "";
};

const mountTarget =
  (folder: string): Indexer =>
  (entry) => {
    if (isPlainObject(entry)) return String(entry.target ?? `${folder}/${String(entry.source)}`);
    return `${folder}/${String(entry)}`;
  };

const portKey: Indexer = (entry) => {
  if (!isPlainObject(entry)) return String(entry);
  const host = entry.host_ip ?? "0.0.0.0";
  return `${String(host)}:${String(entry.published ?? "")}:${String(entry.target)}/${String(entry.protocol ?? "tcp")}`;
};

const envFilePath: Indexer = (entry) => (isPlainObject(entry) ? String(entry.path ?? "") : String(entry));

const UNIQUE: ReadonlyArray<readonly [string[], Indexer]> = (
  [
    ["networks.*.labels", keyOfAssignment],
    ["networks.*.ipam.options", keyOfAssignment],
    ["services.*.annotations", keyOfAssignment],
    ["services.*.build.args", keyOfAssignment],
    ["services.*.build.additional_contexts", keyOfAssignment],
    ["services.*.build.platform", keyOfAssignment],
    ["services.*.build.tags", keyOfAssignment],
    ["services.*.build.labels", keyOfAssignment],
    ["services.*.cap_add", keyOfAssignment],
    ["services.*.cap_drop", keyOfAssignment],
    ["services.*.devices", deviceTarget],
    ["services.*.configs", mountTarget("")],
    ["services.*.deploy.labels", keyOfAssignment],
    ["services.*.dns", keyOfAssignment],
    ["services.*.dns_opt", keyOfAssignment],
    ["services.*.dns_search", keyOfAssignment],
    ["services.*.environment", keyOfAssignment],
    ["services.*.env_file", envFilePath],
    ["services.*.expose", itself],
    ["services.*.labels", keyOfAssignment],
    ["services.*.links", keyOfAssignment],
    ["services.*.networks.*.aliases", keyOfAssignment],
    ["services.*.networks.*.link_local_ips", keyOfAssignment],
    ["services.*.ports", portKey],
    ["services.*.profiles", keyOfAssignment],
    ["services.*.secrets", mountTarget("/run/secrets")],
    ["services.*.sysctls", keyOfAssignment],
    ["services.*.tmpfs", keyOfAssignment],
    ["services.*.volumes", volumeTarget],
  ] as const
).map(([pattern, indexer]) => [pattern.split("."), indexer] as const);

const LAST_KEYS = new Set(UNIQUE.map(([pattern]) => pattern.at(-1) ?? ""));

export function uniqueEntries(value: Record<string, unknown>): Record<string, unknown> {
  return unique(value, []) as Record<string, unknown>;
}

function unique(value: unknown, path: readonly string[]): unknown {
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, unique(item, [...path, key])]),
    );
  }
  if (!Array.isArray(value) || !LAST_KEYS.has(path.at(-1) ?? "")) return value;
  const indexer = UNIQUE.find(([pattern]) => pathMatches(pattern, path))?.[1];
  return indexer ? dedupe(value, indexer) : value;
}

function dedupe(entries: readonly unknown[], indexer: Indexer): unknown[] {
  const result: unknown[] = [];
  const seen = new Map<string, number>();
  for (const entry of entries) {
    const key = indexer(entry);
    const index = seen.get(key);
    if (index === undefined) {
      seen.set(key, result.length);
      result.push(entry);
    } else {
      result[index] = entry;
    }
  }
  return result;
}
