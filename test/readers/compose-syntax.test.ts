import { describe, expect, it } from "vitest";
import { DotenvError, parseDotenv } from "../../src/readers/compose/dotenv.js";
import { PortSyntaxError, parsePortShort } from "../../src/readers/compose/ports.js";
import { shellWords } from "../../src/readers/compose/shell-words.js";
import { substitute, TemplateError } from "../../src/readers/compose/template.js";
import { parseVolumeShort } from "../../src/readers/compose/volumes.js";

/** The small languages inside compose files, each against the behaviour docker compose documents. */
const values: Record<string, string> = { SET: "value", EMPTY: "", PORT: "5432" };
const lookup = (name: string) => values[name];

describe("interpolation", () => {
  it.each([
    ["$SET and ${SET}", "value and value"],
    ["${UNSET:-fallback} ${EMPTY:-fallback} ${SET:-fallback}", "fallback fallback value"],
    ["${UNSET-fallback} [${EMPTY-fallback}]", "fallback []"],
    ["${SET:+alt} [${EMPTY:+alt}] ${EMPTY+alt} [${UNSET+alt}]", "alt [] alt []"],
    ["${UNSET:-${SET}-${PORT}}", "value-5432"],
    ["$$SET costs $$5 and $1 stays", "$SET costs $5 and $1 stays"],
    ["trailing $", "trailing $"],
  ])("%s → %s", (template, expected) => {
    expect(substitute(template, lookup).value).toBe(expected);
  });

  it("reports each use and never fills in a missing required variable", () => {
    expect(substitute("${EMPTY:?set EMPTY} ${UNSET?needed for ${SET}} ${SET?x}", lookup)).toEqual({
      value: "  value",
      uses: [
        { name: "EMPTY", operator: ":?", outcome: "missing", message: "set EMPTY" },
        { name: "UNSET", operator: "?", outcome: "missing", message: "needed for value" },
        { name: "SET", outcome: "set" },
        { name: "SET", operator: "?", outcome: "set" },
      ],
    });
    expect(substitute("${EMPTY?x}", lookup).uses).toEqual([{ name: "EMPTY", operator: "?", outcome: "set" }]);
  });

  it.each(["${", "${SET", "${1ABC}", "${SET!x}", "${}"])("rejects %s", (template) => {
    expect(() => substitute(template, lookup)).toThrow(TemplateError);
  });
});

describe(".env files", () => {
  const parse = (text: string, environment: Record<string, string> = {}) =>
    Object.fromEntries(
      [...parseDotenv(text, (name) => environment[name])].map(([key, entry]) => [key, entry.value]),
    );

  it("reads compose's syntax", () => {
    const text = [
      "\uFEFF# comment",
      "export A=1",
      "B = two words # comment",
      'C="line\\nnext \\"quoted\\" \\$A ${A}"',
      "D='single ${A} \\n'",
      'E="spans',
      'lines"',
      "F: colon",
      "G=",
      "INHERITED",
      "MISSING_INHERITED",
      "H=${A}-${FROM_ENV:-default}",
    ].join("\r\n");
    expect(parse(text, { INHERITED: "from env" })).toEqual({
      A: "1",
      B: "two words",
      C: 'line\nnext "quoted" $A 1',
      D: "single ${A} \\n",
      E: "spans\nlines",
      F: "colon",
      G: "",
      INHERITED: "from env",
      H: "1-default",
    });
  });

  it("says which line is wrong", () => {
    expect(() => parseDotenv("A=1\n\nB C=2\n", () => undefined)).toThrow(
      expect.objectContaining({ line: 3 }),
    );
    expect(() => parseDotenv('A="open\n', () => undefined)).toThrow(DotenvError);
  });
});

describe("ports", () => {
  it.each([
    ["80", [{ target: 80 }]],
    [8080, [{ target: 8080 }]],
    ["8080:80", [{ target: 80, published: "8080" }]],
    ["127.0.0.1:8080:80/udp", [{ target: 80, published: "8080", host_ip: "127.0.0.1", protocol: "udp" }]],
    ["[::1]:6000:6000", [{ target: 6000, published: "6000", host_ip: "::1" }]],
    ["127.0.0.1::5000", [{ target: 5000, host_ip: "127.0.0.1" }]],
    [
      "9090-9091:8080-8081",
      [
        { target: 8080, published: "9090" },
        { target: 8081, published: "9091" },
      ],
    ],
    ["9090-9092:8080", [{ target: 8080, published: "9090-9092" }]],
    ["3000-3001", [{ target: 3000 }, { target: 3001 }]],
  ] as const)("%s", (spec, expected) => {
    expect(parsePortShort(spec)).toEqual(expected);
  });

  it.each(["http", "1-2:3-5", "1:2:3:4", "9-8"])("rejects %s", (spec) => {
    expect(() => parsePortShort(spec)).toThrow(PortSyntaxError);
  });
});

describe("short volume syntax", () => {
  it.each([
    ["/data", { type: "volume", target: "/data" }],
    ["cache:/data", { type: "volume", source: "cache", target: "/data" }],
    [
      "./init:/docker-entrypoint-initdb.d:ro",
      { type: "bind", source: "./init", target: "/docker-entrypoint-initdb.d", read_only: true },
    ],
    ["~/certs:/certs:rw,z", { type: "bind", source: "~/certs", target: "/certs", options: ["z"] }],
    ["C:\\data:/data", { type: "bind", source: "C:\\data", target: "/data" }],
  ] as const)("%s", (spec, expected) => {
    expect(parseVolumeShort(spec)).toEqual(expected);
  });
});

describe("command words", () => {
  it.each([
    ["npm run start", ["npm", "run", "start"]],
    [`sh -c "echo \\"hi\\" && exit 0"`, ["sh", "-c", 'echo "hi" && exit 0']],
    ["echo 'a  b' c\\ d \"\"", ["echo", "a  b", "c d", ""]],
    ["  spaced   out  ", ["spaced", "out"]],
  ])("%s", (text, expected) => {
    expect(shellWords(text)).toEqual(expected);
  });
});
