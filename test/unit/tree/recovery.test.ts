import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InterruptedRunError } from "../../../src/errors.js";
import { type CommitHooks, commitChanges } from "../../../src/tree/commit.js";
import { holdTarget, inspectTarget } from "../../../src/tree/hold.js";
import type { FileChange } from "../../../src/tree/tree.js";
import { create, findNames, snapshot, update, useSandbox } from "./fixtures.js";

/**
 * A commit that stops dead at a given file (as under `kill -9`: no rollback, no cleanup), and what the
 * next run's hold on the folder does with what it left.
 */
const sandbox = useSandbox("cds-recovery-");
const HOLD = { lockWaitMs: 0 };

/** Freezes the commit before `path` is moved into place; resolves once it is frozen there. */
function killedAt(root: string, path: string, changes: readonly FileChange[] = CHANGES): Promise<void> {
  return new Promise((frozen) => {
    const hooks: CommitHooks = {
      beforeRename: (renaming) => {
        if (renaming !== path) return;
        frozen();
        return new Promise(() => undefined);
      },
    };
    void commitChanges(root, changes, { hooks });
  });
}

async function seed(root: string) {
  await mkdir(join(root, "stack"), { recursive: true });
  await writeFile(join(root, "dagger-stack.json"), '{ "services": ["postgres"] }\n');
  await writeFile(join(root, "package.json"), '{ "name": "mine" }\n');
  await writeFile(join(root, "stack/stack.ts"), "// postgres\n");
}

const CHANGES = [
  update("dagger-stack.json", '{ "services": ["postgres", "redis"] }\n', '{ "services": ["postgres"] }\n'),
  update("package.json", '{ "name": "mine", "redis": true }\n', '{ "name": "mine" }\n'),
  update("stack/stack.ts", "// postgres\n// redis\n", "// postgres\n"),
  create("tests/stack/smoke/redis.test.ts", "// redis smoke\n"),
];

describe("the next run after a run killed while writing", () => {
  it("puts every file back as it was before the killed run, and leaves no trace", async () => {
    const root = sandbox();
    await seed(root);
    const before = await snapshot(root);
    await killedAt(root, "stack/stack.ts");
    expect(await readFile(join(root, "dagger-stack.json"), "utf8")).toContain("redis");
    const held = await holdTarget(root, HOLD);
    expect(held.recovery).toEqual({ restored: ["dagger-stack.json", "package.json"], completed: false });
    await held.release();
    expect(await snapshot(root)).toEqual(before);
  });

  it("removes what the killed run staged before it moved anything", async () => {
    const root = sandbox();
    await seed(root);
    const before = await snapshot(root);
    await killedAt(root, "dagger-stack.json");
    expect((await findNames(root, /\.tmp$/)).length).toBe(4);
    const held = await holdTarget(root, HOLD);
    expect(held.recovery).toEqual({ restored: [], completed: false });
    await held.release();
    expect(await snapshot(root)).toEqual(before);
  });

  it("finishes the cleanup of a run killed after its last file was in place", async () => {
    const root = sandbox();
    await seed(root);
    await killedAt(root, "tests/stack/smoke/redis.test.ts");
    const [temp] = await findNames(root, /redis\.test\.ts\.cds-[0-9a-f]+\.tmp$/);
    await rename(join(root, temp ?? ""), join(root, "tests/stack/smoke/redis.test.ts"));
    const held = await holdTarget(root, HOLD);
    expect(held.recovery).toEqual({ restored: [], completed: true });
    await held.release();
    expect(await findNames(root, /\.cds-|dagger-stack\//)).toEqual([]);
    expect(await readFile(join(root, "stack/stack.ts"), "utf8")).toBe("// postgres\n// redis\n");
  });

  it("never overwrites a file edited after the killed run: says which to keep, restores the rest", async () => {
    const root = sandbox();
    await seed(root);
    await killedAt(root, "stack/stack.ts");
    await writeFile(join(root, "package.json"), '{ "name": "edited after the crash" }\n');
    const error = await holdTarget(root, HOLD).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InterruptedRunError);
    const [backup] = await findNames(root, /^package\.json\.cds-[0-9a-f]+\.bak$/);
    expect((error as InterruptedRunError).steps).toEqual([
      `package.json is the changed version; ${backup} is the version from before that run: keep the one you want as package.json and delete ${backup}`,
      "then run the command again",
    ]);
    expect(await readFile(join(root, "package.json"), "utf8")).toBe('{ "name": "edited after the crash" }\n');
    expect(await readFile(join(root, backup ?? ""), "utf8")).toBe('{ "name": "mine" }\n');
    expect(await readFile(join(root, "dagger-stack.json"), "utf8")).toBe('{ "services": ["postgres"] }\n');
    expect(existsSync(join(root, ".dagger-stack/lock"))).toBe(false);
    // Doing what it says lets the next run go on.
    await rm(join(root, backup ?? ""));
    const held = await holdTarget(root, HOLD);
    await held.release();
    expect(await findNames(root, /\.cds-|dagger-stack\//)).toEqual([]);
  });

  it("removes a journal the killed run was still writing", async () => {
    const root = sandbox();
    await seed(root);
    const before = await snapshot(root);
    await mkdir(join(root, ".dagger-stack"));
    await writeFile(join(root, ".dagger-stack/journal.json.4242.tmp"), '{ "version": 1, "fil');
    const held = await holdTarget(root, HOLD);
    expect(held.recovery).toBeUndefined();
    await held.release();
    expect(await snapshot(root)).toEqual(before);
  });

  it("a dry run refuses a half-written folder and says how to restore it", async () => {
    const root = sandbox();
    await seed(root);
    await killedAt(root, "stack/stack.ts");
    const before = await snapshot(root);
    expect(() => inspectTarget(root)).toThrow(InterruptedRunError);
    expect(await snapshot(root)).toEqual(before);
  });
});

describe("holdTarget", () => {
  it("creates a missing target for its lock and removes it again when nothing was written", async () => {
    const root = join(sandbox(), "new", "app");
    const held = await holdTarget(root, HOLD);
    expect(existsSync(join(root, ".dagger-stack/lock"))).toBe(true);
    await held.release();
    expect(existsSync(join(sandbox(), "new"))).toBe(false);
  });

  it("leaves no .dagger-stack behind in an existing folder", async () => {
    const root = sandbox();
    await seed(root);
    const before = await snapshot(root);
    const held = await holdTarget(root, HOLD);
    await commitChanges(root, [create("a.ts", "a")]);
    await held.release();
    expect(await snapshot(root)).toEqual({ ...before, "a.ts": expect.stringMatching(/^file /) });
  });
});

describe("the next run after a run killed while deleting", () => {
  it("puts a file the killed run had already removed back in its place", async () => {
    const root = sandbox();
    await seed(root);
    await writeFile(join(root, "stack/old.ts"), "// a dropped service\n");
    const before = await snapshot(root);
    const changes = [
      {
        path: "stack/old.ts",
        type: "delete" as const,
        mode: "generated" as const,
        content: "",
        before: "// a dropped service\n",
      },
      update("stack/stack.ts", "// postgres\n// redis\n", "// postgres\n"),
    ];
    await killedAt(root, "stack/stack.ts", changes);
    expect(existsSync(join(root, "stack/old.ts"))).toBe(false);
    const held = await holdTarget(root, HOLD);
    expect(held.recovery).toEqual({ restored: ["stack/old.ts"], completed: false });
    await held.release();
    expect(await snapshot(root)).toEqual(before);
  });
});
