import { describe, expect, it } from "vitest";
import { appendRequirements, mergeConftest, requirementsIn } from "../../src/plan/python-project.js";
import { PYTHON_DEV_DEPENDENCIES } from "../../src/render/python/packages.js";
import { file, fixtureStack, type Generated, generate } from "./support.js";

/** `create` for Python in projects that already have files: what it edits, how, and that a rerun is a no-op. */

const stack = fixtureStack("knowledgebeast");

function changeOf(generated: Generated, path: string) {
  const change = generated.changes.find((candidate) => candidate.path === path);
  if (!change) throw new Error(`${path} did not change`);
  return change;
}

function installStep(generated: Generated): string {
  const workflow = file(generated, ".github/workflows/dagger-stack.yml");
  return (
    /name: Install dependencies\n\s+run: \|?-?\n?([\s\S]*?)\n\s+- name:/
      .exec(workflow)?.[1]
      ?.replace(/^\s+/gm, "") ?? ""
  );
}

function expectIdempotent(first: Generated): void {
  const second = generate(first.stack, first.files);
  expect(second.changes.map((change) => change.path)).toEqual([]);
}

describe("dev dependencies", () => {
  it("go to a new pyproject.toml as a PEP 735 dev group when the project has no convention", () => {
    const generated = generate(stack);
    const pyproject = file(generated, "pyproject.toml");
    expect(pyproject).toContain(
      '[dependency-groups]\ndev = [\n    "dagger-io==0.21.9",\n    "pytest==9.2.0",\n',
    );
    expect(pyproject).toContain('"asyncpg==0.32.0"');
    expect(pyproject).toContain('"httpx==0.28.1"');
    expect(changeOf(generated, "pyproject.toml").mode).toBe("merged");
    expect(installStep(generated)).toBe(
      "python3 -m venv .venv\n.venv/bin/python -m pip install pip==26.3\n.venv/bin/python -m pip install --group dev",
    );
    expectIdempotent(generated);
  });

  it("join a dev extra, keep every other byte, and install the project with it", () => {
    const before = [
      "# KnowledgeBeast",
      "[project]",
      'name = "knowledgebeast"',
      'version = "0.1.0"',
      "",
      "[project.optional-dependencies]",
      "dev = [",
      '  "ruff==0.8.0",  # lint',
      '  "pytest>=8",',
      "]",
      "",
      "[build-system]",
      'requires = ["hatchling"]',
      'build-backend = "hatchling.build"',
      "",
    ].join("\n");
    const generated = generate(stack, { "pyproject.toml": before });
    const after = file(generated, "pyproject.toml");
    expect(after.replace(/ {2}"(dagger-io|anyio|asyncpg|httpx)==[^"]+",\n/g, "")).toBe(before);
    expect(after).toContain('  "pytest>=8",\n  "dagger-io==0.21.9",\n');
    expect(generated.plan.warnings).toEqual([]);
    expect(installStep(generated)).toBe("python3 -m venv .venv\n.venv/bin/python -m pip install -e '.[dev]'");
    expect(file(generated, "docs/dagger-stack.md")).toContain(
      "`python3 -m venv .venv && .venv/bin/python -m pip install -e '.[dev]'`",
    );
    expectIdempotent(generated);
  });

  it("install the project next to the group when pyproject.toml has a build system", () => {
    const before = '[project]\nname = "kb"\n\n[build-system]\nrequires = ["hatchling"]\n';
    const generated = generate(stack, { "pyproject.toml": before });
    expect(installStep(generated)).toBe(
      "python3 -m venv .venv\n.venv/bin/python -m pip install pip==26.3\n.venv/bin/python -m pip install -e . --group dev",
    );
  });

  it("go to requirements-dev.txt in a project that uses requirements files, which then includes requirements.txt", () => {
    const generated = generate(stack, { "requirements.txt": "fastapi==0.115.0\nasyncpg>=0.29\n" });
    expect(file(generated, "requirements-dev.txt")).toBe(
      [
        "# Dev dependencies of the Dagger stack's tests, added by create-dagger-stack.",
        "-r requirements.txt",
        ...Object.entries(PYTHON_DEV_DEPENDENCIES).map(([name, version]) => `${name}==${version}`),
        "httpx==0.28.1",
        "",
      ].join("\n"),
    );
    expect(generated.files).not.toHaveProperty(["pyproject.toml"]);
    expect(generated.plan.warnings).toEqual([]);
    expect(installStep(generated)).toBe(
      "python3 -m venv .venv\n.venv/bin/python -m pip install -r requirements-dev.txt",
    );
    expectIdempotent(generated);
  });

  it("are appended to an existing dev requirements file as they are, CRLF and all", () => {
    const before = "# tools\r\n-r requirements.txt\r\nruff==0.8.0\r\npytest==9.2.0  # pinned\r\n";
    const generated = generate(stack, { "requirements.txt": "fastapi\r\n", "dev-requirements.txt": before });
    const after = file(generated, "dev-requirements.txt");
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      "dagger-io==0.21.9\r\nanyio==4.16.0\r\nasyncpg==0.32.0\r\nhttpx==0.28.1\r\n",
    );
    expect(installStep(generated)).toBe(
      "python3 -m venv .venv\n.venv/bin/python -m pip install -r dev-requirements.txt",
    );
    expectIdempotent(generated);
  });

  it("install requirements.txt first when the dev file does not include it", () => {
    const generated = generate(stack, {
      "requirements.txt": "fastapi\n",
      "requirements-test.txt": "pytest==9.2.0\n",
    });
    expect(installStep(generated)).toBe(
      "python3 -m venv .venv\n.venv/bin/python -m pip install -r requirements.txt -r requirements-test.txt",
    );
    expect(file(generated, "requirements-test.txt").startsWith("pytest==9.2.0\ndagger-io==0.21.9\n")).toBe(
      true,
    );
  });

  it("are listed in a warning, not written, when pyproject.toml cannot be edited", () => {
    const broken = '[project\nname = "x"\n';
    const generated = generate(stack, { "pyproject.toml": broken });
    expect(file(generated, "pyproject.toml")).toBe(broken);
    expect(generated.plan.warnings[0]).toMatch(
      /^pyproject\.toml: not edited \(TOML syntax error on line 1: .*\); add these dev dependencies by hand: dagger-io==0\.21\.9, /,
    );
  });
});

