import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { KEY } from "./support/fake-terminal.js";
import { terminalSession } from "./support/terminal-session.js";
import { Folders, readText, snapshotTree } from "./support/tree.js";

/**
 * The interactive flow as a new user meets it (issue 8, point 9), driven in-process on a pretend terminal:
 * the language is asked when the folder does not tell, a summary comes before anything is written, the
 * matrix prompt says what it does, a backend waits for the data services by default, and the messages
 * under a prompt speak of that prompt.
 */
const folders = new Folders("cds-flow-");
afterEach(() => folders.cleanup());

const manifestSpec = (dir: string) => JSON.parse(readText(dir, "dagger-stack.json")).spec;

/** Everything about postgres given, so only the question under test is asked about it. */
const POSTGRES_GIVEN = [
  "--service-version",
  "postgres=16",
  "--port",
  "postgres=5432",
  "--extensions",
  "postgres=",
  "--database",
  "postgres=app",
];

describe("the language", () => {
  it("is asked in an empty folder, and the answer is what gets generated", async () => {
    const root = folders.fresh();
    const result = await terminalSession(
      root,
      [".", "--name", "app", "--services", "postgres", "--ci", "none", ...POSTGRES_GIVEN],
      [
        { expect: /Language of the generated code/, keys: `${KEY.down}${KEY.enter}` },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(manifestSpec(root).language).toBe("python");
    expect(existsSync(join(root, "pyproject.toml"))).toBe(true);
    expect(result.stdout).toContain("--lang python");
  });

  it("is not asked when the folder has a package.json", async () => {
    const root = folders.fresh();
    writeFileSync(join(root, "package.json"), '{ "name": "mine" }\n');
    const result = await terminalSession(
      root,
      [".", "--name", "app", "--services", "postgres", "--ci", "none", ...POSTGRES_GIVEN],
      [
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Language of the generated code");
    expect(manifestSpec(root).language).toBe("typescript");
  });

  it("comes from the project picture's languages: a folder with only a tsconfig.json speaks TypeScript", async () => {
    const root = folders.fresh();
    writeFileSync(join(root, "tsconfig.json"), '{ "compilerOptions": { "strict": true } }\n');
    const result = await terminalSession(
      root,
      [".", "--name", "app", "--services", "postgres", "--ci", "none", ...POSTGRES_GIVEN],
      [
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toContain("Language of the generated code");
    expect(manifestSpec(root).language).toBe("typescript");
  });
});

describe("the summary before writing", () => {
  const args = [".", "--name", "app", "--lang", "typescript", "--services", "postgres", "--ci", "none"];

  it("shows the stack and how many files change, and 'no' writes nothing (exit 130)", async () => {
    const root = folders.fresh();
    const before = snapshotTree(root);
    const result = await terminalSession(
      root,
      [...args, ...POSTGRES_GIVEN],
      [
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes to the current folder\?/, keys: `n${KEY.enter}` },
      ],
    );
    expect(result.code).toBe(130);
    expect(result.stdout).toMatch(/name +app \(typescript\)/);
    expect(result.stdout).toMatch(/postgres +postgres 16, host port 5432/);
    expect(result.stdout).toMatch(/files +\d+ to create/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it("is skipped by --yes, and by --dry-run, which writes nothing anyway", async () => {
    const yes = folders.fresh();
    expect((await terminalSession(yes, [...args, "--yes"], [])).code).toBe(0);
    expect(existsSync(join(yes, "dagger-stack.json"))).toBe(true);
    const dry = folders.fresh();
    const result = await terminalSession(
      dry,
      [...args, ...POSTGRES_GIVEN, "--dry-run"],
      [{ expect: /Testing matrix/, keys: KEY.enter }],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Write these changes");
  });

  it("on a re-run in a generated stack asks nothing but the confirmation", async () => {
    const root = folders.fresh();
    expect((await terminalSession(root, [...args, "--port", "postgres=5440", "--yes"], [])).code).toBe(0);
    const result = await terminalSession(
      root,
      [".", "--services", "postgres,redis", "--port", "redis=6390"],
      [
        { expect: /redis: version/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("dagger-stack.json's answers");
    expect(result.stdout).not.toMatch(/postgres: |Project name|Testing matrix|CI provider/);
    expect(manifestSpec(root).services).toEqual([
      expect.objectContaining({ name: "postgres", port: 5440 }),
      expect.objectContaining({ name: "redis", port: 6390 }),
    ]);
  });
});

describe("the testing matrix prompt", () => {
  it("refuses a single pick with a reason, says what a pick adds, and the summary names it", async () => {
    const root = folders.fresh();
    const result = await terminalSession(
      root,
      [
        ".",
        "--name",
        "app",
        "--lang",
        "typescript",
        "--services",
        "postgres",
        "--ci",
        "none",
        ...POSTGRES_GIVEN,
      ],
      [
        {
          expect: /Testing matrix \(optional\): run the tests that use the "backend" fixture/,
          keys: KEY.space,
        },
        { expect: /postgres/, keys: KEY.enter },
        { expect: /a matrix compares: pick a second service/, keys: `${KEY.down.repeat(5)}${KEY.space}` },
        { expect: /chromadb/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("chromadb (not in the stack: picking it adds it)");
    expect(result.stdout).toMatch(/matrix +tests using the "backend" fixture run against postgres, chromadb/);
    expect(result.stdout).toMatch(/note: added service "chromadb"/);
    const spec = manifestSpec(root);
    expect(spec.matrix).toEqual({ backend: ["postgres", "chromadb"] });
    expect(spec.services.map((service: { name: string }) => service.name)).toEqual(["postgres", "chromadb"]);
  });
});

describe("a backend's services it waits for", () => {
  it("start checked on the data services, so Enter gives it their URLs", async () => {
    const root = folders.fresh();
    const backendGiven = ["--port", "api=8000", "--context", "api=./api", "--dockerfile", "api=Dockerfile"];
    const result = await terminalSession(
      root,
      [
        ".",
        ...[
          "--name",
          "app",
          "--lang",
          "typescript",
          "--ci",
          "none",
          "--services",
          "postgres,redis,api:backend",
        ],
        ...POSTGRES_GIVEN,
        ...["--service-version", "redis=7.4", "--port", "redis=6379", "--health-path", "api=/health"],
        ...backendGiven,
      ],
      [
        {
          expect: /api: services it waits for \(each one it waits for gives it a <NAME>_URL/,
          keys: KEY.enter,
        },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("postgres (POSTGRES_URL)");
    const api = manifestSpec(root).services.find((service: { name: string }) => service.name === "api");
    expect(api.dependsOn).toEqual(["postgres", "redis"]);
    const stack = readText(root, "stack/stack.ts");
    expect(stack).toMatch(/"POSTGRES_URL"/);
    expect(stack).toMatch(/"REDIS_URL"/);
  });
});

describe("messages under a prompt", () => {
  it("name services, not services[0], and give an example for the prompt at hand", async () => {
    const root = folders.fresh();
    const result = await terminalSession(
      root,
      [
        ...[".", "--name", "app", "--lang", "typescript", "--ci", "none", "--services", "postgres,redis"],
        ...["--service-version", "postgres=16", "--extensions", "postgres=", "--database", "postgres=app"],
        ...["--service-version", "redis=7.4"],
      ],
      [
        { expect: /postgres: host port \(5432\)/, keys: `abc${KEY.enter}` },
        { expect: /"abc" is not a port number/, keys: `${"\x7f".repeat(3)}${KEY.enter}` },
        { expect: /redis: host port/, keys: `${"\x7f".repeat(4)}5432${KEY.enter}` },
        { expect: /port 5432 is already used by postgres/, keys: `${"\x7f".repeat(4)}6390${KEY.enter}` },
        { expect: /Testing matrix/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"abc" is not a port number (e.g. 5432)');
    expect(result.stdout).not.toMatch(/services\[\d\]|--port redis=6380/);
  });
});

describe("keeping your own version of a file while the stack drops a service", () => {
  it("says the kept file may still use the dropped service, and how to take the generated one", async () => {
    const root = folders.fresh();
    const first = [
      ".",
      "--name",
      "app",
      "--lang",
      "typescript",
      "--ci",
      "none",
      "--services",
      "postgres,redis",
    ];
    expect((await terminalSession(root, [...first, "--yes"], [])).code).toBe(0);
    const stackTs = join(root, "stack", "stack.ts");
    writeFileSync(stackTs, `${readText(root, "stack/stack.ts")}// ours\n`);
    const result = await terminalSession(
      root,
      [".", "--services", "postgres"],
      [
        { expect: /stack\/stack\.ts was changed since it was generated/, keys: KEY.enter },
        { expect: /Write these changes/, keys: KEY.enter },
      ],
    );
    expect(result.code).toBe(0);
    expect(readText(root, "stack/stack.ts")).toContain("// ours");
    expect(result.stderr).toContain(
      "warning: stack/stack.ts: you kept your version, generated while the stack still had redis",
    );
    expect(result.stderr).toContain("rerun with --force");
  });
});
