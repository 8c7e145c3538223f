import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { OverrideTag, parseComposeText, ResetTag } from "../../src/readers/located-yaml.js";

describe("YAML as compose reads it", () => {
  it("applies <<: merge keys: explicit keys first, then the merged maps in order", () => {
    const text = [
      "x-a: &a { image: a, user: a, restart: a }",
      "x-b: &b { image: b, working_dir: b }",
      "services:",
      "  app:",
      "    <<: [*b, *a]",
      "    user: own",
    ].join("\n");
    const [document] = parseComposeText(text, "compose.yaml");
    expect((document?.data.services as Record<string, unknown> | undefined)?.app).toEqual({
      image: "b",
      working_dir: "b",
      user: "own",
      restart: "a",
    });
    expect(document?.positions.get("/services/app/image")).toEqual({
      file: "compose.yaml",
      line: 2,
      column: 11,
    });
    expect(document?.positions.get("/services/app/user")).toEqual({
      file: "compose.yaml",
      line: 6,
      column: 5,
    });
  });

  it("keeps !reset and !override for the merge, and reads 0440 as octal like go-yaml", () => {
    const [document] = parseComposeText(
      "a: !reset []\nb: !override [1]\nmode: 0440\nquoted: '0440'\n",
      "f.yaml",
    );
    expect(document?.data.a).toBeInstanceOf(ResetTag);
    expect(document?.data.b).toEqual(new OverrideTag([1]));
    expect(document?.data.mode).toBe(0o440);
    expect(document?.data.quoted).toBe("0440");
  });

  it("gives each document of a multi-document file, and nothing for an empty file", () => {
    expect(parseComposeText("a: 1\n---\nb: 2\n", "f.yaml").map((document) => document.data)).toEqual([
      { a: 1 },
      { b: 2 },
    ]);
    expect(parseComposeText("# only a comment\n", "f.yaml")).toEqual([]);
  });

  it("rejects duplicate keys, top-level lists and alias bombs with the file and line", () => {
    expect(() => parseComposeText("a: 1\na: 2\n", "f.yaml")).toThrow(UsageError);
    expect(() => parseComposeText("- a\n", "f.yaml")).toThrow(/f\.yaml:1:1: is not a mapping of keys/);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let level = 0; level < 8; level++) {
      const name = String.fromCharCode(98 + level);
      const previous = String.fromCharCode(97 + level);
      bomb.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(", ")}]`);
    }
    expect(() => parseComposeText(bomb.join("\n"), "f.yaml")).toThrow(/too many nodes/);
  });
});
