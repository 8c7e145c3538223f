import { describe, expect, it } from "vitest";
import { parseArgv } from "../../src/cli/argv.js";
import { colorsFor } from "../../src/cli/colors.js";
import { helpFor } from "../../src/cli/help.js";
import { readRequest } from "../../src/cli/migrate/request.js";
import { UsageError } from "../../src/errors.js";

/** migrate's flags: parsed by the option table, turned into the readers' options, listed by --help. */
describe("migrate's flags", () => {
  it("takes -f, --profile and --env-file repeatedly, in order, and the rest once", () => {
    const parsed = parseArgv([
      "migrate",
      ".",
      "-f",
      "compose.yaml",
      "--file=compose.test.yaml",
      "--profile",
      "dev,debug",
      "--profile",
      "jobs",
      "--env-file",
      ".env.test",
      "--services",
      "db, api",
      "--lang",
      "python",
      "--report",
      "../reports/migration.json",
      "--dry-run",
      "--yes",
    ]);
    expect(parsed.command).toBe("migrate");
    expect(parsed.positionals).toEqual(["."]);
    expect(parsed.switches).toEqual({ "dry-run": true, yes: true });
    // The project is a package of the repository /work: the report may go anywhere in the repository.
    expect(readRequest(parsed, "/work/app", "/work/app", "/work")).toEqual({
      read: {
        files: ["compose.yaml", "compose.test.yaml"],
        envFiles: [".env.test"],
        profiles: ["dev", "debug", "jobs"],
      },
      services: ["db", "api"],
      language: "python",
      reportFile: "../reports/migration.json",
    });
  });

  it("reads paths from the current folder, as docker compose does, and keeps them inside the project", () => {
    const parsed = parseArgv(["migrate", "app", "-f", "app/compose.yaml", "--report", "app/r.json"]);
    expect(readRequest(parsed, "/work", "/work/app", "/work/app")).toEqual({
      read: { files: ["compose.yaml"] },
      reportFile: "r.json",
    });
    const outside = parseArgv(["migrate", "app", "-f", "other/compose.yaml", "--report", "/tmp/r.json"]);
    const error = captureError(() => readRequest(outside, "/work", "/work/app", "/work"));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).problems.map((problem) => problem.path)).toEqual(["--file", "--report"]);
  });

  it("refuses create's flags that mean nothing to migrate, naming them", () => {
    const error = captureError(() => parseArgv(["migrate", "--port", "db=5433", "--ci", "gitlab"]));
    expect((error as UsageError).problems.map((problem) => problem.path)).toEqual(["--port", "--ci"]);
  });

  it("--help lists every flag with an example of each way to run it", () => {
    const help = helpFor("migrate", "1.2.3", plainColors());
    for (const flag of [
      "-f, --file <file>",
      "--profile <name>",
      "--env-file <file>",
      "--services <list>",
      "--lang typescript|python",
      "--report <file.json>",
      "--dry-run",
      "--diff",
      "--force",
      "-y, --yes",
    ]) {
      expect(help).toContain(flag);
    }
    expect(help).toContain(
      "npx create-dagger-stack migrate -f compose.yaml -f compose.test.yaml --profile test",
    );
    expect(helpFor("create", "1.2.3", plainColors())).toContain(
      "create-dagger-stack migrate [dir] [options]",
    );
  });
});

function plainColors() {
  return colorsFor({ isTTY: false } as NodeJS.WriteStream, {});
}

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
