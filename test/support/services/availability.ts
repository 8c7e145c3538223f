import { chromaInstalled } from "./chromadb.js";
import { ferretDbInstalled } from "./ferretdb.js";
import { chromaCommand, FERRETDB_VERSION, ferretDbBinary, INSTALL_HINTS, minioBinary } from "./installed.js";
import { findMariaDb } from "./mariadb.js";
import { minioInstalled } from "./minio.js";
import { postgresOsUser } from "./os-user.js";
import { findPostgresInstall, hasExtension } from "./postgres-install.js";
import { findRedisServer } from "./redis.js";

export interface RealServicesAvailability {
  /** PostgreSQL server binaries plus the pgvector and PostGIS extensions generated stacks use. */
  postgres: boolean;
  redis: boolean;
  /** What is missing, for skip messages; undefined when everything is available. */
  reason?: string;
}

const INSTALL_HINT = "install them with: sudo scripts/ci/install-services.sh";

/** Whether `startRealPostgres`/`startRealRedis` can work here, and if not, why. */
export function realServicesAvailable(): RealServicesAvailability {
  const postgresProblems = postgresProblemsHere();
  const redis = findRedisServer() !== undefined;
  const problems = [...postgresProblems, ...(redis ? [] : ["redis-server is not installed"])];
  return {
    postgres: postgresProblems.length === 0,
    redis,
    ...(problems.length > 0 ? { reason: `${problems.join("; ")} (${INSTALL_HINT})` } : {}),
  };
}

function postgresProblemsHere(): string[] {
  const install = findPostgresInstall();
  if (!install) return ["PostgreSQL server binaries (initdb, postgres) are not installed"];
  const problems: string[] = [];
  if (!hasExtension(install, "vector"))
    problems.push(`pgvector is not installed (no vector.control in ${install.shareDir}/extension)`);
  if (!hasExtension(install, "postgis"))
    problems.push(`PostGIS is not installed (no postgis.control in ${install.shareDir}/extension)`);
  try {
    postgresOsUser();
  } catch (error) {
    problems.push((error as Error).message);
  }
  return problems;
}

/** Why startRealMariaDb cannot work here, or undefined. */
export function mariaDbProblem(): string | undefined {
  return findMariaDb()
    ? undefined
    : `MariaDB (mariadbd, mariadb-install-db, mariadb) is not installed (${INSTALL_HINTS.apt})`;
}

/** Why startRealFerretDb cannot work here, or undefined. */
export function ferretDbProblem(): string | undefined {
  return ferretDbInstalled()
    ? undefined
    : `FerretDB ${FERRETDB_VERSION} is not installed at ${ferretDbBinary()} (${INSTALL_HINTS.go})`;
}

/** Why startRealChroma(version) cannot work here, or undefined. */
export function chromaProblem(version: string): string | undefined {
  return chromaInstalled(version)
    ? undefined
    : `ChromaDB ${version} is not installed at ${chromaCommand(version)} (${INSTALL_HINTS.chromadb})`;
}

/** Why startRealMinio for `release` cannot work here, or undefined. */
export function minioProblem(release: string): string | undefined {
  return minioInstalled(release)
    ? undefined
    : `MinIO ${release} is not installed at ${minioBinary(release)} (${INSTALL_HINTS.go})`;
}
