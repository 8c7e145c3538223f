import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "./support/built-cli.js";
import { Folders, snapshotTree } from "./support/tree.js";

/** The reproductions: links in the target folder, through the built CLI. */
const folders = new Folders("cds-links-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const CREATE = ["t", "--services", "postgres", "--ci", "none", "--yes"];

/** `mkdir t outside` in a fresh folder. */
function layout() {
  const cwd = folders.fresh();
  mkdirSync(join(cwd, "t"));
  mkdirSync(join(cwd, "outside"));
  return { cwd, target: join(cwd, "t"), outside: join(cwd, "outside") };
}

describe("a link that leads out of the target", () => {
  it.each([[[]], [["--force"]], [["--dry-run"]]])(
    "a folder link named stack: exit 2 naming it, nothing written on either side (extra flags %j)",
    (extra) => {
      const { cwd, outside } = layout();
      symlinkSync(outside, join(cwd, "t/stack"));
      const before = snapshotTree(cwd);
      const result = runCli([...CREATE, ...extra], { cwd });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        [
          "error: cannot write through stack; nothing was written",
          `  stack: is a link to ${outside}, outside the target folder; create-dagger-stack does not write through it`,
          "    hint: replace stack with a folder or file of its own, or run create-dagger-stack where the link points",
          "",
        ].join("\n"),
      );
      expect(snapshotTree(cwd)).toEqual(before);
    },
  );

  it("a file link (package.json → elsewhere) is refused and the file elsewhere keeps its content", () => {
    const { cwd, outside } = layout();
    writeFileSync(join(outside, "package.json"), '{ "name": "shared" }\n');
    symlinkSync(join(outside, "package.json"), join(cwd, "t/package.json"));
    const before = snapshotTree(cwd);
    const result = runCli(CREATE, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: cannot write through package\.json; nothing was written\n/);
    expect(snapshotTree(cwd)).toEqual(before);
  });
});

describe("links inside the target", () => {
  it("a file link to a file inside the target is written through and stays a link", () => {
    const { cwd, target } = layout();
    mkdirSync(join(target, "config"));
    writeFileSync(join(target, "config/package.json"), '{ "name": "app", "private": true }\n');
    symlinkSync("config/package.json", join(target, "package.json"));
    const result = runCli(CREATE, { cwd });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readlinkSync(join(target, "package.json"))).toBe("config/package.json");
    const merged = JSON.parse(readFileSync(join(target, "config/package.json"), "utf8"));
    expect(merged).toMatchObject({
      name: "app",
      private: true,
      devDependencies: { "@dagger.io/dagger": expect.any(String) },
    });
  });

  it("a symlink loop named stack is a clear error (exit 2), not a crash", () => {
    const { cwd, target } = layout();
    symlinkSync("stack", join(target, "stack"));
    const result = runCli(CREATE, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        "error: cannot write through stack; nothing was written",
        "  stack: is a symbolic link loop",
        "    hint: remove stack, or point it at a folder inside the target",
        "",
      ].join("\n"),
    );
    expect(readdirSync(target)).toEqual(["stack"]);
    expect(readlinkSync(join(target, "stack"))).toBe("stack");
  });

  it("a target folder that is itself a link loop is a clear error too", () => {
    const cwd = folders.fresh();
    symlinkSync("t", join(cwd, "t"));
    const result = runCli(CREATE, { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: invalid input; nothing was written\n {2}\[dir\] t: is a symbolic link loop\n/,
    );
    expect(readdirSync(cwd)).toEqual(["t"]);
  });
});
