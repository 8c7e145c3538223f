import { describe, expect, it } from "vitest";
import type { StackSpecInput } from "../../src/spec/schema.js";
import { compileOne, examine, type Outcome } from "./case.js";
import { pythonCommand } from "./support/python.js";

/**
 * Every failure the property tests found, shrunk, kept as a regular test: each must now hold the property
 * (rejected with spec paths, or generated code that compiles), and the outcome is the one the fix chose.
 */
function holds(spec: StackSpecInput): Outcome {
  const outcome = examine(spec);
  if (outcome.type === "generated") expect(compileOne(outcome)).toEqual([]);
  return outcome;
}

const rejectedAt = (outcome: Outcome) =>
  outcome.type === "rejected" ? outcome.problems.map((p) => p.path) : [];

describe("found by the property tests", () => {
  it("seed 42: a service named constructor (config.services.constructor is Object on every object)", () => {
    const outcome = holds({
      name: "A",
      language: "typescript",
      services: [
        { name: "constructor", kind: "postgres" },
        { name: "a", kind: "postgres" },
      ],
      ci: "github",
      nodeVersions: ["20"],
      pythonVersions: ["3.11"],
    });
    expect(rejectedAt(outcome)).toEqual(["services[0].name"]);
  });

  it.skipIf(!pythonCommand())(
    "seed 42: an unpaired surrogate in a command, which Python cannot write as UTF-8",
    () => {
      const outcome = holds({
        name: "demo",
        language: "python",
        services: [{ name: "api", kind: "custom", image: "alpine:3.20", port: 8000, command: ["a\ud800"] }],
      });
      expect(rejectedAt(outcome)).toEqual(["services[0].command[0]"]);
    },
  );

  it("seeds 11 and 12: a matrix listing one service by kind and by name (fixtures.py had a key twice)", () => {
    const outcome = holds({
      name: "demo",
      language: "python",
      services: [
        { name: "gd-h", kind: "postgres", env: {} },
        { name: "y-av", kind: "chromadb", dependsOn: [], env: {} },
      ],
      matrix: { a: ["chromadb", "y-av"] },
      ci: "github",
    });
    expect(rejectedAt(outcome)).toEqual(["matrix.a[1]"]);
  });

  it("seed 12: a version listed twice", () => {
    const outcome = holds({
      name: "a",
      services: [{ name: "r", kind: "redis" }],
      nodeVersions: ["20", "20"],
    });
    expect(rejectedAt(outcome)).toEqual(["nodeVersions[1]"]);
  });
});
