import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  addDevDependencies,
  appendToArray,
  childKeys,
  isInstallable,
  pyprojectTarget,
  requirementName,
  scanToml,
  stringItems,
  TomlSyntaxError,
} from "../../src/edit/toml/index.js";
import { AnchorError } from "../../src/errors.js";

/** Parses TOML with Python's tomllib, the parser pip and pytest use; undefined when python3 has none. */
function tomllib(text: string): unknown {
  const script = "import json, sys, tomllib; json.dump(tomllib.loads(sys.stdin.read()), sys.stdout)";
  return JSON.parse(execFileSync("python3", ["-c", script], { input: text, encoding: "utf8" }));
}

const hasTomllib = (() => {
  try {
    tomllib("");
    return true;
  } catch {
    return false;
  }
})();
if (!hasTomllib) console.warn("TOML round trips through tomllib skipped: python3 >= 3.11 not found");

const ITEMS = ['"a==1"', '"b==2"'];

/** [name, before, after] for appending ITEMS to dependency-groups.dev. */
const APPEND_CASES: [string, string, string][] = [
  ["an empty file gets the table", "", '[dependency-groups]\ndev = [\n    "a==1",\n    "b==2",\n]\n'],
  [
    "a file without the table gets it at the end, after a blank line",
    '[project]\nname = "x"  # keep me\n',
    '[project]\nname = "x"  # keep me\n\n[dependency-groups]\ndev = [\n    "a==1",\n    "b==2",\n]\n',
  ],
  [
    "a file without a final newline",
    '[project]\nname = "x"',
    '[project]\nname = "x"\n\n[dependency-groups]\ndev = [\n    "a==1",\n    "b==2",\n]\n',
  ],
  [
    "a table without the key gets it after its last key, before the next table",
    '[dependency-groups]\ndocs = ["mkdocs"]  # docs\n\n[tool.ruff]\nline-length = 100\n',
    '[dependency-groups]\ndocs = ["mkdocs"]  # docs\ndev = [\n    "a==1",\n    "b==2",\n]\n\n[tool.ruff]\nline-length = 100\n',
  ],
  [
    "a multi-line array with a trailing comma and comments, 2-space indent",
    '[dependency-groups]\ndev = [\n  # linters\n  "ruff",  # fast\n]\n',
    '[dependency-groups]\ndev = [\n  # linters\n  "ruff",  # fast\n  "a==1",\n  "b==2",\n]\n',
  ],
  [
    "a multi-line array without a trailing comma keeps that style",
    '[dependency-groups]\ndev = [\n    "ruff",\n    "mypy"\n]\n',
    '[dependency-groups]\ndev = [\n    "ruff",\n    "mypy",\n    "a==1",\n    "b==2"\n]\n',
  ],
  [
    "a multi-line array closed on its last item's line",
    '[dependency-groups]\ndev = [\n    "ruff",\n    "mypy"]\nx = 1\n',
    '[dependency-groups]\ndev = [\n    "ruff",\n    "mypy",\n    "a==1",\n    "b==2"]\nx = 1\n',
  ],
  [
    "an empty multi-line array",
    "[dependency-groups]\ndev = [\n]\n",
    '[dependency-groups]\ndev = [\n    "a==1",\n    "b==2",\n]\n',
  ],
  [
    "a short inline array stays inline",
    '[dependency-groups]\ndev = ["ruff"]\n',
    '[dependency-groups]\ndev = ["ruff", "a==1", "b==2"]\n',
  ],
  [
    "an empty inline array becomes multi-line, indented like the file's other arrays",
    '[project]\ndependencies = [\n  "httpx",\n]\n\n[dependency-groups]\ndev = []\n',
    '[project]\ndependencies = [\n  "httpx",\n]\n\n[dependency-groups]\ndev = [\n  "a==1",\n  "b==2",\n]\n',
  ],
  [
    "CRLF line endings are kept",
    '[dependency-groups]\r\ndev = [\r\n    "ruff",\r\n]\r\n',
    '[dependency-groups]\r\ndev = [\r\n    "ruff",\r\n    "a==1",\r\n    "b==2",\r\n]\r\n',
  ],
  [
    "a dotted key at the root",
    'dependency-groups.dev = ["ruff"]\n',
    'dependency-groups.dev = ["ruff", "a==1", "b==2"]\n',
  ],
  [
    "headers inside multi-line strings and arrays of tables are not tables",
    '[tool.x]\ndoc = """\n[dependency-groups]\ndev = 1\n"""\n\n[[tool.y]]\nz = \'[dependency-groups]\'\n',
    '[tool.x]\ndoc = """\n[dependency-groups]\ndev = 1\n"""\n\n[[tool.y]]\nz = \'[dependency-groups]\'\n\n[dependency-groups]\ndev = [\n    "a==1",\n    "b==2",\n]\n',
  ],
];

