import type { NormalizedService } from "../../../src/spec/model.js";
import type { RealServerKind } from "../engine/index.js";

export type RealServerName = Exclude<RealServerKind, "none">;

/**
 * The real server that answers for each catalog kind here: the kind's own server, or one that speaks its
 * protocol (MariaDB for mysql, FerretDB for mongodb). Kinds not listed have none.
 */
const REAL_SERVER_OF_KIND: Readonly<Record<string, RealServerName>> = {
  postgres: "postgres",
  redis: "redis",
  mysql: "mariadb",
  mariadb: "mariadb",
  mongodb: "ferretdb",
  chromadb: "chromadb",
  minio: "minio",
};

/** The real server that can answer for the service's container here, if any. */
export function realServerFor(service: NormalizedService): RealServerName | undefined {
  return service.kind.source === "image" ? REAL_SERVER_OF_KIND[service.kind.kind] : undefined;
}
