import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  addRequirements,
  appendToArray,
  childKeys,
  declaredRequirements,
  hatchTarget,
  isInstallable,
  type PyprojectTarget,
  pdmTarget,
  poetryTarget,
  pyprojectTarget,
  requirementName,
  scanToml,
  stringItems,
  TomlSyntaxError,
  targetPath,
  uvTarget,
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

/** [name, before, target, after] for writing two requirements where each tool reads them. */
const REQUIREMENTS = [
  { name: "dagger-io", pep508: "dagger-io>=0.21.9,<0.22", poetry: "^0.21.9" },
  { name: "pytest", pep508: "pytest>=9.2.0,<10", poetry: "^9.2.0" },
];
const WRITE_CASES: [string, string, PyprojectTarget, string][] = [
  [
    "a Poetry group table gets `name = constraint` lines after its last entry",
    '[tool.poetry.group.dev.dependencies]\nruff = "^0.8"  # lint\n\n[build-system]\n',
    { kind: "poetry-group", group: "dev", legacy: false },
    '[tool.poetry.group.dev.dependencies]\nruff = "^0.8"  # lint\ndagger-io = "^0.21.9"\npytest = "^9.2.0"\n\n[build-system]\n',
  ],
  [
    "a Poetry project without the group gets the table at the end",
    '[tool.poetry]\nname = "x"\n',
    { kind: "poetry-group", group: "dev", legacy: false },
    '[tool.poetry]\nname = "x"\n\n[tool.poetry.group.dev.dependencies]\ndagger-io = "^0.21.9"\npytest = "^9.2.0"\n',
  ],
  [
    "Poetry's older dev-dependencies table",
    '[tool.poetry.dev-dependencies]\nblack = "*"\n',
    { kind: "poetry-group", group: "dev", legacy: true },
    '[tool.poetry.dev-dependencies]\nblack = "*"\ndagger-io = "^0.21.9"\npytest = "^9.2.0"\n',
  ],
  [
    "a Hatch environment's dependencies",
    "[tool.hatch.envs.default]\nskip-install = false\n",
    { kind: "hatch-env", env: "default", file: "pyproject.toml" },
    '[tool.hatch.envs.default]\nskip-install = false\ndependencies = [\n    "dagger-io>=0.21.9,<0.22",\n    "pytest>=9.2.0,<10",\n]\n',
  ],
  [
    "a Hatch environment in hatch.toml",
    '[envs.test]\ndependencies = ["coverage"]\n',
    { kind: "hatch-env", env: "test", file: "hatch.toml" },
    '[envs.test]\ndependencies = ["coverage", "dagger-io>=0.21.9,<0.22", "pytest>=9.2.0,<10"]\n',
  ],
  [
    "PDM's older dev-dependencies",
    '[tool.pdm.dev-dependencies]\ntest = [\n    "coverage",\n]\n',
    { kind: "pdm-dev", name: "test" },
    '[tool.pdm.dev-dependencies]\ntest = [\n    "coverage",\n    "dagger-io>=0.21.9,<0.22",\n    "pytest>=9.2.0,<10",\n]\n',
  ],
  [
    "uv's older dev-dependencies",
    "[tool.uv]\ndev-dependencies = []\n",
    { kind: "uv-dev" },
    '[tool.uv]\ndev-dependencies = [\n    "dagger-io>=0.21.9,<0.22",\n    "pytest>=9.2.0,<10",\n]\n',
  ],
];

describe("addRequirements", () => {
  it.each(WRITE_CASES)("%s", (_name, before, target, after) => {
    expect(addRequirements(before, target, REQUIREMENTS)).toBe(after);
  });

  it.skipIf(!hasTomllib).each(WRITE_CASES)(
    "%s: tomllib reads the result",
    (_name, _before, target, after) => {
      let value: unknown = tomllib(after);
      for (const key of targetPath(target)) value = (value as Record<string, unknown>)[key];
      const written = target.kind === "poetry-group" ? Object.keys(value as object) : (value as string[]);
      expect(written.join(" ")).toMatch(/dagger-io.*pytest/);
    },
  );

  it("refuses to write into a Poetry table written inline, which a new header would redefine", () => {
    const text = '[tool.poetry.group.dev]\ndependencies = { ruff = "*" }\n';
    expect(() =>
      addRequirements(text, { kind: "poetry-group", group: "dev", legacy: false }, REQUIREMENTS),
    ).toThrow(AnchorError);
  });
});