describe("appendToArray", () => {
  it.each(APPEND_CASES)("%s", (_name, before, after) => {
    expect(appendToArray(before, ["dependency-groups", "dev"], ITEMS)).toBe(after);
  });

  it.skipIf(!hasTomllib).each(APPEND_CASES)(
    "%s: tomllib reads the result with the items appended",
    (_name, before, after) => {
      const parsed = tomllib(after) as Record<string, unknown>;
      const groups = parsed["dependency-groups"] as Record<string, unknown>;
      expect((groups.dev as string[]).slice(-2)).toEqual(["a==1", "b==2"]);
      if (before !== "")
        expect(Object.keys(parsed)).toEqual(expect.arrayContaining(Object.keys(tomllib(before) as object)));
    },
  );

  it("rewrites an inline array one item per line when it would grow past 88 columns", () => {
    const before = '[project.optional-dependencies]\ntest = ["pytest-cov==6.0.0", "hypothesis==6.100.0"]\n';
    const items = ['"dagger-io==0.21.9"', '"anyio==4.16.0"'];
    expect(appendToArray(before, ["project", "optional-dependencies", "test"], items)).toBe(
      '[project.optional-dependencies]\ntest = [\n    "pytest-cov==6.0.0",\n    "hypothesis==6.100.0",\n    "dagger-io==0.21.9",\n    "anyio==4.16.0",\n]\n',
    );
  });

  it("leaves the text alone when there is nothing to add", () => {
    expect(appendToArray("x = 1\n", ["dependency-groups", "dev"], [])).toBe("x = 1\n");
  });

  it("fails loudly instead of editing inside an inline table", () => {
    const text = '[project]\nname = "x"\noptional-dependencies = { dev = ["ruff"] }\n';
    expect(() => appendToArray(text, ["project", "optional-dependencies", "dev"], ITEMS)).toThrow(
      AnchorError,
    );
  });

  it("fails loudly when the key holds something other than an array", () => {
    expect(() =>
      appendToArray('[dependency-groups]\ndev = "ruff"\n', ["dependency-groups", "dev"], ITEMS),
    ).toThrow(/an array at dependency-groups\.dev/);
  });
});

describe("scanToml", () => {
  it("finds tables, dotted and quoted keys", () => {
    const doc = scanToml('a.b = 1\n[x."y.z"]\n"q" = 2\n[[arr]]\nk = 3\n');
    expect(childKeys(doc, [])).toEqual(["a", "x", "arr"]);
    expect(childKeys(doc, ["x"])).toEqual(["y.z"]);
    expect(childKeys(doc, ["x", "y.z"])).toEqual(["q"]);
  });

  it("reads the string items of an array, skipping tables and comments", () => {
    const doc = scanToml(
      '[dependency-groups]\ndev = [\n  "a>=1",  # c\n  \'b\',\n  {include-group = "x"},\n]\n',
    );
    expect(stringItems(doc, ["dependency-groups", "dev"])).toEqual(["a>=1", "b"]);
  });

  it.each([
    ["an unterminated string", 'a = "x\n', /line 1: unterminated string/],
    ["a missing value", "a = \n", /line 1: expected a value/],
    ["junk after a value", "a = 1 2\n", /line 1: expected the end of the line/],
    ["an unclosed array", "a = [1,\n", /expected a value|expected , or \]/],
  ])("reports %s with its line", (_name, text, message) => {
    expect(() => scanToml(text)).toThrow(TomlSyntaxError);
    expect(() => scanToml(text)).toThrow(message);
  });
});

describe("pyproject conventions", () => {
  it.each([
    ["no dependency tables", '[project]\nname = "x"\n', { kind: "group", name: "dev" }],
    ["a dev extra", "[project.optional-dependencies]\ndev = []\n", { kind: "extra", name: "dev" }],
    [
      "a test extra",
      "[project.optional-dependencies]\ndocs = []\ntest = []\n",
      { kind: "extra", name: "test" },
    ],
    [
      "an extra in an inline table",
      "[project]\noptional-dependencies = { test = [] }\n",
      { kind: "extra", name: "test" },
    ],
    ["only a docs extra", "[project.optional-dependencies]\ndocs = []\n", { kind: "group", name: "dev" }],
    ["a test group", "[dependency-groups]\ntest = []\n", { kind: "group", name: "test" }],
    [
      "a dev group and a test extra",
      "[dependency-groups]\ndev = []\n[project.optional-dependencies]\ntest = []\n",
      { kind: "extra", name: "test" },
    ],
  ])("%s", (_name, text, target) => {
    expect(pyprojectTarget(text)).toEqual(target);
  });

  it("installs the project itself only when it has a name and a build system", () => {
    expect(isInstallable('[project]\nname = "x"\n[build-system]\nrequires = ["hatchling"]\n')).toBe(true);
    expect(isInstallable('[project]\nname = "x"\n')).toBe(false);
    expect(isInstallable("[tool.ruff]\nline-length = 88\n")).toBe(false);
  });

  it("normalises requirement names as PEP 503 does", () => {
    expect(requirementName("Dagger_IO[extra]>=0.21 ; python_version>'3.10'")).toBe("dagger-io");
    expect(requirementName("  pytest==9.2.0")).toBe("pytest");
  });
});

describe("addDevDependencies", () => {
  const pins = { "dagger-io": "0.21.9", pytest: "9.2.0", anyio: "4.16.0" };

  it("adds only what no list of the file declares, and reports declarations that differ", () => {
    const before = [
      "[project]",
      'name = "kb"',
      'dependencies = ["anyio>=4"]',
      "",
      "[project.optional-dependencies]",
      "dev = [",
      '    "PyTest==8.3.0",',
      "]",
      "",
    ].join("\n");
    const merge = addDevDependencies(before, { kind: "extra", name: "dev" }, pins);
    expect(merge.added).toEqual(["dagger-io==0.21.9"]);
    expect(merge.kept).toEqual(["PyTest==8.3.0", "anyio>=4"]);
    expect(merge.text).toBe(
      before.replace('"PyTest==8.3.0",\n', '"PyTest==8.3.0",\n    "dagger-io==0.21.9",\n'),
    );
  });

  it("changes nothing the second time", () => {
    const first = addDevDependencies("", { kind: "group", name: "dev" }, pins);
    const second = addDevDependencies(first.text, { kind: "group", name: "dev" }, pins);
    expect(second.text).toBe(first.text);
    expect(second.added).toEqual([]);
    expect(second.kept).toEqual([]);
  });
});
