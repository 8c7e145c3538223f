import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readProject } from "../../src/readers/index.js";
import {
  type MigrationReport,
  skippedServices,
  unreportedKeys,
  warningLine,
} from "../../src/readers/report.js";

/** The contract the converter is held to: every key of every service ends up in the report. */
const PROFILES = join(import.meta.dirname, "..", "fixtures", "migrate", "profiles", "project");

describe("report entries from the inventory", () => {
  const inventory = readProject(PROFILES, { profiles: ["dev"] });
  const compose = inventory.compose;
  if (!compose) throw new Error("the profiles fixture has a compose file");

  it("reports the services profiles skip, with the reason", () => {
    expect(skippedServices(compose)).toEqual([
      { name: "worker", source: "compose.yaml", status: "skipped", reason: "profile jobs not selected" },
      {
        name: "debug-tools",
        source: "compose.yaml",
        status: "skipped",
        reason: "profiles debug, tools not selected",
      },
    ]);
  });

  it("names every key a converted service leaves out, and every service left out", () => {
    const report: MigrationReport = {
      services: [
        {
          name: "app",
          source: "compose.yaml",
          status: "converted",
          kind: "custom",
          keys: [{ key: "image", status: "converted" }],
        },
        ...skippedServices(compose),
      ],
      secrets: [],
      tests: [],
      ci: [],
      warnings: inventory.warnings.map(warningLine),
    };
    expect(unreportedKeys(compose, report)).toEqual(["app.depends_on", "mailpit"]);
    expect(report.warnings).toEqual([
      "compose.yaml:4: app depends on worker, which is skipped (profile jobs not selected)",
    ]);
  });
});
