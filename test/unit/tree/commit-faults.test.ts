import { writeFileSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CancelledError, ChangedOnDiskError, CommitError } from "../../../src/errors.js";
import { commitChanges } from "../../../src/tree/commit.js";
import type { WriteFile } from "../../../src/tree/staging.js";
import { create, findNames, snapshot, update, useSandbox } from "./fixtures.js";

/** The commit under injected faults: a full disk, files saved meanwhile, signals, leftovers of old runs. */
const sandbox = useSandbox("cds-commit-faults-");

async function seedProject(root: string) {
  await mkdir(join(root, "src"), { recursive: true });
  await writeFile(join(root, "package.json"), '{ "name": "mine" }\n');
  await writeFile(join(root, "src/index.ts"), "export {};\n");
  await writeFile(join(root, "run.sh"), "#!/bin/sh\n");
  await chmod(join(root, "run.sh"), 0o755);
}

const PROJECT_CHANGES = [
  update("package.json", '{ "name": "new" }\n', '{ "name": "mine" }\n'),
  create("stack/deep/config.ts", "config"),
  update("run.sh", "#!/bin/sh\necho hi\n", "#!/bin/sh\n"),
  update("src/index.ts", "export const x = 1;\n", "export {};\n"),
];

/** Like a full disk: the temp file is created and half written, then the write fails. */
function diskFullAt(failing: string): WriteFile {
  return async (temp, content, path) => {
    await writeFile(temp, path === failing ? content.slice(0, content.length >> 1) : content, { flag: "wx" });
    if (path === failing) {
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }
  };
}

