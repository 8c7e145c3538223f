import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSpecText, readSpecFile } from "../../src/spec/read.js";
import { usageProblems } from "../support/usage-error.js";

const problemsOf = usageProblems;

describe("parseSpecText", () => {
  it("reads YAML and JSON alike", () => {
    const spec = { name: "x", services: [{ name: "cache", kind: "redis" }] };
    expect(parseSpecText("name: x\nservices:\n  - { name: cache, kind: redis }\n", "s.yaml")).toEqual(spec);
    expect(parseSpecText(JSON.stringify(spec), "s.json")).toEqual(spec);
  });

  it("keeps versions as written: 8.0 stays 8.0", () => {
    const text =
      "name: x\nservices:\n  - { name: r, kind: redis, version: 8.0, port: 6380 }\nnodeVersions: [20, 22.10]\n";
    expect(parseSpecText(text, "s.yaml")).toMatchObject({
      services: [{ version: "8.0", port: 6380 }],
      nodeVersions: ["20", "22.10"],
    });
  });

  it("names the file, line and column of a syntax error", () => {
    const [problem] = problemsOf(() => parseSpecText("name: x\nservices: [a, b\nci: github\n", "stack.yaml"));
    expect(problem?.path).toMatch(/^stack\.yaml:\d+:\d+$/);
    expect(problem?.hint).toContain("create-dagger-stack schema");
  });

  it("rejects duplicate keys", () => {
    expect(problemsOf(() => parseSpecText("name: a\nname: b\n", "s.yaml"))[0]?.path).toBe("s.yaml:2:1");
  });

  it("rejects a document that is not a mapping", () => {
    expect(problemsOf(() => parseSpecText("- a\n- b\n", "s.yaml"))[0]).toMatchObject({ path: "s.yaml" });
    expect(problemsOf(() => parseSpecText("", "s.yaml"))[0]).toMatchObject({ path: "s.yaml" });
  });
});

describe("readSpecFile", () => {
  it("names a file that is missing", async () => {
    await expect(readSpecFile(join(import.meta.dirname, "nope.yaml"), "nope.yaml")).rejects.toMatchObject({
      problems: [{ path: "nope.yaml", message: "no such file" }],
    });
  });

  it("names a folder given as a spec", async () => {
    await expect(readSpecFile(import.meta.dirname, "cli")).rejects.toMatchObject({
      problems: [{ path: "cli", message: "is a folder" }],
    });
  });
});