describe("appendRequirements", () => {
  it("reads requirement names past comments, options and environment markers", () => {
    expect(
      requirementsIn("# c\n-r base.txt\n--index-url x\nfoo[bar]>=1 ; python_version>'3'  # why\n\nbaz\n"),
    ).toEqual(["foo[bar]>=1 ; python_version>'3'", "baz"]);
  });

  it("adds a final newline before appending to a file without one", () => {
    expect(appendRequirements("ruff", ["pytest==9.2.0"], false)).toBe("ruff\npytest==9.2.0\n");
  });

  it("starts a new file with a comment and, when asked, requirements.txt", () => {
    expect(appendRequirements(undefined, ["pytest==9.2.0"], true)).toBe(
      "# Dev dependencies of the Dagger stack's tests, added by create-dagger-stack.\n-r requirements.txt\npytest==9.2.0\n",
    );
  });
});

/** [name, existing tests/conftest.py, after]. */
const CONFTEST_CASES: [string, string, string][] = [
  [
    "after the docstring and the imports, before the user's fixtures",
    '"""Shared fixtures."""\n\nimport pytest\nfrom app import (\n    make_app,\n)\n\n\n@pytest.fixture\ndef app():\n    return make_app()\n',
    '"""Shared fixtures."""\n\nimport pytest\nfrom app import (\n    make_app,\n)\n\n# The Dagger stack\'s fixtures, markers and hooks (create-dagger-stack).\npytest_plugins = ["tests.dagger_modules.fixtures"]\n\n\n@pytest.fixture\ndef app():\n    return make_app()\n',
  ],
  [
    "into an existing pytest_plugins list",
    'pytest_plugins = ["pytester"]\n',
    'pytest_plugins = ["pytester", "tests.dagger_modules.fixtures"]\n',
  ],
  [
    "into a multi-line pytest_plugins list, adding the missing comma",
    'pytest_plugins = [\n    "a.b",\n    "c"  # note\n]\n',
    'pytest_plugins = [\n    "a.b",\n    "c",  # note\n    "tests.dagger_modules.fixtures",\n]\n',
  ],
  [
    "after a pytest_plugins tuple",
    'pytest_plugins = ("a",)\n',
    'pytest_plugins = ("a",)\npytest_plugins = [*pytest_plugins, "tests.dagger_modules.fixtures"]\n',
  ],
  [
    "after a multi-line docstring, with CRLF kept",
    '"""Fixtures.\r\n\r\nMore.\r\n"""\r\ndef f():\r\n    pass\r\n',
    '"""Fixtures.\r\n\r\nMore.\r\n"""\r\n\r\n# The Dagger stack\'s fixtures, markers and hooks (create-dagger-stack).\r\npytest_plugins = ["tests.dagger_modules.fixtures"]\r\n\r\ndef f():\r\n    pass\r\n',
  ],
  [
    "nowhere when it is already there",
    "pytest_plugins = ['tests.dagger_modules.fixtures']\n",
    "pytest_plugins = ['tests.dagger_modules.fixtures']\n",
  ],
];

describe("mergeConftest", () => {
  it.each(CONFTEST_CASES)("adds the plugin %s", (_name, before, after) => {
    expect(mergeConftest(before)).toBe(after);
    expect(mergeConftest(after)).toBe(after);
  });

  it("writes a new conftest.py with just the plugin", () => {
    expect(mergeConftest(undefined)).toBe(
      '# The Dagger stack\'s fixtures, markers and hooks (create-dagger-stack).\npytest_plugins = ["tests.dagger_modules.fixtures"]\n',
    );
  });
});

describe("an existing tests/ folder", () => {
  const conftest =
    "import pytest\n\n\n@pytest.fixture(scope='session')\ndef anyio_backend():\n    return 'asyncio'\n";
  const generated = generate(stack, {
    "tests/conftest.py": conftest,
    "tests/test_unit.py": "def test_x():\n    pass\n",
  });

  it("keeps the user's conftest.py and edits it in place", () => {
    expect(changeOf(generated, "tests/conftest.py").mode).toBe("merged");
    expect(file(generated, "tests/conftest.py")).toContain(conftest.slice("import pytest\n".length));
  });

  it("says what it changed about the folder and what to watch for", () => {
    expect(generated.plan.warnings).toEqual([
      "tests/conftest.py: your anyio_backend fixture replaces the stack's; the stack's session-scoped fixtures need it session-scoped and returning \"asyncio\"",
      "added tests/__init__.py: tests/ is now a package, as `from tests.dagger_modules import ...` needs; imports between your test modules may need the `tests.` prefix",
    ]);
  });

  it("never replaces a package marker the project has", () => {
    const own = generate(stack, { "tests/__init__.py": '"""Tests."""\n' });
    expect(own.changes.map((change) => change.path)).not.toContain("tests/__init__.py");
  });

  it("changes nothing when run again", () => {
    expectIdempotent(generated);
  });
});
