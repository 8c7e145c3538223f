import { OverrideTag, ResetTag } from "../located-yaml.js";
import { pathMatches } from "../pointer.js";
import { isPlainObject } from "./interpolate.js";

/**
 * Compose's merge of a later file into what earlier files declared (the compose spec's "Merge and
 * override", as compose-go's override package implements it): mappings merge key by key, sequences
 * append, `command`, `entrypoint` and `healthcheck.test` are replaced, and the keys below are first
 * brought to one shape (environment and labels become `KEY=value` lists, depends_on and networks become
 * mappings) so that a list in one file and a mapping in the other still merge. `!reset` removes a key,
 * `!override` replaces it. Duplicates are then removed by uniqueEntries().
 */
type Merger = (base: unknown, override: unknown, path: readonly string[]) => unknown;

const toSequence: Merger = (base, override) => [...asSequence(base), ...asSequence(override)];
const replace: Merger = (_, override) => override;

const SPECIAL: ReadonlyArray<readonly [string[], Merger]> = (
  [
    ["networks.*.labels", toSequence],
    ["volumes.*.labels", toSequence],
    ["services.*.annotations", toSequence],
    ["services.*.build", mergeBuild],
    ["services.*.build.args", toSequence],
    ["services.*.build.additional_contexts", toSequence],
    ["services.*.build.extra_hosts", mergeExtraHosts],
    ["services.*.build.labels", toSequence],
    ["services.*.command", replace],
    ["services.*.depends_on", mergeDependsOn],
    ["services.*.deploy.labels", toSequence],
    ["services.*.dns", toSequence],
    ["services.*.dns_opt", toSequence],
    ["services.*.dns_search", toSequence],
    ["services.*.entrypoint", replace],
    ["services.*.env_file", toSequence],
    ["services.*.label_file", toSequence],
    ["services.*.environment", toSequence],
    ["services.*.extra_hosts", mergeExtraHosts],
    ["services.*.healthcheck.test", replace],
    ["services.*.labels", toSequence],
    ["services.*.volumes.*.volume.labels", toSequence],
    ["services.*.logging", mergeLogging],
    ["services.*.models", mergeAsMappings],
    ["services.*.networks", mergeAsMappings],
    ["services.*.sysctls", toSequence],
    ["services.*.tmpfs", toSequence],
    ["services.*.ulimits.*", replace],
  ] as const
).map(([pattern, merger]) => [pattern.split("."), merger] as const);

export function mergeInto(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
): Record<string, unknown> {
  return mergeMappings(base, override, []);
}

/** A service extending another: the base's keys, with the service's own merged on top. */
export function extendService(
  base: Record<string, unknown>,
  service: Record<string, unknown>,
): Record<string, unknown> {
  return mergeMappings(base, service, ["services", "x"]);
}

function mergeValues(base: unknown, override: unknown, path: readonly string[]): unknown {
  if (override instanceof ResetTag) return undefined;
  if (override instanceof OverrideTag) return stripTags(override.value);
  const special = SPECIAL.find(([pattern]) => pathMatches(pattern, path))?.[1];
  if (special) return special(base, stripTags(override), path);
  if (override === undefined || override === null) return base;
  if (isPlainObject(base) && isPlainObject(override)) return mergeMappings(base, override, path);
  if (Array.isArray(base) && Array.isArray(override)) return [...base, ...(stripTags(override) as unknown[])];
  return stripTags(override);
}

function mergeMappings(
  base: Record<string, unknown>,
  override: Record<string, unknown>,
  path: readonly string[],
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const next = key in merged ? mergeValues(merged[key], value, [...path, key]) : stripTags(value);
    if (next === undefined) delete merged[key];
    else merged[key] = next;
  }
  return merged;
}

/** The value without its tags: `!override` values as written, `!reset` keys and items gone. */
export function stripTags(value: unknown): unknown {
  if (value instanceof ResetTag) return undefined;
  if (value instanceof OverrideTag) return stripTags(value.value);
  if (Array.isArray(value)) return value.map(stripTags).filter((item) => item !== undefined);
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => [key, stripTags(item)] as const);
    return Object.fromEntries(entries.filter(([, item]) => item !== undefined));
  }
  return value;
}

function mergeBuild(base: unknown, override: unknown, path: readonly string[]): unknown {
  const asMapping = (value: unknown) => (typeof value === "string" ? { context: value } : asRecord(value));
  return mergeMappings(asMapping(base), asMapping(override), path);
}

function mergeDependsOn(base: unknown, override: unknown, path: readonly string[]): unknown {
  const started = () => ({ condition: "service_started", required: true });
  return mergeMappings(asMapping(base, started), asMapping(override, started), path);
}

function mergeAsMappings(base: unknown, override: unknown, path: readonly string[]): unknown {
  return mergeMappings(
    asMapping(base, () => null),
    asMapping(override, () => null),
    path,
  );
}

function mergeExtraHosts(base: unknown, override: unknown): unknown {
  const first = asSequence(base);
  return [...first, ...asSequence(override).filter((entry) => !first.includes(entry))];
}

function mergeLogging(base: unknown, override: unknown, path: readonly string[]): unknown {
  const left = asRecord(base);
  const right = asRecord(override);
  const sameDriver = !("driver" in left) || !("driver" in right) || left.driver === right.driver;
  return sameDriver ? mergeMappings(left, right, path) : right;
}

/** A list stays a list; a mapping becomes sorted `KEY=value` entries (`KEY` alone for a null value). */
export function asSequence(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return [value];
  if (!isPlainObject(value)) return [];
  return Object.entries(value)
    .flatMap(([key, item]) => {
      if (item === null || item === undefined) return [key];
      if (Array.isArray(item)) return item.map((each) => `${key}=${String(each)}`);
      return [`${key}=${String(item)}`];
    })
    .sort();
}

function asMapping(value: unknown, initial: () => unknown): Record<string, unknown> {
  if (Array.isArray(value)) return Object.fromEntries(value.map((name) => [String(name), initial()]));
  return asRecord(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}
