import type { NormalizedStack } from "../../../src/spec/model.js";
import type { RealServices, ServerRequest } from "../engine/index.js";
import { imageTag } from "../engine/service-kind.js";
import {
  chromaProblem,
  FERRETDB_DESCRIPTION,
  ferretDbProblem,
  findMariaDb,
  mariaDbProblem,
  minioProblem,
  type RealServer,
  type ServerPool,
  startRealChroma,
  startRealFerretDb,
  startRealMariaDb,
  startRealMinio,
} from "../services/index.js";
import { type RealServerName, realServerFor } from "./real-server-kinds.js";
import type { ServersHere } from "./real-servers.js";

/** A server started when a tunnel first leads to it, for the login the container sets. */
interface OnDemandServer {
  describe(version: string | undefined): string;
  /** Why it cannot run here at that version (the image's tag), or undefined. */
  problem(version: string | undefined): string | undefined;
}

const ON_DEMAND: Readonly<Partial<Record<RealServerName, OnDemandServer>>> = {
  mariadb: { describe: () => `MariaDB ${findMariaDb()?.version ?? "?"}`, problem: () => mariaDbProblem() },
  ferretdb: { describe: () => FERRETDB_DESCRIPTION, problem: () => ferretDbProblem() },
  chromadb: {
    describe: (version) => `ChromaDB ${version}`,
    problem: (version) => (version ? chromaProblem(version) : "the chromadb image has no tag"),
  },
  minio: {
    describe: (version) => `MinIO ${version}`,
    problem: (version) => (version ? minioProblem(version) : "the minio image has no tag"),
  },
};

/**
 * Which on-demand servers the stack's services need and whether they can run here. A server is missing
 * when any version the stack names is: every service of that kind is then left out.
 */
export function onDemandServers(stack: NormalizedStack): Pick<ServersHere, "running" | "missing"> {
  const found = new Map<RealServerName, { descriptions: Set<string>; problems: Set<string> }>();
  for (const service of stack.services) {
    const server = realServerFor(service);
    const entry = server && ON_DEMAND[server];
    if (!server || !entry) continue;
    const version = service.image ? imageTag(service.image) : undefined;
    const seen = found.get(server) ?? { descriptions: new Set(), problems: new Set() };
    const problem = entry.problem(version);
    if (problem) seen.problems.add(problem);
    else seen.descriptions.add(entry.describe(version));
    found.set(server, seen);
  }
  const running: ServersHere["running"] = {};
  const missing: ServersHere["missing"] = {};
  for (const [server, { descriptions, problems }] of found) {
    if (problems.size > 0) missing[server] = [...problems].join("; ");
    else running[server] = [...descriptions].join(", ");
  }
  return { running, missing };
}

/** Starts a server for the request unless it cannot run here (then the tunnel leads nowhere). */
export function launcher(pool: ServerPool): NonNullable<RealServices["launch"]> {
  return async (request) => {
    if (ON_DEMAND[request.server]?.problem(versionOf(request))) return undefined;
    return pool.get(JSON.stringify(request), () => startServer(request));
  };
}

function versionOf(request: ServerRequest): string | undefined {
  if (request.server === "chromadb") return request.version;
  if (request.server === "minio") return request.release;
  return undefined;
}

function startServer(request: ServerRequest): Promise<RealServer> {
  switch (request.server) {
    case "mariadb":
      return startRealMariaDb(request.login);
    case "ferretdb":
      return startRealFerretDb(request.login);
    case "chromadb":
      return startRealChroma(request.version);
    case "minio":
      return startRealMinio(request);
  }
}
