import type { PostgresExtension, ReadyImage } from "../spec/catalog/extensions.js";
import type { NormalizedService } from "../spec/model.js";

/**
 * How a Postgres service's server is configured: what its image already does (a ready image such as
 * ParadeDB's has a postgresql.conf of its own) and what the extensions add. Server `-c` flags replace a
 * setting of postgresql.conf outright, and reach the image's init server too, so a preload list keeps the
 * image's own entries, and a setting the image relies on is never passed.
 */
export interface PostgresServer {
  readyImage?: ReadyImage;
  /** Libraries loaded at start: the image's own first, then those the extensions add. */
  preload: string[];
  /** Every setting the server runs with that matters to the extensions; the image's own win. */
  settings: Record<string, string>;
  /** `name=value` settings to pass as `-c` flags: the whole preload list, and what the image does not set. */
  flags: string[];
}

const PRELOAD = "shared_preload_libraries";

export function postgresServer(service: NormalizedService): PostgresServer {
  const readyImage = readyImageOf(service);
  const imagePreload = readyImage?.preloads ?? [];
  const extensionPreload = service.extensions.flatMap((extension) => extension.preload);
  const preload = [...new Set([...imagePreload, ...extensionPreload])];
  const imageSettings = readyImage?.settings ?? {};
  const wanted = Object.fromEntries(
    service.extensions.flatMap((extension) =>
      Object.entries(extension.settings).map(([key, value]) => [
        key,
        value.replace("{database}", service.database ?? ""),
      ]),
    ),
  );
  const settings = { ...wanted, ...imageSettings };
  const flags = Object.keys(wanted)
    .filter((key) => !(key in imageSettings))
    .map((key) => `${key}=${settings[key]}`);
  // Written out whenever an extension needs a preload, even one the image has: the list in the code is
  // then the one the server runs with.
  if (extensionPreload.length > 0) flags.unshift(`${PRELOAD}=${preload.join(",")}`);
  return { ...(readyImage ? { readyImage } : {}), preload, settings, flags };
}

/** The database `CREATE EXTENSION` must run in: the one a setting names (pg_cron's), else the service's own. */
export function extensionDatabase(service: NormalizedService, extension: PostgresExtension): string {
  const named = extension.databaseSetting && postgresServer(service).settings[extension.databaseSetting];
  return named || (service.database ?? "");
}

/** Extensions (catalog ids) that come with the service's image, so they are never installed again. */
export function shippedByImage(service: NormalizedService): Set<string> {
  return new Set(readyImageOf(service)?.ships ?? []);
}

function readyImageOf(service: NormalizedService): ReadyImage | undefined {
  for (const extension of service.extensions) {
    if (extension.install.via === "image") return extension.install.ready;
  }
  return undefined;
}
