import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readProject } from "../../src/readers/index.js";
import { ensureBuilt, runCli } from "../cli/support/built-cli.js";
import { KEY } from "../cli/support/fake-terminal.js";
import { terminalSession } from "../cli/support/terminal-session.js";
import { Folders, readText, snapshotTree } from "../cli/support/tree.js";

/**
 * `migrate` through the built CLI, as a user runs it on a copy of a fixture project: the report printed,
 * written to docs/dagger-migration.md and (with --report) as JSON; a dry run writes nothing; a second run
 * changes nothing; bad input is exit 2 with the tree untouched; `add` grows the migrated stack. The
 * interactive flow runs in-process on a pretend terminal.
 */
const folders = new Folders("cds-migrate-");
beforeAll(ensureBuilt, 120_000);
afterEach(() => folders.cleanup());

const FIXTURES = join(import.meta.dirname, "..", "fixtures", "migrate");
/** Whole projects with tests and CI of their own (steps 3 and 4 have something to do). */
const PROJECTS = join(import.meta.dirname, "..", "fixtures", "migrate-projects");

/** A fixture's project copied into a fresh folder, as the user's repository. */
function project(feature: string): string {
  const root = folders.fresh();
  cpSync(join(FIXTURES, feature, "project"), root, { recursive: true });
  return root;
}

const migrate = (root: string, ...args: string[]) => runCli(["migrate", ...args], { cwd: root });
const manifest = (root: string) => JSON.parse(readText(root, "dagger-stack.json"));

