import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CommitError } from "../../../src/errors.js";
import { commitChanges } from "../../../src/tree/commit.js";
import type { FileChange } from "../../../src/tree/tree.js";

let sandbox: string;

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), "cds-commit-"));
});

afterEach(async () => {
  await rm(sandbox, { recursive: true, force: true });
});

const create = (path: string, content: string): FileChange => ({
  path,
  type: "create",
  mode: "generated",
  content,
});
const update = (path: string, content: string, before: string): FileChange => ({
  path,
  type: "update",
  mode: "generated",
  content,
  before,
});

/** Every entry under `root`: folders, and files with their bytes and mode. */
async function snapshot(root: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of (await readdir(dir)).sort()) {
      const path = join(dir, entry);
      const info = await lstat(path);
      const key = `${prefix}${entry}`;
      if (info.isDirectory()) {
        result[`${key}/`] = `dir ${(info.mode & 0o777).toString(8)}`;
        await walk(path, `${key}/`);
      } else {
        result[key] = `file ${(info.mode & 0o777).toString(8)} ${(await readFile(path)).toString("base64")}`;
      }
    }
  };
  await walk(root, "");
  return result;
}

/** A hook that throws on the nth rename into place. */
function failOnRename(n: number) {
  let calls = 0;
  return {
    beforeRename: () => {
      calls++;
      if (calls === n) throw new Error("disk full (simulated)");
    },
  };
}

async function seedProject(root: string) {
  await mkdir(join(root, "src"), { recursive: true });
  await writeFile(join(root, "package.json"), '{ "name": "mine" }\n');
  await writeFile(join(root, "src/index.ts"), "export {};\n");
  await writeFile(join(root, "run.sh"), "#!/bin/sh\n");
  await chmod(join(root, "run.sh"), 0o755);
}

describe("commitChanges", () => {
  it("creates files and the folders they need", async () => {
    await commitChanges(sandbox, [
      create("stack/config.ts", "a"),
      create("tests/stack/smoke/x.test.ts", "b"),
      create("top.md", "c"),
    ]);
    expect(await snapshot(sandbox)).toEqual({
      "stack/": expect.stringMatching(/^dir /),
      "stack/config.ts": expect.stringMatching(/ YQ==$/),
      "tests/": expect.stringMatching(/^dir /),
      "tests/stack/": expect.stringMatching(/^dir /),
      "tests/stack/smoke/": expect.stringMatching(/^dir /),
      "tests/stack/smoke/x.test.ts": expect.stringMatching(/ Yg==$/),
      "top.md": expect.stringMatching(/ Yw==$/),
    });
  });

  it("updates a file in place and leaves no temporary or backup files", async () => {
    await seedProject(sandbox);
    await commitChanges(sandbox, [
      update("package.json", '{ "name": "new" }\n', '{ "name": "mine" }\n'),
      create("src/new.ts", "x"),
    ]);
    expect(await readFile(join(sandbox, "package.json"), "utf8")).toBe('{ "name": "new" }\n');
    expect((await readdir(sandbox)).sort()).toEqual(["package.json", "run.sh", "src"]);
    expect((await readdir(join(sandbox, "src"))).sort()).toEqual(["index.ts", "new.ts"]);
  });

  it("keeps the mode of an updated file", async () => {
    await seedProject(sandbox);
    await commitChanges(sandbox, [update("run.sh", "#!/bin/sh\necho hi\n", "#!/bin/sh\n")]);
    expect((await stat(join(sandbox, "run.sh"))).mode & 0o777).toBe(0o755);
    expect(await readFile(join(sandbox, "run.sh"), "utf8")).toBe("#!/bin/sh\necho hi\n");
  });

  it("creates a missing root", async () => {
    const root = join(sandbox, "new", "project");
    await commitChanges(root, [create("a/b.txt", "b")]);
    expect(await readFile(join(root, "a/b.txt"), "utf8")).toBe("b");
  });

  it("does nothing for an empty change list", async () => {
    await seedProject(sandbox);
    const before = await snapshot(sandbox);
    await commitChanges(sandbox, []);
    expect(await snapshot(sandbox)).toEqual(before);
  });

  it.each([1, 2, 3, 4, 5])(
    "leaves the folder byte-identical when the rename of file %i of 5 fails",
    async (failing) => {
      await seedProject(sandbox);
      const before = await snapshot(sandbox);
      const changes = [
        update("package.json", "{}\n", '{ "name": "mine" }\n'),
        create("stack/stack.ts", "stack"),
        update("run.sh", "changed\n", "#!/bin/sh\n"),
        create("stack/config.ts", "config"),
        create("tests/stack/deep/fixtures.ts", "fixtures"),
      ];
      const error = await commitChanges(sandbox, changes, { hooks: failOnRename(failing) }).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(CommitError);
      expect((error as CommitError).message).toContain("nothing was changed");
      expect(await snapshot(sandbox)).toEqual(before);
    },
  );

  it("rolls back when a file cannot even be staged", async () => {
    await seedProject(sandbox);
    const before = await snapshot(sandbox);
    // run.sh is a file, so nothing can be written beneath it.
    const changes = [create("stack/a.ts", "a"), create("run.sh/b.ts", "b")];
    await expect(commitChanges(sandbox, changes)).rejects.toBeInstanceOf(CommitError);
    expect(await snapshot(sandbox)).toEqual(before);
  });

  it("fails with CommitError and changes nothing when the root is a file", async () => {
    const root = join(sandbox, "file");
    await writeFile(root, "not a folder");
    const before = await snapshot(sandbox);
    await expect(commitChanges(root, [create("a.txt", "a")])).rejects.toBeInstanceOf(CommitError);
    expect(await snapshot(sandbox)).toEqual(before);
  });

  it("leaves no root behind when it created the root and then failed", async () => {
    const root = join(sandbox, "fresh");
    await expect(
      commitChanges(root, [create("a.txt", "a"), create("b.txt", "b")], { hooks: failOnRename(2) }),
    ).rejects.toBeInstanceOf(CommitError);
    expect(await readdir(sandbox)).toEqual([]);
  });
});