describe("a full disk while staging", () => {
  it("leaves no temp file and no new folder, and names the file that failed", async () => {
    const root = sandbox();
    await seedProject(root);
    const before = await snapshot(root);
    const error = await commitChanges(root, PROJECT_CHANGES, {
      hooks: { writeStaged: diskFullAt("stack/deep/config.ts") },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommitError);
    expect((error as Error).message).toBe(
      "could not write stack/deep/config.ts: no space left on the device (ENOSPC); nothing was changed",
    );
    expect(await snapshot(root)).toEqual(before);
  });

  it("removes the root it created", async () => {
    const root = join(sandbox(), "new-app");
    const error = await commitChanges(root, [create("a.ts", "a"), create("b/c.ts", "c")], {
      hooks: { writeStaged: diskFullAt("b/c.ts") },
    }).catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(/^could not write b\/c\.ts: no space left/);
    expect(await readdir(sandbox())).toEqual([]);
  });
});

describe("compare before replace", () => {
  it("a file saved after the planner read it is a conflict, never overwritten; nothing else changes", async () => {
    const root = sandbox();
    await seedProject(root);
    const saved = "export const mine = true; // saved in an editor while the run planned\n";
    const hooks = {
      beforeRename: async (path: string) => {
        if (path === "package.json") await writeFile(join(root, "src/index.ts"), saved);
      },
    };
    const before = await snapshot(root);
    const error = await commitChanges(root, PROJECT_CHANGES, { hooks }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChangedOnDiskError);
    expect((error as ChangedOnDiskError).paths).toEqual(["src/index.ts"]);
    expect(await readFile(join(root, "src/index.ts"), "utf8")).toBe(saved);
    const after = await snapshot(root);
    delete after["src/index.ts"];
    delete before["src/index.ts"];
    expect(after).toEqual(before);
  });

  it("a file that appeared where the run creates one is kept", async () => {
    const root = sandbox();
    await seedProject(root);
    const hooks = {
      beforeRename: async (path: string) => {
        if (path === "package.json") await writeFile(join(root, "stack/deep/config.ts"), "theirs\n");
      },
    };
    await expect(commitChanges(root, PROJECT_CHANGES, { hooks })).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(await readFile(join(root, "stack/deep/config.ts"), "utf8")).toBe("theirs\n");
    expect(await readFile(join(root, "package.json"), "utf8")).toBe('{ "name": "mine" }\n');
  });

  it("a file that differs from what was read when the commit starts is not replaced", async () => {
    const root = sandbox();
    await seedProject(root);
    await writeFile(join(root, "run.sh"), "#!/bin/sh\n# edited\n");
    const before = await snapshot(root);
    await expect(commitChanges(root, PROJECT_CHANGES)).rejects.toBeInstanceOf(ChangedOnDiskError);
    expect(await snapshot(root)).toEqual(before);
  });
});

describe("SIGINT/SIGTERM during the write phase", () => {
  it.each([1, 2, 4])(
    "an abort before rename %i of 4 rolls back: no temp files, tree as before",
    async (at) => {
      const root = sandbox();
      await seedProject(root);
      const before = await snapshot(root);
      const controller = new AbortController();
      let renames = 0;
      const hooks = {
        beforeRename: () => {
          renames++;
          if (renames === at) controller.abort();
        },
      };
      const commit = commitChanges(root, PROJECT_CHANGES, { hooks, signal: controller.signal });
      await expect(commit).rejects.toBeInstanceOf(CancelledError);
      expect(await snapshot(root)).toEqual(before);
    },
  );

  it("an abort between two steps is a CancelledError and leaves nothing", async () => {
    const root = sandbox();
    await seedProject(root);
    const before = await snapshot(root);
    const controller = new AbortController();
    const writeStaged: WriteFile = async (temp, content, path) => {
      await writeFile(temp, content, { flag: "wx" });
      if (path === "run.sh") controller.abort();
    };
    const commit = commitChanges(root, PROJECT_CHANGES, {
      hooks: { writeStaged },
      signal: controller.signal,
    });
    await expect(commit).rejects.toBeInstanceOf(CancelledError);
    expect(await snapshot(root)).toEqual(before);
    expect(await findNames(root, /\.tmp$/)).toEqual([]);
  });

  it("a signal handled by the event loop while files are written (as SIGINT is) stops the commit", async () => {
    const root = sandbox();
    await seedProject(root);
    const before = await snapshot(root);
    const controller = new AbortController();
    let signalled = false;
    // Writes the way the commit itself does, without yielding; the "signal" lands on the loop's next turn.
    const writeStaged: WriteFile = async (temp, content) => {
      writeFileSync(temp, content, { flag: "wx" });
      if (!signalled) setImmediate(() => controller.abort());
      signalled = true;
    };
    // New files only: their steps make no call that waits, as in a create.
    const changes = [create("a.ts", "a"), create("b/c.ts", "c"), create("d.ts", "d")];
    const commit = commitChanges(root, changes, { hooks: { writeStaged }, signal: controller.signal });
    await expect(commit).rejects.toBeInstanceOf(CancelledError);
    expect(await snapshot(root)).toEqual(before);
    expect(await findNames(root, /\.tmp$/)).toEqual([]);
  });

  it("an abort before the commit starts creates nothing, not even the root", async () => {
    const controller = new AbortController();
    controller.abort();
    const root = join(sandbox(), "app");
    await expect(
      commitChanges(root, [create("a.ts", "a")], { signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(await readdir(sandbox())).toEqual([]);
  });
});

describe("backups and the journal", () => {
  it("originals wait under a name unique to the run: a file named like a fixed backup is never touched", async () => {
    const root = sandbox();
    await seedProject(root);
    // The name every run used to back package.json up to.
    await writeFile(join(root, "package.json.cds-backup.tmp"), "my notes\n");
    let aside: string[] = [];
    const hooks = {
      beforeRename: async (path: string) => {
        if (path === "src/index.ts") aside = await findNames(root, /\.bak$/);
      },
    };
    await commitChanges(root, PROJECT_CHANGES, { hooks });
    expect(await readFile(join(root, "package.json.cds-backup.tmp"), "utf8")).toBe("my notes\n");
    expect(aside).toEqual([
      expect.stringMatching(/^package\.json\.cds-[0-9a-f]{8}\.bak$/),
      expect.stringMatching(/^run\.sh\.cds-[0-9a-f]{8}\.bak$/),
    ]);
    expect(await findNames(root, /\.cds-[0-9a-f]{8}\.(bak|tmp)$/)).toEqual([]);
  });

  it("a journal listing every file is on disk before the first rename and gone after the last", async () => {
    const root = sandbox();
    await seedProject(root);
    let journal: { files: { path: string; temp: string; backup?: string }[]; folders: string[] } | undefined;
    const hooks = {
      beforeRename: async (path: string) => {
        if (path === "package.json") {
          journal = JSON.parse(await readFile(join(root, ".dagger-stack/journal.json"), "utf8"));
        }
      },
    };
    await commitChanges(root, PROJECT_CHANGES, { hooks });
    expect(journal?.folders).toEqual(["stack", "stack/deep"]);
    expect(journal?.files.map(({ path, backup }) => [path, backup !== undefined])).toEqual([
      ["package.json", true],
      ["stack/deep/config.ts", false],
      ["run.sh", true],
      ["src/index.ts", true],
    ]);
    expect(await readdir(root)).not.toContain(".dagger-stack");
  });

  it("keeps a copy of each file it is told to (--force), ignored by git, beside nothing else", async () => {
    const root = sandbox();
    await seedProject(root);
    const result = await commitChanges(root, PROJECT_CHANGES, {
      keep: ["run.sh", "src/index.ts"],
      now: new Date("2030-01-02T03:04:05.678Z"),
    });
    const folder = ".dagger-stack/backups/2030-01-02T03-04-05-678Z";
    expect(result).toEqual({ backupsFolder: folder });
    expect(await readFile(join(root, folder, "src/index.ts.backup"), "utf8")).toBe("export {};\n");
    expect(await readFile(join(root, folder, "run.sh.backup"), "utf8")).toBe("#!/bin/sh\n");
    expect((await stat(join(root, folder, "run.sh.backup"))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(root, ".dagger-stack/.gitignore"), "utf8")).toMatch(/^\*$/m);
    expect((await readdir(join(root, ".dagger-stack"))).sort()).toEqual([".gitignore", "backups"]);
    expect(await readFile(join(root, "src/index.ts"), "utf8")).toBe("export const x = 1;\n");
  });

  it("a second run in the same millisecond keeps its copies in a folder of its own", async () => {
    const root = sandbox();
    await seedProject(root);
    const now = new Date("2030-01-02T03:04:05.678Z");
    const first = await commitChanges(root, [update("run.sh", "one\n", "#!/bin/sh\n")], {
      keep: ["run.sh"],
      now,
    });
    const second = await commitChanges(root, [update("run.sh", "two\n", "one\n")], { keep: ["run.sh"], now });
    expect(second.backupsFolder).toBe(`${first.backupsFolder}-2`);
    expect(await readFile(join(root, `${first.backupsFolder}/run.sh.backup`), "utf8")).toBe("#!/bin/sh\n");
    expect(await readFile(join(root, `${second.backupsFolder}/run.sh.backup`), "utf8")).toBe("one\n");
  });

  it("a rolled-back commit keeps no copy and leaves no .dagger-stack", async () => {
    const root = sandbox();
    await seedProject(root);
    const before = await snapshot(root);
    const hooks = {
      beforeRename: (path: string) => {
        if (path === "src/index.ts") throw new Error("simulated failure");
      },
    };
    await expect(commitChanges(root, PROJECT_CHANGES, { hooks, keep: ["run.sh"] })).rejects.toBeInstanceOf(
      CommitError,
    );
    expect(await snapshot(root)).toEqual(before);
  });
});