describe("migrate without a terminal", () => {
  it("writes the stack and docs/dagger-migration.md, and prints the report with every key not kept as written", () => {
    const root = project("overrides");
    const result = migrate(root, "--yes");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Migrated \. onto a Dagger stack:\n/);
    for (const line of [
      "create docs/dagger-migration.md",
      "create stack/stack.ts",
      "create dagger-stack.json",
    ]) {
      expect(result.stdout).toContain(`  ${line}\n`);
    }
    expect(result.stdout).toContain("Migration report (also in docs/dagger-migration.md):");
    expect(result.stdout).toContain("  keys: 8 converted, 0 approximated, 1 dropped\n");
    expect(result.stdout).toContain(
      "    web.dns dropped: names resolve through the stack's service bindings, not Docker's networking\n",
    );
    const doc = readText(root, "docs/dagger-migration.md");
    expect(doc).toContain("| `dns` | dropped | names resolve through the stack's service bindings");
    expect(doc).toContain("- Compose files: `compose.yaml`, `compose.override.yaml`");
    expect(manifest(root).spec.services.map((service: { name: string }) => service.name)).toEqual([
      "web",
      "worker",
      "adminer",
    ]);
    expect(manifest(root).files).toHaveProperty(["docs/dagger-migration.md"]);
  });

  it("never prompts: without --yes it takes every service, as --yes does", () => {
    const root = project("overrides");
    const result = migrate(root);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Step 2 of 4");
    expect(manifest(root).spec.services).toHaveLength(3);
  });

  it("running it again changes nothing, says so, and leaves every file as it was", () => {
    const root = project("overrides");
    expect(migrate(root, "--yes", "--report", "migration.json").code).toBe(0);
    const before = snapshotTree(root);
    const again = migrate(root, "--yes", "--report", "migration.json");
    expect(again.stderr).toBe("");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Nothing to change: \. is migrated already\.\n/);
    expect(snapshotTree(root)).toEqual(before);
  });

  it.each(["typescript", "python"])(
    "a project with no compose file, in %s: a second run finds the same services, ignoring the stack's own files",
    (language) => {
      const root = project("dependency-only");
      expect(migrate(root, "--yes", "--lang", language).code).toBe(0);
      expect(manifest(root).spec.services.map((service: { name: string }) => service.name)).toEqual([
        "postgres",
        "redis",
        "mysql",
        "mongodb",
        "chromadb",
      ]);
      const before = snapshotTree(root);
      const again = migrate(root, "--yes", "--lang", language);
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^Nothing to change/);
      expect(snapshotTree(root)).toEqual(before);
    },
  );

  it.each(readdirSync(PROJECTS))(
    "%s: steps 3 and 4 wire its tests and CI, and a second run changes nothing",
    (name) => {
      const root = folders.fresh();
      cpSync(join(PROJECTS, name), root, { recursive: true });
      const first = migrate(root, "--yes", "--report", "migration.json");
      expect(first.code).toBe(0);
      const report = JSON.parse(readText(root, "migration.json"));
      expect(report.tests.filter((entry: { status: string }) => entry.status !== "unchanged")).not.toEqual(
        [],
      );
      expect(report.ci.filter((entry: { status: string }) => entry.status !== "unchanged")).not.toEqual([]);
      const before = snapshotTree(root);
      const again = migrate(root, "--yes", "--report", "migration.json");
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/^Nothing to change/);
      expect(snapshotTree(root)).toEqual(before);
    },
  );

  it("--dry-run lists the changes and the report and writes nothing, not even --report's file", () => {
    const root = project("overrides");
    const before = snapshotTree(root);
    const result = migrate(root, "--dry-run", "--report", "migration.json");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Dry run: nothing written\nWould migrate \. onto a Dagger stack:\n/);
    expect(result.stdout).toContain("  create migration.json\n");
    expect(result.stdout).toContain("Migration report (also in docs/dagger-migration.md):");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("--report writes the report as JSON: services with every key, secrets, tests, ci, warnings", () => {
    const root = sharedPasswordProject();
    expect(migrate(root, "--yes", "--report", "reports/migration.json").code).toBe(0);
    const report = JSON.parse(readText(root, "reports/migration.json"));
    expect(Object.keys(report)).toEqual(["services", "secrets", "tests", "ci", "warnings"]);
    expect(report.services[0]).toEqual({
      name: "db",
      source: "compose.yaml",
      status: "converted",
      kind: "postgres",
      keys: [
        { key: "image", status: "converted" },
        {
          key: "environment",
          status: "converted",
          note: "POSTGRES_PASSWORD: made at run time by the stack",
        },
      ],
    });
    expect(report.secrets).toEqual([
      { variable: "POSTGRES_PASSWORD", usedBy: ["db", "app"], source: "generated" },
    ]);
    const written = [
      readText(root, "reports/migration.json"),
      readText(root, "docs/dagger-migration.md"),
      readText(root, "dagger-stack.json"),
      readText(root, "stack/stack.ts"),
      readText(root, "stack/config.ts"),
    ].join("\n");
    expect(written).not.toContain("pw-from-compose");
  });

  it("--lang python makes the Python stack", () => {
    const root = project("overrides");
    const result = migrate(root, "--yes", "--lang", "python");
    expect(result.code).toBe(0);
    expect(manifest(root).spec.language).toBe("python");
    expect(existsSync(join(root, "pyproject.toml"))).toBe(true);
    expect(existsSync(join(root, "docs", "dagger-migration.md"))).toBe(true);
  });

  it("--services carries over the named services only; the others are reported as not selected", () => {
    const root = project("overrides");
    const result = migrate(root, "--yes", "--services", "web,worker", "--report", "r.json");
    expect(result.code).toBe(0);
    expect(manifest(root).spec.services.map((service: { name: string }) => service.name)).toEqual([
      "web",
      "worker",
    ]);
    expect(JSON.parse(readText(root, "r.json")).services[2]).toEqual({
      name: "adminer",
      source: "compose.override.yaml",
      status: "skipped",
      reason: "not selected",
    });
  });

  it("a file in the way is a conflict: exit 1 and nothing written; --force overwrites, keeping a copy", () => {
    const root = project("overrides");
    mkdirSync(join(root, "docs"));
    writeFileSync(join(root, "docs", "dagger-migration.md"), "my own notes\n");
    const before = snapshotTree(root);
    const stopped = migrate(root, "--yes");
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain("docs/dagger-migration.md");
    expect(snapshotTree(root)).toEqual(before);
    const forced = migrate(root, "--yes", "--force");
    expect(forced.code).toBe(0);
    expect(readText(root, "docs/dagger-migration.md")).toContain("# Moving");
  });

  it("add grows a migrated stack", () => {
    const root = project("overrides");
    expect(migrate(root, "--yes").code).toBe(0);
    const result = runCli(["add", "redis", "--yes"], { cwd: root });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(readText(root, "stack/stack.ts")).toContain("buildRedis(): Container {");
    expect(readText(root, "docs/dagger-migration.md")).toContain("# Moving");
  });
});

