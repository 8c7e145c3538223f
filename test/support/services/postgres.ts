import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port.js";
import { ManagedProcess, once, waitUntilReady } from "./managed-process.js";
import { type OsUser, postgresOsUser } from "./os-user.js";
import { findPostgresInstall, type PostgresInstall } from "./postgres-install.js";

export interface RealPostgres {
  host: string;
  port: number;
  /** A superuser the engine stand-in uses to create the roles and databases services ask for. */
  adminUser: string;
  adminPassword: string;
  stop(): Promise<void>;
}

export interface RealPostgresOptions {
  /** Extra server settings (`-c name=value`), e.g. `{ "cron.database_name": "app" }`. */
  settings?: Record<string, string>;
}

const ADMIN_USER = "standin_admin";
const HOST = "127.0.0.1";
const PORT_ATTEMPTS = 3;

/**
 * Starts a throw-away PostgreSQL server: its own cluster in a temporary directory, listening on a free
 * port on 127.0.0.1 only, with password (scram) authentication over TCP. `stop()` deletes everything.
 */
export async function startRealPostgres(options: RealPostgresOptions = {}): Promise<RealPostgres> {
  const install = findPostgresInstall();
  if (!install) throw new Error("no PostgreSQL server binaries found (initdb/postgres)");
  const user = postgresOsUser();
  const dir = ownedTempDir("standin-pg-", user);
  try {
    const adminPassword = randomBytes(18).toString("base64url");
    await initCluster(install, dir, adminPassword, user);
    const { server, port } = await startServer(install, dir, adminPassword, user, options.settings ?? {});
    return {
      host: HOST,
      port,
      adminUser: ADMIN_USER,
      adminPassword,
      stop: once(async () => {
        await server.stop("SIGINT");
        rmSync(dir, { recursive: true, force: true });
      }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function ownedTempDir(prefix: string, user: OsUser | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (user) chownSync(dir, user.uid, user.gid);
  return dir;
}

async function initCluster(
  install: PostgresInstall,
  dir: string,
  password: string,
  user: OsUser | undefined,
) {
  const passwordFile = join(dir, "admin-password");
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  if (user) chownSync(passwordFile, user.uid, user.gid);
  const args = [
    ...["-D", join(dir, "data"), "-U", ADMIN_USER, `--pwfile=${passwordFile}`],
    ...[
      "--auth-host=scram-sha-256",
      "--auth-local=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
      "--no-instructions",
    ],
  ];
  await promisify(execFile)(join(install.binDir, "initdb"), args, {
    cwd: dir,
    env: serverEnv(dir),
    ...(user ? { uid: user.uid, gid: user.gid } : {}),
  });
  rmSync(passwordFile);
}

async function startServer(
  install: PostgresInstall,
  dir: string,
  adminPassword: string,
  user: OsUser | undefined,
  settings: Record<string, string>,
): Promise<{ server: ManagedProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = ["-D", join(dir, "data"), "-p", String(port), "-k", dir, ...settingArgs(install, settings)];
    const server = new ManagedProcess(join(install.binDir, "postgres"), args, {
      cwd: dir,
      env: serverEnv(dir),
      ...(user ? { user } : {}),
    });
    try {
      await waitUntilReady(server, () => accepts(port, adminPassword), `postgres on port ${port}`);
      return { server, port };
    } catch (error) {
      await server.stop("SIGKILL");
      const lostPortRace = /could not bind|Address already in use/.test(server.recentOutput());
      if (!lostPortRace || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

function settingArgs(install: PostgresInstall, extra: Record<string, string>): string[] {
  const settings: Record<string, string> = {
    listen_addresses: HOST,
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "200",
    shared_buffers: "32MB",
    // pg_cron only loads from shared_preload_libraries.
    ...(existsSync(join(install.pkgLibDir, "pg_cron.so")) ? { shared_preload_libraries: "pg_cron" } : {}),
    ...extra,
  };
  return Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]);
}

/** A clean environment: PG* variables of the test process must not leak into the server. */
function serverEnv(dir: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, LANG: "C", LC_ALL: "C" };
}

async function accepts(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: HOST, port, user: ADMIN_USER, password, database: "postgres" });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
