import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { minioBinary } from "./installed.js";
import { ManagedProcess } from "./managed-process.js";
import { inTempDir, LOOPBACK, type RealServer, serverEnv } from "./real-server.js";
import { httpStatus, startOnFreePort } from "./start-on-free-port.js";

export interface RealMinioOptions {
  /** The minio image's tag, e.g. RELEASE.2024-11-07T00-52-20Z. */
  release: string;
  /** MINIO_ROOT_USER / MINIO_ROOT_PASSWORD; MinIO's own defaults without them, as in the image. */
  rootUser?: string;
  rootPassword?: string;
}

export function minioInstalled(release: string): boolean {
  return existsSync(minioBinary(release));
}

/**
 * Starts a throw-away MinIO server of that release on a free port of 127.0.0.1 (its console on another),
 * one drive in a temporary folder, with the root credentials the image would get.
 */
export async function startRealMinio(options: RealMinioOptions): Promise<RealServer> {
  const binary = minioBinary(options.release);
  if (!existsSync(binary)) throw new Error(`MinIO ${options.release} is not installed at ${binary}`);
  return inTempDir("standin-minio-", async (dir) => {
    mkdirSync(join(dir, "data"));
    const { server, ports } = await startOnFreePort({
      what: `MinIO ${options.release}`,
      ports: 2,
      spawn: ([api, console]) =>
        new ManagedProcess(
          binary,
          [
            ...["server", join(dir, "data"), "--quiet"],
            ...["--address", `${LOOPBACK}:${api}`, "--console-address", `${LOOPBACK}:${console}`],
          ],
          { cwd: dir, env: serverEnv(dir, minioEnv(options)) },
        ),
      // live and ready answer 200 as soon as HTTP is up; cluster waits for the drive, bucket metadata and
      // IAM, without which S3 requests get 503 (cmd/healthcheck-handler.go).
      ready: async ([api]) => (await httpStatus(`http://${LOOPBACK}:${api}/minio/health/cluster`)) === 200,
    });
    return { server, port: ports[0] as number };
  });
}

function minioEnv(options: RealMinioOptions): Record<string, string> {
  return {
    ...(options.rootUser ? { MINIO_ROOT_USER: options.rootUser } : {}),
    ...(options.rootPassword ? { MINIO_ROOT_PASSWORD: options.rootPassword } : {}),
    MINIO_BROWSER: "off",
    MINIO_UPDATE: "off",
  };
}