/** [name, file, target]. */
const TARGET_CASES: [string, () => PyprojectTarget, PyprojectTarget][] = [
  [
    "Poetry, no groups yet",
    () => poetryTarget('[tool.poetry]\nname = "x"\n'),
    { kind: "poetry-group", group: "dev", legacy: false },
  ],
  [
    "Poetry with only a test group",
    () => poetryTarget('[tool.poetry.group.test.dependencies]\npytest = "^8"\n'),
    { kind: "poetry-group", group: "test", legacy: false },
  ],
  [
    "Poetry with the older dev-dependencies",
    () => poetryTarget('[tool.poetry.dev-dependencies]\npytest = "^6"\n'),
    { kind: "poetry-group", group: "dev", legacy: true },
  ],
  [
    "uv with PEP 735 groups",
    () => uvTarget("[dependency-groups]\ndev = []\n"),
    { kind: "group", name: "dev" },
  ],
  [
    "uv with [tool.uv] dev-dependencies",
    () => uvTarget("[tool.uv]\ndev-dependencies = []\n"),
    { kind: "uv-dev" },
  ],
  [
    "PDM with a dev extra",
    () => pdmTarget("[project.optional-dependencies]\ndev = []\n"),
    { kind: "extra", name: "dev" },
  ],
  [
    "PDM with [tool.pdm.dev-dependencies]",
    () => pdmTarget("[tool.pdm.dev-dependencies]\ntest = []\n"),
    { kind: "pdm-dev", name: "test" },
  ],
  ["PDM, nothing yet", () => pdmTarget("[tool.pdm]\ndistribution = false\n"), { kind: "group", name: "dev" }],
  [
    "Hatch in pyproject.toml with a test env",
    () => hatchTarget("[tool.hatch.envs.test]\ndependencies = []\n", undefined),
    { kind: "hatch-env", env: "test", file: "pyproject.toml" },
  ],
  [
    "Hatch in hatch.toml",
    () => hatchTarget('[project]\nname = "x"\n', "[envs.default]\n"),
    { kind: "hatch-env", env: "default", file: "hatch.toml" },
  ],
];

describe("each tool's target", () => {
  it.each(TARGET_CASES)("%s", (_name, target, expected) => {
    expect(target()).toEqual(expected);
  });
});

describe("declaredRequirements", () => {
  it("reads requirements wherever a tool declares them, with their version part", () => {
    const doc = scanToml(
      [
        "[project]",
        'dependencies = ["httpx>=0.27"]',
        "[tool.poetry.dependencies]",
        'python = "^3.11"',
        'asyncpg = { version = "^0.29", extras = ["sa"] }',
        'local = { path = "../local" }',
        "[tool.poetry.group.dev.dependencies]",
        'PyTest = "^7.4"',
        "[tool.hatch.envs.default]",
        'dependencies = ["anyio~=4.0"]',
        "[tool.pdm.dev-dependencies]",
        'lint = ["ruff"]',
      ].join("\n"),
    );
    expect(
      declaredRequirements(doc).map(({ name, constraint, syntax, where }) => [
        name,
        constraint,
        syntax,
        where,
      ]),
    ).toEqual([
      ["httpx", "httpx>=0.27", "pep508", "[project] dependencies"],
      ["ruff", "ruff", "pep508", "[tool.pdm.dev-dependencies] lint"],
      ["anyio", "anyio~=4.0", "pep508", "[tool.hatch.envs.default] dependencies"],
      ["asyncpg", "^0.29", "poetry", "[tool.poetry.dependencies]"],
      ["local", undefined, "poetry", "[tool.poetry.dependencies]"],
      ["pytest", "^7.4", "poetry", "[tool.poetry.group.dev.dependencies]"],
    ]);
  });
});
