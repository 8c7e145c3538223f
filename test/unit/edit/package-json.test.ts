import { describe, expect, it } from "vitest";
import {
  mergePackageJson,
  newPackageJson,
  type PackageJsonAdditions,
} from "../../../src/edit/json/package-json.js";

const ADDITIONS: PackageJsonAdditions = {
  scripts: { "stack:up": "tsx stack/up.ts", "test:stack": "vitest run --config vitest.stack.config.mts" },
  devDependencies: { vitest: "4.1.12", "@dagger.io/dagger": "0.21.9", pg: "8.23.1" },
};

const json = (value: unknown, indent: string | number = 2) => `${JSON.stringify(value, null, indent)}\n`;

describe("newPackageJson", () => {
  it("writes an ESM package with the scripts in order and devDependencies sorted", () => {
    const result = newPackageJson("knowledgebeast", ADDITIONS);
    expect(result.text).toBe(
      json({
        name: "knowledgebeast",
        version: "0.0.0",
        private: true,
        type: "module",
        scripts: ADDITIONS.scripts,
        devDependencies: { "@dagger.io/dagger": "0.21.9", pg: "8.23.1", vitest: "4.1.12" },
      }),
    );
    expect(result.isModule).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.history).toEqual({
      scripts: ["stack:up", "test:stack"],
      devDependencies: ["vitest", "@dagger.io/dagger", "pg"],
    });
  });
});

describe("mergePackageJson", () => {
  const user = {
    name: "mine",
    version: "1.2.3",
    type: "commonjs",
    scripts: { test: "jest", "stack:up": "node my-up.js" },
    dependencies: { pg: "^8.0.0" },
    devDependencies: { jest: "29.7.0", vitest: "^3.2.0" },
    engines: { node: ">=20" },
  };

  it("adds what is missing and keeps everything the user has, in the user's key order", () => {
    const result = mergePackageJson(json(user), ADDITIONS);
    const merged = JSON.parse(result.text);
    expect(Object.keys(merged)).toEqual(Object.keys(user));
    expect(merged.scripts).toEqual({
      test: "jest",
      "stack:up": "node my-up.js",
      "test:stack": "vitest run --config vitest.stack.config.mts",
    });
    expect(merged.dependencies).toEqual({ pg: "^8.0.0" });
    expect(merged.devDependencies).toEqual({
      "@dagger.io/dagger": "0.21.9",
      jest: "29.7.0",
      vitest: "^3.2.0",
    });
    expect(merged.engines).toEqual({ node: ">=20" });
    expect(result.isModule).toBe(false);
  });

  it("warns about each script it kept although ours differs; a dependency range new enough passes silently", () => {
    const minimums = { vitest: { version: "3.2.0", needs: "test projects" } };
    const { warnings } = mergePackageJson(json(user), { ...ADDITIONS, minimums });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("node my-up.js");
  });

  it("does not warn when the user's entries equal ours", () => {
    const same = { scripts: { ...ADDITIONS.scripts }, devDependencies: { ...ADDITIONS.devDependencies } };
    expect(mergePackageJson(json(same), ADDITIONS).warnings).toEqual([]);
  });

  it("adds scripts and devDependencies sections when the file has none, after the user's keys", () => {
    const merged = JSON.parse(mergePackageJson(json({ name: "bare", type: "module" }), ADDITIONS).text);
    expect(Object.keys(merged)).toEqual(["name", "type", "scripts", "devDependencies"]);
    expect(Object.keys(merged.devDependencies)).toEqual(["@dagger.io/dagger", "pg", "vitest"]);
  });

  it("records only what it added in the history, on top of the earlier history", () => {
    const { history } = mergePackageJson(json(user), ADDITIONS, {
      scripts: ["old:script"],
      devDependencies: [],
    });
    expect(history).toEqual({
      scripts: ["old:script", "test:stack"],
      devDependencies: ["@dagger.io/dagger"],
    });
  });

  it("leaves absent what an earlier run added and the user has since removed", () => {
    const history = { scripts: ["stack:up"], devDependencies: ["pg", "@dagger.io/dagger"] };
    const removed = {
      name: "mine",
      scripts: { "test:stack": ADDITIONS.scripts["test:stack"] },
      devDependencies: { vitest: "4.1.12" },
    };
    const result = mergePackageJson(json(removed), ADDITIONS, history);
    const merged = JSON.parse(result.text);
    expect(merged.scripts).toEqual({ "test:stack": ADDITIONS.scripts["test:stack"] });
    expect(merged.devDependencies).toEqual({ vitest: "4.1.12" });
    // test:stack was already there, so this run did not add it.
    expect(result.history).toEqual(history);
    expect(result.warnings).toEqual([]);
  });

  it.each([
    ["4 spaces", 4, "    "],
    ["a tab", "\t", "\t"],
    ["2 spaces", 2, "  "],
  ] as const)("keeps an indentation of %s", (_label, indent, unit) => {
    const text = mergePackageJson(json(user, indent), ADDITIONS).text;
    expect(text).toBe(json(JSON.parse(text), indent));
    expect(text.split("\n")[1]?.startsWith(`${unit}"name"`)).toBe(true);
  });

  it("keeps CRLF line endings", () => {
    const text = mergePackageJson(json(user).replace(/\n/g, "\r\n"), ADDITIONS).text;
    expect(text).toContain('"test:stack"');
    expect(text.endsWith("}\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("keeps a missing final newline missing", () => {
    const text = mergePackageJson(JSON.stringify(user, null, 2), ADDITIONS).text;
    expect(text.endsWith("}")).toBe(true);
    expect(text).toContain('"test:stack"');
  });

  it.each([
    ["2 spaces, LF", json(user)],
    ["4 spaces, CRLF, no final newline", JSON.stringify(user, null, 4).replace(/\n/g, "\r\n")],
    ["tabs", json(user, "\t")],
    ["no scripts", json({ name: "bare" })],
  ])("is idempotent (%s): merging the merged file changes nothing", (_label, text) => {
    const first = mergePackageJson(text, ADDITIONS);
    const second = mergePackageJson(first.text, ADDITIONS, first.history);
    expect(second.text).toBe(first.text);
    expect(second.history).toEqual(first.history);
  });

  it("treats a dependency in dependencies as installed", () => {
    const merged = JSON.parse(mergePackageJson(json({ dependencies: { pg: "8.23.1" } }), ADDITIONS).text);
    expect(merged.devDependencies).not.toHaveProperty("pg");
  });

  it("reports ESM from type: module", () => {
    expect(mergePackageJson(json({ type: "module" }), ADDITIONS).isModule).toBe(true);
    expect(mergePackageJson(json({ name: "x" }), ADDITIONS).isModule).toBe(false);
  });
});
