import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { convertProject } from "../../src/migrate/index.js";
import { type ComposeReadOptions, readProject } from "../../src/readers/index.js";
import { unreportedKeys } from "../../src/readers/report.js";
import { stackSpec } from "../../src/spec/schema.js";

/**
 * Step 2 on one project per feature, kompose's way: beside each `project/` are the spec and the report
 * the conversion must give, written and checked by hand (`expected-spec.json`, `expected-report.json`).
 * The comparison is exact, so a service, key, note, secret or warning nobody expected fails the test.
 * The readers' fixtures (test/fixtures/migrate/) and the converter's own (test/migrate/fixtures/) run
 * alike; `secret-values.json` lists credential values that must appear nowhere in the output.
 */
const FOLDERS = [
  join(import.meta.dirname, "..", "fixtures", "migrate"),
  join(import.meta.dirname, "fixtures"),
];

const features = FOLDERS.flatMap((folder) =>
  readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !existsSync(join(folder, entry.name, "expected-error.json")))
    .map((entry) => ({ name: entry.name, folder: join(folder, entry.name) })),
);

function readJson<T>(path: string, fallback?: T): T {
  if (fallback !== undefined && !existsSync(path)) return fallback;
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

describe("migrate: each feature's project converts to exactly the expected spec and report", () => {
  it("covers the issue's features", () => {
    expect(features.map((feature) => feature.name)).toEqual(
      expect.arrayContaining([
        "build-args-targets",
        "dependency-only",
        "depends-on-conditions",
        "env-file",
        "github-services",
        "healthchecks",
        "init-scripts",
        "interpolation",
        "one-shot-jobs",
        "overrides",
        "profiles",
        "secrets-shared",
      ]),
    );
  });

  for (const { name, folder } of features) {
    describe(name, () => {
      const options = readJson<ComposeReadOptions>(join(folder, "options.json"), {});
      const inventory = readProject(join(folder, "project"), options);
      const conversion = convertProject(inventory, { name });
      const plain = JSON.parse(JSON.stringify(conversion)) as typeof conversion;

      it("gives the expected spec, which fits the schema", () => {
        expect(plain.spec).toEqual(readJson(join(folder, "expected-spec.json")));
        expect(stackSpec.safeParse(conversion.spec).success).toBe(true);
      });

      it("gives the expected report, with an entry for every key of every service", () => {
        expect(plain.report).toEqual(readJson(join(folder, "expected-report.json")));
        if (inventory.compose) expect(unreportedKeys(inventory.compose, conversion.report)).toEqual([]);
      });

      it("writes no credential value into the spec or the report", () => {
        const text = JSON.stringify(conversion);
        for (const value of readJson<string[]>(join(folder, "secret-values.json"), [])) {
          expect(text).not.toContain(value);
        }
      });
    });
  }
});
