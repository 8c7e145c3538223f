import { describe, expect, it } from "vitest";
import { loadStack } from "../../src/spec/load.js";
import { fixtureSpec, fixtureSpecNames } from "../support/builders.js";
import { generate, generateFixture } from "./generate.js";

/** Every generator is run twice in tests; the second run must change nothing. */
describe.each(fixtureSpecNames())("create %s a second time", (name) => {
  it("changes nothing on the first run's output", () => {
    const first = generateFixture(name);
    const second = generate(first.stack, first.files);
    expect(second.changed).toEqual([]);
    expect(second.plan.warnings).toEqual([]);
  });
});

describe("create in an existing CommonJS project", () => {
  const userPackage = {
    name: "legacy-app",
    version: "3.1.4",
    description: "an app that predates ESM",
    main: "index.js",
    scripts: { start: "node index.js", test: "jest" },
    dependencies: { express: "4.21.2" },
    devDependencies: { jest: "29.7.0" },
  };
  const existing = {
    "package.json": `${JSON.stringify(userPackage, null, 2)}\n`,
    "index.js": "module.exports = {};\n",
  };
  const stack = loadStack(fixtureSpec("commandcenter"));
  const first = generate(stack, existing);

  it("marks the generated folders as ESM with nested package.json files", () => {
    for (const folder of ["stack", "tests/stack"]) {
      expect(JSON.parse(first.files[`${folder}/package.json`] ?? "null"), folder).toEqual({ type: "module" });
    }
  });

  it("keeps every field of the user's package.json and adds the stack's scripts and devDependencies", () => {
    const merged = JSON.parse(first.files["package.json"] ?? "null");
    expect(merged).toMatchObject(userPackage);
    expect(merged.type).toBeUndefined();
    expect(Object.keys(merged)).toEqual(Object.keys(userPackage));
    expect(merged.scripts).toHaveProperty("test:stack");
    expect(merged.devDependencies).toHaveProperty("@dagger.io/dagger");
    expect(merged.devDependencies.jest).toBe("29.7.0");
  });

  it("leaves the user's other files alone and records the markers as generated", () => {
    expect(first.changed).not.toContain("index.js");
    const manifest = JSON.parse(first.files["dagger-stack.json"] ?? "null");
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining(["stack/package.json", "tests/stack/package.json"]),
    );
  });

  it("changes nothing when run again", () => {
    expect(generate(stack, first.files).changed).toEqual([]);
  });

  it("does not bring back a script or devDependency the user removed after the first run", () => {
    const edited = JSON.parse(first.files["package.json"] ?? "null");
    delete edited.scripts["stack:up"];
    delete edited.devDependencies.tsx;
    const again = generate(stack, { ...first.files, "package.json": `${JSON.stringify(edited, null, 2)}\n` });
    expect(again.changed).toEqual([]);
  });

  it("writes no markers in an ESM project", () => {
    const esm = { "package.json": `${JSON.stringify({ ...userPackage, type: "module" }, null, 2)}\n` };
    const result = generate(stack, esm);
    expect(result.changed).not.toContain("stack/package.json");
    expect(result.changed).not.toContain("tests/stack/package.json");
  });

  it("treats a package.json without a type as CommonJS", () => {
    const untyped = { "package.json": '{\n  "name": "untyped"\n}\n' };
    expect(generate(stack, untyped).changed).toEqual(
      expect.arrayContaining(["stack/package.json", "tests/stack/package.json"]),
    );
  });
});
