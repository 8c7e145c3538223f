import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { generatedProject } from "./support/stack-project.js";
import { Folders, snapshotTree } from "./support/tree.js";

/** A disk that fills up while the run writes: no temp file, no new folder, and the failing file named. */
const folders = new Folders("cds-full-disk-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const FULL = /^error: could not write (\S+): no space left on the device \(ENOSPC\); nothing was changed\n/;

function injectedFullDisk(path: string) {
  return { CREATE_DAGGER_STACK_TEST_HOOKS: JSON.stringify({ failWrite: { path, code: "ENOSPC" } }) };
}

describe("ENOSPC while writing", () => {
  it("a create into a new folder leaves no folder and names the file", () => {
    const parent = folders.fresh();
    const env = injectedFullDisk("stack/stack.ts");
    const result = runCli(["app", "--services", "postgres", "--ci", "none", "--yes"], { cwd: parent, env });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(FULL);
    expect(result.stderr.match(FULL)?.[1]).toBe("stack/stack.ts");
    expect(readdirSync(parent)).toEqual([]);
  });

  it("an add leaves the stack as it was: no temp file, no new folder", () => {
    const root = generatedProject(folders, "minimal");
    const before = snapshotTree(root);
    const env = injectedFullDisk("tests/stack/smoke/queue.stack.ts");
    const result = runCli(["add", "redis", "--name", "queue", "--yes"], { cwd: root, env });
    expect(result.code).toBe(1);
    expect(result.stderr.match(FULL)?.[1]).toBe("tests/stack/smoke/queue.stack.ts");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("on a real, tiny file system (tmpfs; needs root)", (context) => {
    const mountPoint = folders.fresh();
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=24k", "tmpfs", mountPoint]);
    if (mounted.status !== 0) {
      console.warn("skipped: cannot mount a tmpfs here (needs root)");
      context.skip("cannot mount a tmpfs here (needs root)");
    }
    try {
      const result = runCli(["app", "--services", "postgres", "--ci", "none", "--yes"], { cwd: mountPoint });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(FULL);
      expect(readdirSync(mountPoint)).toEqual([]);
    } finally {
      spawnSync("umount", [mountPoint]);
    }
  });
});
