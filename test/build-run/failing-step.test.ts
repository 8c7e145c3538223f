import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareBuildRuns, summaryLine } from "../support/build-run/index.js";
import type { ExecOutcome } from "../support/engine/index.js";
import {
  checkNamed,
  exampleSpec,
  LANGUAGES,
  removeExampleSpecCopies,
  reportedBuildRun,
  skipNoteFor,
} from "./support.js";

const APT_INSTALL = "apt-get update && apt-get install -y --no-install-recommends";
const STDERR = "E: Unable to locate package postgresql-16-pgvector";

/** The engine's answer when the PGDG repository lacks the package: apt-get exits 100. */
function aptFails(args: string[]): ExecOutcome | undefined {
  return args.join(" ").includes(APT_INSTALL) ? { exitCode: 100, stderr: STDERR } : undefined;
}

for (const language of LANGUAGES) {
  const skipNote = await skipNoteFor(language, "build-run with a failing build step");

  describe.skipIf(skipNote)(`a build step that fails, in ${language}${skipNote}`, () => {
    beforeAll(() => prepareBuildRuns([language]));
    afterAll(removeExampleSpecCopies);

    it("fails the generated test run, whose output shows the command and its stderr", async () => {
      const result = await reportedBuildRun({
        specFile: exampleSpec("veria", language),
        failExec: aptFails,
        keep: "never",
      });
      const test = result.steps.find((step) => step.name === "test");
      expect(test?.ok).toBe(false);
      expect(test?.output).toContain(APT_INSTALL);
      expect(test?.output).toContain("postgresql-16-pgvector");
      expect(test?.output).toContain(STDERR);
      expect(result.runPipeline?.events).toContainEqual(
        expect.objectContaining({
          type: "execFailed",
          exitCode: 100,
          args: expect.arrayContaining(["postgresql-16-pgvector"]),
        }),
      );
      // The service whose build failed never ran: stopping it would only build it again (and fail again).
      expect(checkNamed(result, "test run: stops only services it started")).toEqual({
        name: "test run: stops only services it started",
      });
      // Everything else about the project is fine: only the failing step fails the build-run.
      expect(result.steps.filter((step) => !step.ok).map((step) => step.name)).toEqual(["test"]);
      expect(result.engineErrors).toEqual([]);
      expect(result.ok).toBe(false);
      expect(summaryLine(result)).toMatch(
        new RegExp(`^build-run veria \\[${language}\\] FAIL \\|.*\\| test [\\d.]+s FAILED exit 1`),
      );
    });
  });
}
