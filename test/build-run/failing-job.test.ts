import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareBuildRuns, summaryLine } from "../support/build-run/index.js";
import type { ExecOutcome } from "../support/engine/index.js";
import { exampleSpec, LANGUAGES, removeExampleSpecCopies, reportedBuildRun, skipNoteFor } from "./support.js";

const MIGRATION = "npm run migrate";
const STDOUT = "applying 0002_add_users.sql";
const STDERR = 'ERROR: relation "users" already exists';

/** The engine's answer when the migration job fails: its command exits 1, with what it printed. */
function migrationFails(args: string[]): ExecOutcome | undefined {
  return args.join(" ") === MIGRATION ? { exitCode: 1, stdout: STDOUT, stderr: STDERR } : undefined;
}

for (const language of LANGUAGES) {
  const skipNote = await skipNoteFor(language, "build-run with a failing one-shot job");

  describe.skipIf(skipNote)(`a one-shot job that fails, in ${language}${skipNote}`, () => {
    beforeAll(() => prepareBuildRuns([language]));
    afterAll(removeExampleSpecCopies);

    it("fails the start with the job's name, exit code, command and output; what waits for it never starts", async () => {
      const result = await reportedBuildRun({
        specFile: exampleSpec("compose-features", language),
        failExec: migrationFails,
        keep: "never",
      });
      const test = result.steps.find((step) => step.name === "test");
      expect(test?.ok).toBe(false);
      expect(test?.output).toContain(`job migrate failed with exit code 1: ${MIGRATION}`);
      expect(test?.output).toContain(STDOUT);
      expect(test?.output).toContain(STDERR);
      const events = result.runPipeline?.events ?? [];
      expect(events).toContainEqual(
        expect.objectContaining({ type: "execFailed", exitCode: 1, args: ["npm", "run", "migrate"] }),
      );
      // api waits for the job: the stack never started it, and so never stops it.
      const apiServices = (result.runPipeline?.services ?? [])
        .filter((service) => service.kind === "container" && service.container !== undefined)
        .filter((service) =>
          result.runPipeline?.containers.some(
            (container) => container.ref === service.container && container.dockerBuild?.target === "runtime",
          ),
        )
        .map((service) => service.ref);
      expect(events.filter((event) => event.type === "start" && apiServices.includes(event.service))).toEqual(
        [],
      );
      // Everything else about the project is fine: only the test run fails.
      expect(result.steps.filter((step) => !step.ok).map((step) => step.name)).toEqual(["test"]);
      expect(result.engineErrors).toEqual([]);
      expect(summaryLine(result)).toMatch(
        new RegExp(`^build-run compose-features \\[${language}\\] FAIL \\|.*\\| test [\\d.]+s FAILED exit 1`),
      );
    });
  });
}
