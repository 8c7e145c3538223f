import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { ManagedProcess, once, waitUntilReady } from "./managed-process.js";
import { redisCommand } from "./resp.js";

export interface RealRedis {
  host: string;
  port: number;
  /** A user allowed everything, so that the engine stand-in can add passwords once clients need them. */
  adminUser: string;
  adminPassword: string;
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const ADMIN_USER = "standin";
const PORT_ATTEMPTS = 3;

/** Starts a throw-away redis-server on a free port on 127.0.0.1, without persistence. */
export async function startRealRedis(): Promise<RealRedis> {
  const binary = findRedisServer();
  if (!binary) throw new Error("redis-server is not installed");
  const dir = mkdtempSync(join(tmpdir(), "standin-redis-"));
  try {
    const adminPassword = randomBytes(12).toString("hex");
    const { server, port } = await startServer(binary, dir, adminPassword);
    const stop = once(async () => {
      await server.stop("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    });
    return { host: HOST, port, adminUser: ADMIN_USER, adminPassword, stop };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

export function findRedisServer(): string | undefined {
  try {
    return execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}

async function startServer(
  binary: string,
  dir: string,
  adminPassword: string,
): Promise<{ server: ManagedProcess; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const args = [
      ...["--port", String(port), "--bind", HOST, "--dir", dir],
      ...["--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "yes"],
      // Redis joins the words after an option into one config line: `user standin on >pw ~* &* +@all`.
      ...["--user", ADMIN_USER, "on", `>${adminPassword}`, "~*", "&*", "+@all"],
    ];
    const server = new ManagedProcess(binary, args, {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    });
    try {
      await waitUntilReady(server, () => answersPing(port), `redis-server on port ${port}`);
      return { server, port };
    } catch (error) {
      await server.stop("SIGKILL");
      if (!/Address already in use/.test(server.recentOutput()) || attempt >= PORT_ATTEMPTS) throw error;
    }
  }
}

async function answersPing(port: number): Promise<boolean> {
  try {
    return (await redisCommand(HOST, port, ["PING"], 500)) === "PONG";
  } catch {
    return false;
  }
}
