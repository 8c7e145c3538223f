import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCreateAgain } from "../support/build-run/cli.js";
import { failureLines, prepareBuildRuns } from "../support/build-run/index.js";
import { exampleSpec, reportedBuildRun, skipNoteFor } from "./support.js";

const skipNote = await skipNoteFor("typescript", "build-run after a second create");

describe.skipIf(skipNote)(`a second identical create${skipNote}`, () => {
  beforeAll(() => prepareBuildRuns(["typescript"]));

  it("reports no changes, and the project still build-runs", async () => {
    const result = await reportedBuildRun({
      specFile: exampleSpec("all-kinds", "typescript"),
      createTwice: true,
    });
    expect(failureLines(result)).toEqual([]);
    expect(result.steps.map((step) => [step.name, step.ok])).toEqual([
      ["create", true],
      ["create again", true],
      ["install", true],
      ["typecheck", true],
      ["test", true],
      ["record", true],
    ]);
    expect(result.steps[1]?.output).toMatch(/Nothing to change/);
    expect(result.ok).toBe(true);
  });
});

describe("the second-create check", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("fails when the second run changes a file without saying so", async () => {
    dir = mkdtempSync(join(tmpdir(), "build-run-rerun-"));
    writeFileSync(join(dir, "package.json"), "{}\n");
    // A CLI that rewrites package.json on every run: `node -e <script> <dir> --spec <file> --yes`.
    const touchy = [
      process.execPath,
      "-e",
      'require("fs").appendFileSync(process.argv[1] + "/package.json", " ")',
    ] as const;
    const step = await runCreateAgain(touchy, dir, "unused.yaml");
    expect(step.ok).toBe(false);
    expect(step.output).toContain("the second run did not report that nothing changed");
    expect(step.output).toContain("the second run changed package.json");
    expect(readFileSync(join(dir, "package.json"), "utf8")).toBe("{}\n ");
  });
});
