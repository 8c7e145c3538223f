import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Where scripts/ci/install-go-servers.sh and install-chromadb.sh put the servers Debian does not package,
 * one folder per version. TEST_SERVERS_DIR moves it, for the scripts and the tests alike.
 */
export function testServersDir(): string {
  return process.env.TEST_SERVERS_DIR || "/opt/dagger-stack-test-servers";
}

/** Keep in step with FERRETDB_VERSION in scripts/ci/install-go-servers.sh. */
export const FERRETDB_VERSION = "v1.24.2";

export const INSTALL_HINTS = {
  apt: "install it with: sudo scripts/ci/install-services.sh",
  go: "install it with: sudo scripts/ci/install-go-servers.sh",
  chromadb: "install it with: sudo scripts/ci/install-chromadb.sh",
} as const;

export function ferretDbBinary(): string {
  return join(testServersDir(), `ferretdb-${FERRETDB_VERSION}`, "ferretdb");
}

/** `release` as the minio image tags it, e.g. RELEASE.2024-11-07T00-52-20Z. */
export function minioBinary(release: string): string {
  return join(testServersDir(), `minio-${release}`, "minio");
}

/** The `chroma` command of the venv that holds chromadb `version`. */
export function chromaCommand(version: string): string {
  return join(testServersDir(), `chromadb-${version}`, "bin", "chroma");
}

/** The path of `command` on PATH (or at `fallback`), or undefined when it is not installed. */
export function findCommand(command: string, fallback?: string): string | undefined {
  if (fallback && existsSync(fallback)) return fallback;
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}
