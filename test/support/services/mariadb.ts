import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { findCommand } from "./installed.js";
import { ManagedProcess } from "./managed-process.js";
import { inTempDir, LOOPBACK, type RealServer, serverEnv } from "./real-server.js";
import { startOnFreePort } from "./start-on-free-port.js";

/** What the mysql and mariadb images create from MYSQL_USER/MARIADB_USER, …_PASSWORD and …_DATABASE. */
export interface MysqlLogin {
  user: string;
  password?: string;
  database?: string;
}

export interface MariaDbInstall {
  server: string;
  installDb: string;
  client: string;
  /** e.g. "10.11.19" */
  version: string;
}

/** The MariaDB server, its data-folder initialiser and client (Debian's -core packages), or undefined. */
export function findMariaDb(): MariaDbInstall | undefined {
  const server = findCommand("mariadbd", "/usr/sbin/mariadbd");
  const installDb = findCommand("mariadb-install-db");
  const client = findCommand("mariadb");
  if (!server || !installDb || !client) return undefined;
  try {
    const output = execFileSync(server, ["--version"], { encoding: "utf8" });
    const version = /\bVer (\d+\.\d+\.\d+)/.exec(output)?.[1];
    return version ? { server, installDb, client, version } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a throw-away MariaDB server for one login, as the mysql and mariadb images set it up: the user
 * (from any host) with its password and all privileges on its database. Its own data folder in a
 * temporary directory, a free port on 127.0.0.1, no other account reachable over TCP.
 */
export async function startRealMariaDb(login: MysqlLogin): Promise<RealServer> {
  const install = findMariaDb();
  if (!install) throw new Error("MariaDB (mariadbd, mariadb-install-db, mariadb) is not installed");
  return inTempDir("standin-mariadb-", async (dir) => {
    await initDataDir(install, dir);
    writeFileSync(join(dir, "init.sql"), loginSql(login), { mode: 0o600 });
    const { server, ports } = await startOnFreePort({
      what: "mariadbd",
      spawn: ([port]) =>
        new ManagedProcess(install.server, serverArgs(dir, port as number), {
          cwd: dir,
          env: serverEnv(dir),
        }),
      ready: ([port]) => acceptsLogin(install, port as number, login),
    });
    return { server, port: ports[0] as number };
  });
}

/** mariadbd refuses to run as root unless told to; as anyone else it runs as that user. */
function userArgs(): string[] {
  return process.getuid?.() === 0 ? ["--user=root"] : [];
}

async function initDataDir(install: MariaDbInstall, dir: string): Promise<void> {
  mkdirSync(join(dir, "data"));
  mkdirSync(join(dir, "tmp"));
  await promisify(execFile)(
    install.installDb,
    [
      "--no-defaults",
      `--datadir=${join(dir, "data")}`,
      tmpdirArg(dir),
      "--auth-root-authentication-method=socket",
      "--skip-test-db",
      "--skip-name-resolve",
      ...userArgs(),
    ],
    { cwd: dir, env: serverEnv(dir) },
  );
}

/**
 * Temporary tables go to the server's own folder: in the shared /tmp, another server's or a cleaner's
 * activity made a bootstrap fail ("Could not remove temporary table", then "Unknown table").
 */
function tmpdirArg(dir: string): string {
  return `--tmpdir=${join(dir, "tmp")}`;
}

function serverArgs(dir: string, port: number): string[] {
  return [
    "--no-defaults",
    `--datadir=${join(dir, "data")}`,
    tmpdirArg(dir),
    `--port=${port}`,
    `--bind-address=${LOOPBACK}`,
    `--socket=${join(dir, "mysqld.sock")}`,
    `--pid-file=${join(dir, "mysqld.pid")}`,
    `--init-file=${join(dir, "init.sql")}`,
    "--skip-name-resolve",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_general_ci",
    "--innodb-buffer-pool-size=16M",
    "--innodb-flush-log-at-trx-commit=0",
    ...userArgs(),
  ];
}

/** What the images' entrypoints run for MYSQL_USER/MYSQL_PASSWORD/MYSQL_DATABASE. */
export function loginSql(login: MysqlLogin): string {
  const account = `${quoteString(login.user)}@'%'`;
  const password = login.password === undefined ? "" : ` IDENTIFIED BY ${quoteString(login.password)}`;
  const lines = [`CREATE USER ${account}${password};`];
  if (login.database !== undefined) {
    const database = quoteIdentifier(login.database);
    lines.push(
      `CREATE DATABASE IF NOT EXISTS ${database};`,
      `GRANT ALL PRIVILEGES ON ${database}.* TO ${account};`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function quoteString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function quoteIdentifier(value: string): string {
  return `\`${value.replace(/`/g, "``")}\``;
}

/** Logs in over TCP as the requested user, which the init file has created once this succeeds. */
async function acceptsLogin(install: MariaDbInstall, port: number, login: MysqlLogin): Promise<boolean> {
  const args = [
    ...["--no-defaults", "--protocol=TCP", `--host=${LOOPBACK}`, `--port=${port}`, `--user=${login.user}`],
    ...["--connect-timeout=2", "--execute=SELECT 1", ...(login.database ? [login.database] : [])],
  ];
  try {
    await promisify(execFile)(install.client, args, {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        ...(login.password ? { MYSQL_PWD: login.password } : {}),
      },
      timeout: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}