describe("bad input: exit 2, a clear message, the tree untouched", () => {
  it("an invalid compose file names the file, the service and the key", () => {
    const root = project("invalid-file");
    const before = snapshotTree(root);
    const result = migrate(root, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("compose.yaml");
    expect(result.stderr).toContain("enviroment");
    expect(snapshotTree(root)).toEqual(before);
  });

  it("flags: an unknown service, an unknown language, a compose file outside the project", () => {
    const root = project("overrides");
    const before = snapshotTree(root);
    const result = migrate(root, "--services", "webb", "--lang", "rust", "-f", "../elsewhere.yaml");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--file: ../elsewhere.yaml is outside the project");
    expect(result.stderr).toContain("--lang: unknown language");
    expect(snapshotTree(root)).toEqual(before);
    const services = migrate(root, "--services", "webb");
    expect(services.code).toBe(2);
    expect(services.stderr).toContain('--services: the project has no service named "webb"');
    expect(services.stderr).toContain('did you mean "web"');
  });

  it("a folder with nothing to migrate says so", () => {
    const root = folders.fresh();
    writeFileSync(join(root, "README.md"), "# nothing here\n");
    const result = migrate(root, "--yes");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("nothing to migrate");
    expect(readdirNames(root)).toEqual(["README.md"]);
  });
});

describe("migrate in a terminal", () => {
  // In-process, the command's modules load (and the compose schema compiles) on first use, and the
  // prompt library on the first question: do both before the clock of the first step runs.
  beforeAll(async () => {
    await import("@inquirer/prompts");
    await import("../../src/cli/migrate/run.js");
    readProject(join(FIXTURES, "overrides", "project"));
  }, 60_000);

  it("shows each step, lets the user untick a service, and asks before writing", async () => {
    const root = project("overrides");
    const result = await terminalSession(
      root,
      ["migrate", "--lang", "typescript"],
      [
        {
          expect: /Step 2 of 4: the services to carry over/,
          keys: `${KEY.down}${KEY.down}${KEY.space}${KEY.enter}`,
        },
        { expect: /Write these changes to the current folder\?/, keys: KEY.enter },
      ],
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Step 1 of 4: what the project has");
    expect(result.stdout).toContain("Step 3 of 4: your tests");
    expect(result.stdout).toContain("Step 4 of 4: CI");
    expect(result.stdout).toMatch(/adminer\s+skipped: not selected/);
    expect(manifest(root).spec.services.map((service: { name: string }) => service.name)).toEqual([
      "web",
      "worker",
    ]);
  });

  it("--yes asks nothing, in a terminal too", async () => {
    const root = project("overrides");
    const result = await terminalSession(root, ["migrate", "--yes", "--lang", "typescript"], []);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain("Step 2 of 4");
  });
});

function readdirNames(root: string): string[] {
  return readdirSync(root).sort();
}

/** A project whose app reaches its database through a URL carrying the database's password. */
function sharedPasswordProject(): string {
  const root = folders.fresh();
  writeFileSync(
    join(root, "compose.yaml"),
    [
      "services:",
      "  db:",
      "    image: postgres:16.4",
      "    environment:",
      "      POSTGRES_PASSWORD: pw-from-compose",
      "  app:",
      "    image: acme/app:1.0",
      '    ports: ["8000:8000"]',
      "    environment:",
      "      DATABASE_URL: postgres://postgres:pw-from-compose@db:5432/postgres",
      "    depends_on: [db]",
      "",
    ].join("\n"),
  );
  return root;
}
