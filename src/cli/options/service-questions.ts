import { POSTGRES_EXTENSIONS } from "../../spec/catalog/extensions.js";
import { findKind, type ServiceKind } from "../../spec/catalog/services.js";
import { namesOf } from "../../spec/names.js";
import type { Choice, Question } from "../prompts/question.js";
import { rawServices } from "./raw.js";
import type { ServiceContext } from "./types.js";

/** The prompts for per-service options: choices and defaults come from the catalog, never from lists here. */
export const has = (kind: ServiceKind, option: ServiceKind["options"][number]) =>
  kind.options.includes(option);
export const nameOf = (context: ServiceContext) => String(context.service.name);

export function versionQuestion(context: ServiceContext): Question | undefined {
  const images = Object.entries(context.kind.images ?? {});
  if (images.length < 2) return undefined;
  return {
    type: "select",
    message: `${nameOf(context)}: version`,
    choices: images.map(([version, image]): Choice => ({ value: version, name: `${version} (${image})` })),
    default: context.kind.defaultVersion,
  };
}

export function portQuestion(context: ServiceContext): Question {
  const preferred = context.kind.defaultHostPort;
  if (preferred === undefined) {
    return {
      type: "input",
      message: `${nameOf(context)}: host port (empty: none, it runs as a plain container)`,
    };
  }
  return {
    type: "input",
    message: `${nameOf(context)}: host port`,
    default: String(freePort(context, preferred)),
  };
}

/** The first port from `preferred` up that no other service has claimed. */
function freePort({ raw, index }: ServiceContext, preferred: number): number {
  const taken = new Set(rawServices(raw).flatMap((service, at) => (at !== index ? [service.port] : [])));
  let port = preferred;
  while (taken.has(port)) port++;
  return port;
}

export function extensionsQuestion(context: ServiceContext): Question | undefined {
  if (!has(context.kind, "extensions")) return undefined;
  const major = Number(context.service.version ?? context.kind.defaultVersion);
  return {
    type: "checkbox",
    message: `${nameOf(context)}: Postgres extensions`,
    choices: POSTGRES_EXTENSIONS.map((extension) => ({
      value: extension.id,
      name: extension.title,
      ...(!extension.majors.includes(major) && { disabled: `not available for postgres ${major}` }),
    })),
  };
}

export function packagesQuestion(context: ServiceContext, what: string): Question | undefined {
  if (!has(context.kind, "packages")) return undefined;
  return { type: "input", message: `${nameOf(context)}: ${what}, comma-separated (empty: none)` };
}

export function healthPathQuestion(context: ServiceContext): Question | undefined {
  if (!has(context.kind, "healthPath") || !listens(context.service, context.kind)) return undefined;
  const fallback = context.kind.healthPath;
  const message = `${nameOf(context)}: HTTP health path${fallback ? "" : " (empty: check the port only)"}`;
  return { type: "input", message, default: fallback };
}

/**
 * Asked only for services built from your own code; catalog images do not wait for anything. The data
 * services (catalog images: databases, caches, stores) start checked: waiting for one is what gives the
 * container its `<NAME>_URL`, and a backend without its database URL is rarely what anyone wants.
 */
export function dependsOnQuestion(context: ServiceContext): Question | undefined {
  if (context.kind.source === "image") return undefined;
  const candidates = rawServices(context.raw).filter(
    (service, index) => index !== context.index && listens(service, findKind(String(service.kind))),
  );
  if (candidates.length === 0) return undefined;
  return {
    type: "checkbox",
    message: `${nameOf(context)}: services it waits for (each one it waits for gives it a <NAME>_URL variable)`,
    choices: candidates.map((service) => ({
      value: String(service.name),
      name: `${String(service.name)} (${namesOf(String(service.name)).constant}_URL)`,
      checked: findKind(String(service.kind))?.source === "image",
    })),
  };
}

export function listens(service: Record<string, unknown>, kind: ServiceKind | undefined): boolean {
  return kind?.containerPort !== undefined || typeof service.port === "number";
}
