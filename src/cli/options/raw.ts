import { choicesHint } from "../../util/did-you-mean.js";
import type { RawService, RawSpec } from "./types.js";
import { FlagValueError } from "./values.js";

/** Helpers over the raw spec, which may hold anything a spec file contained. */
export function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

export function rawServices(raw: RawSpec): RawService[] {
  return Array.isArray(raw.services) ? raw.services.map(asObject) : [];
}

export function serviceNames(raw: RawSpec): string[] {
  return rawServices(raw).map((service) => String(service.name ?? ""));
}

/** A service by name, or by kind when exactly one service has that kind. */
export function findServiceIndex(raw: RawSpec, name: string, example: string): number {
  const names = serviceNames(raw);
  const byName = names.indexOf(name);
  if (byName >= 0) return byName;
  const byKind = rawServices(raw).flatMap((service, index) => (service.kind === name ? [index] : []));
  if (byKind.length === 1 && byKind[0] !== undefined) return byKind[0];
  const hint = names.length > 0 ? choicesHint(name, names) : "add it with --services first";
  throw new FlagValueError(`no service named "${name}"`, `${hint}; e.g. ${example}`);
}

export function clone(raw: RawSpec): RawSpec {
  return structuredClone(raw);
}
