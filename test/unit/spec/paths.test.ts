import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { custom, problemAt, problemsOf, service, spec } from "../../support/builders.js";
import { runMain, TempFolders } from "./support/run-main.js";

/**
 * Issue 11, point 9: a spec from an untrusted repository must not reach outside the project. Dagger expands
 * `~` on the host, so `~/.ssh` as a mount source or build context would hand the user's keys to an image.
 */
const mount = (source: string, target = "/data") => spec([custom("tools", { mounts: [{ source, target }] })]);
const build = (context: string, dockerfile?: string) =>
  spec([service("backend", { build: dockerfile === undefined ? context : { context, dockerfile } })]);

const ESCAPES: [string, RegExp][] = [
  ["~/.ssh", /starts with ~.*home folder/],
  ["~", /starts with ~/],
  ["~root/.ssh", /starts with ~/],
  ["/etc", /absolute path/],
  ["\\\\server\\share", /absolute path/],
  ["C:\\Users", /absolute path/],
  ["../..", /climbs outside the project/],
  ["a/../../b", /climbs outside the project/],
  ["a\\..\\..\\b", /climbs outside the project/],
  ["data\u0000", /control character/],
  ["da\nta", /control character/],
  ["data\u001b[31m", /control character/],
];

describe("mount sources and build contexts stay inside the project", () => {
  it.each(ESCAPES)("mount source %j", (source, message) => {
    const problem = problemAt(mount(source), "services[0].mounts[0].source");
    expect(problem.message).toMatch(message);
    expect(problem.hint).toMatch(/inside the project, e\.g\. \.\/audio_files/);
  });

  it.each(ESCAPES)("build context %j", (context, message) => {
    const problem = problemAt(build(context), "services[0].build.context");
    expect(problem.message).toMatch(message);
    expect(problem.hint).toMatch(/inside the project/);
  });

  it("shows a control character escaped, never raw", () => {
    expect(problemAt(mount("x\u001b[2J"), "services[0].mounts[0].source").message).toContain('"x\\u001b[2J"');
  });

  it.each([".", "./data", "data/audio", "a/../b", "./a/./b/../c"])("accepts %j", (path) => {
    expect(problemsOf(mount(path))).toEqual([]);
    expect(problemsOf(build(path))).toEqual([]);
  });
});

describe("Dockerfile paths stay inside the build context", () => {
  it.each([
    ["/etc/passwd", /absolute path, outside the build context/],
    ["../../etc/passwd", /climbs outside the build context/],
    ["~/Dockerfile", /starts with ~/],
    ["Dockerfile\u0000", /control character/],
  ])("rejects %j", (dockerfile, message) => {
    const problem = problemAt(build("./backend", dockerfile), "services[0].build.dockerfile");
    expect(problem.message).toMatch(message);
    expect(problem.hint).toMatch(/inside the build context/);
  });

  it.each(["Dockerfile", "docker/Dockerfile.dev", "./Dockerfile"])("accepts %j", (dockerfile) => {
    expect(problemsOf(build("./backend", dockerfile))).toEqual([]);
  });
});

describe("mount targets are absolute paths in the container", () => {
  it.each([
    ["etc", /not an absolute path/],
    ["~/data", /not an absolute path/],
    ["/data\u0000", /control character/],
    ["/da\tta", /control character/],
  ])("rejects %j", (target, message) => {
    const problem = problemAt(mount("./data", target), "services[0].mounts[0].target");
    expect(problem.message).toMatch(message);
    expect(problem.hint).toBe("e.g. /audio_files");
  });
});

describe("the CLI refuses the issue's spec", () => {
  const folders = new TempFolders();
  afterEach(() => folders.cleanup());

  it("~/.ssh as a mount source and a build context: exit 2, each spec path named, nothing written", async () => {
    const root = folders.fresh();
    writeFileSync(
      join(root, "stack.yaml"),
      [
        "name: demo",
        "services:",
        "  - { name: tools, kind: custom, image: alpine:3, mounts: [{ source: ~/.ssh, target: /keys }] }",
        "  - { name: api, kind: backend, build: { context: ~/.ssh, dockerfile: /etc/passwd } }",
        "",
      ].join("\n"),
    );
    const run = await runMain(["app", "--spec", "stack.yaml", "--yes"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("services[0].mounts[0].source (in stack.yaml)");
    expect(run.stderr).toContain("services[1].build.context (in stack.yaml)");
    expect(run.stderr).toContain("services[1].build.dockerfile (in stack.yaml)");
    expect(run.stderr).not.toContain("a bug in create-dagger-stack");
    expect(existsSync(join(root, "app"))).toBe(false);
  });
});
