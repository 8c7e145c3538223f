import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { startCli } from "./support/running-cli.js";
import { generatedProject, serviceIn } from "./support/stack-project.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/** Two runs on one folder, and a file saved while a run is writing: nothing is ever lost silently. */
const folders = new Folders("cds-concurrent-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const CLEAR_FAILURE =
  /^error: (another create-dagger-stack run \(pid \d+, started [^)]+\) is changing this folder|a file changed on disk while create-dagger-stack was running); nothing was written\n/;

describe("two runs at once", () => {
  it("`add redis` and `add mysql` together: both services end up present, or one run fails clearly", async () => {
    const root = generatedProject(folders, "minimal");
    const redis = startCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root });
    const mysql = startCli(["add", "mysql", "--name", "db", "--yes"], { cwd: root });
    const results = { queue: await redis.result, db: await mysql.result };
    for (const [service, result] of Object.entries(results)) {
      if (result.code === 0) {
        expect(serviceIn(root, service)).toBeDefined();
        expect(readText(root, "stack/stack.ts")).toMatch(
          new RegExp(`build${service[0]?.toUpperCase()}${service.slice(1)}\\(\\)`),
        );
      } else {
        expect(result.code).toBe(1);
        expect(result.stderr).toMatch(CLEAR_FAILURE);
      }
    }
    expect(results.queue.code === 0 || results.db.code === 0).toBe(true);
    expect(Object.keys(snapshotTree(root)).filter((path) => /\.cds-|^\.dagger-stack/.test(path))).toEqual([]);
  });

  it("a run that finds a live run's lock stops, naming it, and writes nothing", () => {
    const root = generatedProject(folders, "minimal");
    const other = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      mkdirSync(join(root, ".dagger-stack"));
      const lock = { pid: other.pid, host: hostname(), started: "2030-01-01T00:00:00.000Z", nonce: "other" };
      writeFileSync(join(root, ".dagger-stack/lock"), JSON.stringify(lock));
      const before = snapshotTree(root);
      const env = { CREATE_DAGGER_STACK_TEST_HOOKS: JSON.stringify({ lockWaitMs: 0 }) };
      const result = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root, env });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        [
          `error: another create-dagger-stack run (pid ${other.pid}, started 2030-01-01T00:00:00.000Z) is changing this folder; nothing was written`,
          `  hint: wait for it to finish and run again; if no such run is active, delete ${join(root, ".dagger-stack/lock")}`,
          "",
        ].join("\n"),
      );
      expect(snapshotTree(root)).toEqual(before);
    } finally {
      other.kill("SIGKILL");
    }
  });

  it("the lock of a run that was killed is taken over", () => {
    const root = generatedProject(folders, "minimal");
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    mkdirSync(join(root, ".dagger-stack"));
    const lock = { pid: dead, host: hostname(), started: "2030-01-01T00:00:00.000Z", nonce: "dead" };
    writeFileSync(join(root, ".dagger-stack/lock"), JSON.stringify(lock));
    const result = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(serviceIn(root, "queue")).toBeDefined();
    expect(Object.keys(snapshotTree(root)).filter((path) => path.startsWith(".dagger-stack"))).toEqual([]);
  });
});

describe("a file saved while a run writes", () => {
  it("is a conflict, never overwritten: the run stops, the edit stays, nothing else changes", async () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const run = startCli(["add", "redis", "--name", "queue", "--yes"], {
      cwd: root,
      hooks: { pauseBeforeRename: "dagger-stack.json" },
    });
    await run.waitFor(/paused before dagger-stack\.json/);
    const saved = `${readText(root, "stack/stack.ts")}// saved in an editor while add ran\n`;
    writeFileSync(join(root, "stack/stack.ts"), saved);
    run.resume();
    const result = await run.result;
    expect(result.code).toBe(1);
    expect(result.stderr.replace(/^test-hook: .*\n/, "")).toBe(
      [
        "error: a file changed on disk while create-dagger-stack was running; nothing was written",
        "  stack/stack.ts: changed after this run read it",
        "  hint: another program (an editor, another run) saved it: run the command again to plan with it",
        "",
      ].join("\n"),
    );
    expect(readText(root, "stack/stack.ts")).toBe(saved);
    const after = snapshotTree(root);
    delete after["stack/stack.ts"];
    delete before["stack/stack.ts"];
    expect(after).toEqual(before);
  });
});
