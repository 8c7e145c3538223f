import { mkdir, readFile, readlink, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UnsafePathError } from "../../../src/errors.js";
import { commitChanges } from "../../../src/tree/commit.js";
import { diskReader } from "../../../src/tree/disk.js";
import { create, snapshot, update, useSandbox } from "./fixtures.js";

/**
 * Links in the target: followed while they stay inside it, refused (naming the link, writing nothing)
 * when they lead out, loop or dangle.
 */
const sandbox = useSandbox("cds-links-");

async function layout() {
  const root = join(sandbox(), "app");
  const outside = join(sandbox(), "outside");
  await mkdir(root);
  await mkdir(outside);
  return { root, outside };
}

async function refusal(promise: Promise<unknown>): Promise<UnsafePathError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(UnsafePathError);
  return error as UnsafePathError;
}

describe("links that leave the target", () => {
  it("a folder link is refused, naming it; nothing is written on either side", async () => {
    const { root, outside } = await layout();
    await symlink(outside, join(root, "stack"));
    const before = await snapshot(sandbox());
    const error = await refusal(
      commitChanges(root, [create("package.json", "{}\n"), create("stack/config.ts", "x")]),
    );
    expect(error.path).toBe("stack");
    expect(error.problem).toBe(
      `is a link to ${outside}, outside the target folder; create-dagger-stack does not write through it`,
    );
    expect(await snapshot(sandbox())).toEqual(before);
  });

  it("a relative folder link two levels down is refused too", async () => {
    const { root, outside } = await layout();
    await mkdir(join(root, "tests"));
    await symlink("../../outside", join(root, "tests/stack"));
    const before = await snapshot(sandbox());
    const error = await refusal(commitChanges(root, [create("tests/stack/smoke/a.test.ts", "x")]));
    expect(error.path).toBe("tests/stack");
    expect(error.problem).toContain(outside);
    expect(await snapshot(sandbox())).toEqual(before);
  });

  it("a file link is refused: the file outside keeps its content and the link stays a link", async () => {
    const { root, outside } = await layout();
    await writeFile(join(outside, "package.json"), '{ "name": "shared" }\n');
    await symlink(join(outside, "package.json"), join(root, "package.json"));
    const before = await snapshot(sandbox());
    const error = await refusal(
      commitChanges(root, [update("package.json", "{}\n", '{ "name": "shared" }\n')]),
    );
    expect(error.path).toBe("package.json");
    expect(await snapshot(sandbox())).toEqual(before);
  });
});

describe("links inside the target", () => {
  it("a file link is written through and stays a link", async () => {
    const { root } = await layout();
    await mkdir(join(root, "docs"));
    await writeFile(join(root, "docs/README.md"), "old\n");
    await symlink("docs/README.md", join(root, "README.md"));
    await commitChanges(root, [update("README.md", "new\n", "old\n")]);
    expect(await readlink(join(root, "README.md"))).toBe("docs/README.md");
    expect(await readFile(join(root, "docs/README.md"), "utf8")).toBe("new\n");
  });

  it("a folder link is written through", async () => {
    const { root } = await layout();
    await mkdir(join(root, "lib/stack"), { recursive: true });
    await symlink("lib/stack", join(root, "stack"));
    await commitChanges(root, [create("stack/config.ts", "x"), create("stack/sub/a.ts", "a")]);
    expect(await readFile(join(root, "lib/stack/config.ts"), "utf8")).toBe("x");
    expect(await readFile(join(root, "lib/stack/sub/a.ts"), "utf8")).toBe("a");
    expect(await readlink(join(root, "stack"))).toBe("lib/stack");
  });

  it("a target that is itself a link is the folder it points to", async () => {
    const { root } = await layout();
    const alias = join(sandbox(), "alias");
    await symlink(root, alias);
    await commitChanges(alias, [create("a.ts", "a")]);
    expect(await readFile(join(root, "a.ts"), "utf8")).toBe("a");
  });

  it("two written paths that are one file are refused", async () => {
    const { root } = await layout();
    await writeFile(join(root, "real.md"), "old\n");
    await symlink("real.md", join(root, "alias.md"));
    const error = await refusal(
      commitChanges(root, [update("alias.md", "a\n", "old\n"), update("real.md", "b\n", "old\n")]),
    );
    expect(error.path).toBe("real.md");
    expect(error.problem).toMatch(/^is the same file as alias\.md/);
  });
});

describe("broken links", () => {
  it("a link loop named stack is a clear error when writing and when reading", async () => {
    const { root } = await layout();
    await symlink("stack", join(root, "stack"));
    const before = await snapshot(root);
    const error = await refusal(commitChanges(root, [create("stack/config.ts", "x")]));
    expect([error.path, error.problem]).toEqual(["stack", "is a symbolic link loop"]);
    expect(await snapshot(root)).toEqual(before);
    expect(() => diskReader(root).read("stack/config.ts")).toThrow(UnsafePathError);
  });

  it("a dangling link is refused, saying where it points", async () => {
    const { root } = await layout();
    await symlink("gone", join(root, "stack"));
    const error = await refusal(commitChanges(root, [create("stack/config.ts", "x")]));
    expect([error.path, error.problem]).toEqual(["stack", "is a link to gone, which does not exist"]);
  });
});
