import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "./support/built-cli.js";
import { Folders, readText } from "./support/tree.js";

/**
 * npm's swallowed flags (issue 8, point 10), with the real npm: create-dagger-stack is installed in a
 * project's node_modules (linked to this checkout) and run through `npm exec` as a user would. The advice
 * it prints is then run as it stands, and must work.
 */
const folders = new Folders("cds-npm-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

function projectWithTheTool(): string {
  const root = folders.fresh();
  writeFileSync(join(root, "package.json"), '{ "name": "sandbox", "version": "1.0.0", "private": true }\n');
  mkdirSync(join(root, "node_modules", ".bin"), { recursive: true });
  symlinkSync(ROOT, join(root, "node_modules", "create-dagger-stack"), "dir");
  symlinkSync(
    "../create-dagger-stack/dist/bin.cjs",
    join(root, "node_modules", ".bin", "create-dagger-stack"),
  );
  return root;
}

/** The environment without the npm_* variables of the `npm test` running this file. */
function cleanEnv(): NodeJS.ProcessEnv {
  const entries = Object.entries(process.env).filter(
    ([name]) => !name.startsWith("npm_") && !["CI", "FORCE_COLOR"].includes(name),
  );
  return { ...Object.fromEntries(entries), NO_COLOR: "1", npm_config_update_notifier: "false" };
}

function npm(cwd: string, args: readonly string[]) {
  const result = spawnSync("npm", args, {
    cwd,
    env: cleanEnv(),
    encoding: "utf8",
    input: "",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A command line as the user would paste it: through a POSIX shell. */
function inShell(cwd: string, line: string) {
  const result = spawnSync("sh", ["-c", line], {
    cwd,
    env: cleanEnv(),
    encoding: "utf8",
    input: "",
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command after `pattern` in the error's hint. */
function advice(stderr: string, pattern = /hint: run: (npm .*)$/m): string {
  const line = pattern.exec(stderr)?.[1];
  if (!line) throw new Error(`no advice in:\n${stderr}`);
  return line;
}

describe("npm exec without --", () => {
  it("my-app --services redis: the advice is a command that works", () => {
    const root = projectWithTheTool();
    const swallowed = npm(root, ["exec", "create-dagger-stack", "my-app", "--services", "redis"]);
    expect(swallowed.code).toBe(2);
    expect(existsSync(join(root, "my-app"))).toBe(false);
    const advised = inShell(root, advice(swallowed.stderr));
    expect(advised.stderr).not.toContain("error:");
    expect(advised.code).toBe(0);
    const spec = JSON.parse(readText(join(root, "my-app"), "dagger-stack.json")).spec;
    expect(spec.services.map((service: { kind: string }) => service.kind)).toEqual(["redis"]);
  });

  it("several flags whose values npm left behind are given back to the right flags", () => {
    const root = projectWithTheTool();
    const swallowed = npm(root, [
      ...["exec", "create-dagger-stack", "shop", "--services", "postgres,redis"],
      // npm reads --ci as its --cidr and --lang as its shorthands -l -a -n -g.
      ...["--port", "redis=6390", "--ci", "none", "--lang", "python", "--force"],
    ]);
    expect(swallowed.code).toBe(2);
    const advised = inShell(root, advice(swallowed.stderr));
    expect(advised.code).toBe(0);
    const spec = JSON.parse(readText(join(root, "shop"), "dagger-stack.json")).spec;
    expect(spec).toMatchObject({
      ci: "none",
      language: "python",
      services: [{ name: "postgres" }, { name: "redis", port: 6390 }],
    });
  });

  it("a --yes npm kept for itself is named as such, with the command that passes it on", () => {
    const root = projectWithTheTool();
    const swallowed = npm(root, ["exec", "create-dagger-stack", "my-app", "--yes"]);
    expect(swallowed.code).toBe(2);
    expect(swallowed.stderr).toContain("the --yes you gave went to npm");
    expect(swallowed.stderr).not.toMatch(/or --yes for a single postgres/);
    const advised = inShell(root, advice(swallowed.stderr, /put --yes after --: (npm .*)$/m));
    expect(advised.code).toBe(0);
    expect(existsSync(join(root, "my-app", "dagger-stack.json"))).toBe(true);
  });
});
