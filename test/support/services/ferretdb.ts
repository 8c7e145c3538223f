import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { FERRETDB_VERSION, ferretDbBinary } from "./installed.js";
import { ManagedProcess } from "./managed-process.js";
import { inTempDir, LOOPBACK, type RealServer, serverEnv } from "./real-server.js";
import { acceptsTcp, startOnFreePort } from "./start-on-free-port.js";

/** The root user the mongo image creates from MONGO_INITDB_ROOT_USERNAME/…_PASSWORD, in `admin`. */
export interface MongoRootLogin {
  user: string;
  password: string;
}

/** FerretDB speaks MongoDB's wire protocol; its data lives in SQLite. */
export const FERRETDB_DESCRIPTION = `FerretDB ${FERRETDB_VERSION} on SQLite`;

export function ferretDbInstalled(): boolean {
  return existsSync(ferretDbBinary());
}

/**
 * Starts a throw-away FerretDB, which speaks MongoDB's wire protocol, on a free port of 127.0.0.1 with
 * its SQLite backend in a temporary folder. With a login it authenticates as the mongo image does: SCRAM
 * against the user created in `admin` (FerretDB's set-up user, which needs its new authentication);
 * without one it asks for no credentials, as the image without a root user.
 */
export async function startRealFerretDb(login?: MongoRootLogin): Promise<RealServer> {
  const binary = ferretDbBinary();
  if (!existsSync(binary)) throw new Error(`FerretDB is not installed at ${binary}`);
  return inTempDir("standin-ferretdb-", async (dir) => {
    mkdirSync(join(dir, "data"));
    const { server, ports } = await startOnFreePort({
      what: "FerretDB",
      spawn: ([port]) =>
        new ManagedProcess(binary, ferretDbArgs(dir, port as number, login), {
          cwd: dir,
          // The password goes through the environment, not the command line.
          env: serverEnv(dir, login ? { FERRETDB_SETUP_PASSWORD: login.password } : {}),
        }),
      // FerretDB creates the set-up user before it listens.
      ready: ([port]) => acceptsTcp(LOOPBACK, port as number),
    });
    return { server, port: ports[0] as number };
  });
}

function ferretDbArgs(dir: string, port: number, login: MongoRootLogin | undefined): string[] {
  return [
    "--handler=sqlite",
    `--sqlite-url=file:${join(dir, "data")}/`,
    `--state-dir=${dir}`,
    `--listen-addr=${LOOPBACK}:${port}`,
    "--debug-addr=-",
    "--telemetry=disable",
    "--log-level=warn",
    ...(login ? ["--test-enable-new-auth", "--setup-database=admin", `--setup-username=${login.user}`] : []),
  ];
}
