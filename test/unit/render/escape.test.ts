import { execFileSync } from "node:child_process";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  commentText,
  pyString,
  shellWord,
  tsLiteral,
  tsString,
  wrapText,
} from "../../../src/render/escape.js";

/** Strings that break naive quoting in one language or another. */
const AWKWARD = [
  "",
  "plain",
  'double "quotes"',
  "single 'quotes'",
  `both ' and "`,
  'more "double" than \'single\' "quotes"',
  "back\\slash",
  '\\"',
  "\\'",
  "line\nbreak\r\n",
  "tab\there",
  "\u0000\u0001\u001f\u007f",
  "\u2028 and \u2029",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is exactly what this checks.
  "${not.a.template}",
  "`backtick`",
  "Café Ünïcode 日本 🚀",
  "$(rm -rf /) ; && | > <",
  "*/ end of comment",
];

/** Evaluates a JavaScript expression in a fresh context. */
const evalJs = (source: string): unknown => runInNewContext(`(${source})`);

describe("tsString", () => {
  it.each(AWKWARD)("evaluates back to %j", (value) => {
    expect(evalJs(tsString(value))).toBe(value);
  });

  it("uses double quotes by default", () => {
    expect(tsString("postgres")).toBe('"postgres"');
    expect(tsString("it's")).toBe('"it\'s"');
  });

  it("switches to single quotes when that needs fewer escapes", () => {
    expect(tsString('say "hi"')).toBe(`'say "hi"'`);
    expect(tsString(`'a' "b" "c"`)).toBe(`'\\'a\\' "b" "c"'`);
  });

  it("escapes U+2028 and U+2029, which end a line in older JavaScript and in comments", () => {
    const literal = tsString("a\u2028b\u2029c");
    expect(literal).toBe('"a\\u2028b\\u2029c"');
    expect(tsString('"\u2028"')).not.toMatch(/[\u2028\u2029]/);
  });

  it("never leaves a raw line break in the literal", () => {
    for (const value of AWKWARD) expect(tsString(value)).not.toMatch(/[\n\r\u2028\u2029]/);
  });
});

describe("tsLiteral", () => {
  it("writes plain data as a TypeScript literal", () => {
    expect(tsLiteral([{ id: 1 }, { id: 3 }])).toBe("[{ id: 1 }, { id: 3 }]");
    expect(tsLiteral({ ok: true, n: 0, name: "x" })).toBe('{ ok: true, n: 0, name: "x" }');
    expect(tsLiteral({})).toBe("{}");
    expect(tsLiteral([])).toBe("[]");
  });

  it("quotes keys that are not identifiers", () => {
    expect(tsLiteral({ "uuid-ossp": 1, $ok: 2, _x: 3, "9": 4 })).toBe(
      '{ "9": 4, "uuid-ossp": 1, $ok: 2, _x: 3 }',
    );
  });

  it("evaluates back to the same data", () => {
    const data = { rows: [{ id: 1, "a b": 'it\'s "x"', nested: { ok: false, none: null } }], text: "\u2028" };
    expect(evalJs(tsLiteral(data))).toEqual(data);
  });
});

describe("pyString", () => {
  it("uses double quotes and escapes quotes, backslashes and control characters", () => {
    expect(pyString("plain")).toBe('"plain"');
    expect(pyString('say "hi"')).toBe('"say \\"hi\\""');
    expect(pyString("a\\b")).toBe('"a\\\\b"');
    expect(pyString("a\nb\tc\r")).toBe('"a\\nb\\tc\\r"');
    expect(pyString("\u0000\u001b\u007f")).toBe('"\\x00\\x1b\\x7f"');
  });

  it("keeps unicode as it is", () => {
    expect(pyString("Café 日本 🚀")).toBe('"Café 日本 🚀"');
  });

  it("is read back by Python as the same string", () => {
    const script = [
      "import ast, json, sys",
      "literals = json.load(sys.stdin)",
      "json.dump([ast.literal_eval(literal) for literal in literals], sys.stdout)",
    ].join("\n");
    const output = execFileSync("python3", ["-c", script], {
      input: JSON.stringify(AWKWARD.map(pyString)),
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual(AWKWARD);
  });
});

describe("shellWord", () => {
  it("leaves safe words unquoted", () => {
    for (const word of ["npm", "--project", "backend=postgres", "./a/b.ts", "user@host:5432", "50%", "a+b"]) {
      expect(shellWord(word)).toBe(word);
    }
  });

  it("quotes words with spaces, quotes or shell syntax", () => {
    expect(shellWord("two words")).toBe("'two words'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord("")).toBe("''");
    expect(shellWord("$HOME")).toBe("'$HOME'");
  });

  it("is read back by a POSIX shell as exactly one argument with the same text", () => {
    const words = AWKWARD.filter((word) => !word.includes("\u0000"));
    const output = execFileSync("sh", ["-c", `printf '%s\\0' ${words.map(shellWord).join(" ")}`], {
      encoding: "utf8",
    });
    expect(output.split("\0").slice(0, -1)).toEqual(words);
  });
});

describe("wrapText", () => {
  it("breaks at spaces so no line exceeds the width", () => {
    const text =
      "Ready when the port accepts connections: the image's init server listens on a Unix socket only.";
    const lines = wrapText(text, 30);
    expect(lines.join(" ")).toBe(text);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(30);
    expect(lines.length).toBeGreaterThan(2);
  });

  it("collapses runs of whitespace, including line breaks", () => {
    expect(wrapText("  a \n\n b\t c  ", 80)).toEqual(["a b c"]);
  });

  it("puts a word longer than the width on a line of its own", () => {
    expect(wrapText("short averyveryverylongword end", 10)).toEqual([
      "short",
      "averyveryverylongword",
      "end",
    ]);
  });

  it("fills a line exactly to the width", () => {
    expect(wrapText("aaaa bbbb cccc", 9)).toEqual(["aaaa bbbb", "cccc"]);
  });

  it("returns no lines for empty text", () => {
    expect(wrapText("   ", 10)).toEqual([]);
  });
});

describe("commentText", () => {
  it("cannot close a block comment", () => {
    const text = commentText("a */ b */");
    expect(text).not.toContain("*/");
    expect(runInNewContext(`/* ${text} */ 1`)).toBe(1);
    expect(runInNewContext(`// ${text}\n1`)).toBe(1);
  });

  it("keeps the comment on one line", () => {
    expect(commentText("one\ntwo\r\nthree")).toBe("one two three");
  });

  it("keeps a // comment on one line with U+2028 and U+2029", () => {
    const text = commentText("harmless\u2028throw new Error('escaped the comment')");
    expect(runInNewContext(`// ${text}\n1`)).toBe(1);
  });
});
