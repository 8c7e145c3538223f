import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { type ComposeReadOptions, readProject } from "../../src/readers/index.js";

/**
 * One folder per feature under test/fixtures/migrate/ (kompose's layout): `project/` is the repository
 * as a user has it, `options.json` the migrate flags (-f, --profile, --env-file, and the environment),
 * and beside them the expected result, written and checked by hand: `expected.json`, the whole
 * inventory, or `expected-error.json`, the problems of a rejected input. The comparison is exact, so
 * any service, key, variable or warning nobody expected fails the test. Locations are compared as
 * "file:line".
 */
const FIXTURES = join(import.meta.dirname, "..", "fixtures", "migrate");

const features = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

function options(feature: string): ComposeReadOptions {
  const path = join(FIXTURES, feature, "options.json");
  return existsSync(path) ? (readJson(path) as ComposeReadOptions) : {};
}

/** JSON as the report would carry it, with every {file, line, column} as "file:line". */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined);
  if (keys.length === 3 && "file" in record && "line" in record && "column" in record) {
    return `${String(record.file)}:${String(record.line)}`;
  }
  return Object.fromEntries(keys.map((key) => [key, comparable(record[key])]));
}

describe("migrate readers on the feature fixtures", () => {
  it("has the fixtures the issue lists", () => {
    expect(features).toEqual(
      expect.arrayContaining([
        "build-args-targets",
        "dependency-only",
        "depends-on-conditions",
        "env-file",
        "github-services",
        "healthchecks",
        "init-scripts",
        "interpolation",
        "invalid-file",
        "one-shot-jobs",
        "overrides",
        "profiles",
        "secrets-shared",
      ]),
    );
  });

  for (const feature of features) {
    const project = join(FIXTURES, feature, "project");
    const expectedError = join(FIXTURES, feature, "expected-error.json");
    if (existsSync(expectedError)) {
      it(`${feature}: rejects the input with the expected problems`, () => {
        const error = captureError(() => readProject(project, options(feature)));
        expect(error).toBeInstanceOf(UsageError);
        expect((error as UsageError).problems).toEqual(readJson(expectedError));
      });
    } else {
      it(`${feature}: reads exactly the expected inventory`, () => {
        const actual = comparable(JSON.parse(JSON.stringify(readProject(project, options(feature)))));
        expect(actual).toEqual(readJson(join(FIXTURES, feature, "expected.json")));
      });
    }
  }
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
