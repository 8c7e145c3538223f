import { availableParallelism } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeUnit, failureLines, prepareBuildRuns } from "../support/build-run/index.js";
import { fixtureSpecNames } from "../support/builders.js";
import { EXPECTED, expectedCounts } from "./expectations.js";
import {
  checkNamed,
  exampleSpec,
  LANGUAGES,
  limit,
  removeExampleSpecCopies,
  reportedBuildRun,
  skipNoteFor,
} from "./support.js";

const slot = limit(Math.max(1, Math.min(3, availableParallelism())));

for (const language of LANGUAGES) {
  const skipNote = await skipNoteFor(language, "build-run of the example specs");

  describe.skipIf(skipNote)(`build-run of every example spec in ${language}${skipNote}`, () => {
    beforeAll(() => prepareBuildRuns([language]));
    afterAll(removeExampleSpecCopies);

    it.concurrent.each(fixtureSpecNames())(
      "%s: generates, installs, checks and passes its own tests",
      async (name) => {
        const result = await slot(() => reportedBuildRun({ specFile: exampleSpec(name, language) }));
        expect(failureLines(result)).toEqual([]);
        expect(result.ok).toBe(true);
        for (const { reason } of result.selection.excluded) expect(reason).toMatch(/\w{3,}/);
        const expected = EXPECTED[name];
        if (!expected) return;
        expect(result.selection.excluded.map(({ unit }) => describeUnit(unit)).sort()).toEqual(
          [...expected.excluded].sort(),
        );
        expect(result.tests).toEqual(expectedCounts(language, expected));
        for (const check of expected.checks) expect(checkNamed(result, check)).toEqual({ name: check });
      },
    );
  });
}
