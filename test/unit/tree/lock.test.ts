import { spawn, spawnSync } from "node:child_process";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LockedError } from "../../../src/errors.js";
import { acquireLock } from "../../../src/tree/lock.js";
import { useSandbox } from "./fixtures.js";

/** One run per target: a live holder stops the next run, a dead one's lock is taken over. */
const sandbox = useSandbox("cds-lock-");
const NOW = { waitMs: 0 };

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  if (child.pid === undefined) throw new Error("could not start node");
  return child.pid;
}

/** Another run, alive until stopped. */
function liveProcess() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  if (child.pid === undefined) throw new Error("could not start node");
  return { pid: child.pid, stop: () => child.kill("SIGKILL") };
}

async function lockOf(root: string) {
  return JSON.parse(await readFile(join(root, ".dagger-stack/lock"), "utf8")) as {
    pid: number;
    nonce: string;
  };
}

async function plantLock(root: string, owner: Record<string, unknown> | string) {
  await mkdir(join(root, ".dagger-stack"), { recursive: true });
  const text = typeof owner === "string" ? owner : JSON.stringify(owner);
  await writeFile(join(root, ".dagger-stack/lock"), text);
}

describe("acquireLock", () => {
  it("a second run stops while a live run holds the lock, naming its pid and the lock file", async () => {
    const root = sandbox();
    const other = liveProcess();
    try {
      await plantLock(root, { pid: other.pid, host: hostname(), started: "12:00", nonce: "live" });
      const error = await acquireLock(root, NOW).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LockedError);
      expect((error as LockedError).message).toBe(
        `another create-dagger-stack run (pid ${other.pid}, started 12:00) is changing this folder; nothing was written`,
      );
      expect((error as LockedError).hint).toBe(
        `wait for it to finish and run again; if no such run is active, delete ${join(root, ".dagger-stack/lock")}`,
      );
      expect((await lockOf(root)).nonce).toBe("live");
    } finally {
      other.stop();
    }
  });

  it("a waiting run gets the lock once the holder releases it", async () => {
    const root = sandbox();
    const other = liveProcess();
    try {
      await plantLock(root, { pid: other.pid, host: hostname(), started: "12:00", nonce: "live" });
      const waiting = acquireLock(root, { waitMs: 600_000, pollMs: 5 });
      await rm(join(root, ".dagger-stack/lock"));
      const held = await waiting;
      expect((await lockOf(root)).pid).toBe(process.pid);
      await held.release();
      expect(await readdir(join(root, ".dagger-stack"))).toEqual([]);
    } finally {
      other.stop();
    }
  });

  it("takes over the lock of a process that is gone", async () => {
    const root = sandbox();
    await plantLock(root, { pid: deadPid(), host: hostname(), started: "earlier", nonce: "dead" });
    const lock = await acquireLock(root, NOW);
    expect(await lockOf(root)).toMatchObject({ pid: process.pid });
    expect((await lockOf(root)).nonce).not.toBe("dead");
    await lock.release();
  });

  it("takes over a lock with this process's pid that it does not hold (pid 1 in containers)", async () => {
    const root = sandbox();
    await plantLock(root, { pid: process.pid, host: hostname(), started: "earlier", nonce: "old" });
    const lock = await acquireLock(root, NOW);
    expect((await lockOf(root)).nonce).not.toBe("old");
    await lock.release();
  });

  it("takes over a lock it cannot read (a crash mid-write on a file system without hard links)", async () => {
    const root = sandbox();
    await plantLock(root, "");
    const lock = await acquireLock(root, NOW);
    expect((await lockOf(root)).pid).toBe(process.pid);
    await lock.release();
  });

  it("does not take over a lock from another machine, whose process it cannot see", async () => {
    const root = sandbox();
    await plantLock(root, { pid: deadPid(), host: "build-agent-7", started: "earlier", nonce: "far" });
    const error = await acquireLock(root, NOW).catch((caught: unknown) => caught);
    expect((error as LockedError).message).toMatch(/ on build-agent-7, started earlier\)/);
    expect((await lockOf(root)).nonce).toBe("far");
  });

  it("release leaves another run's lock alone", async () => {
    const root = sandbox();
    const lock = await acquireLock(root, NOW);
    await plantLock(root, { pid: 1, host: "elsewhere", started: "now", nonce: "theirs" });
    await lock.release();
    expect((await lockOf(root)).nonce).toBe("theirs");
  });
});
