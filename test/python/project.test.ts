import { describe, expect, it } from "vitest";
import { planCreate } from "../../src/plan/create.js";
import { appendRequirements, mergeConftest, requirementsIn } from "../../src/plan/python-project.js";
import { PYTHON_DEV_DEPENDENCIES } from "../../src/render/python/packages.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec } from "../support/builders.js";
import { file, fixtureStack, type Generated, generate, pythonStack } from "./support.js";

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
  const tests = { "tests/conftest.py": conftest, "tests/test_unit.py": "def test_x():\n    pass\n" };

  describe("that is a package", () => {
    const generated = generate(stack, { ...tests, "tests/__init__.py": '"""Tests."""\n' });

    it("keeps the user's conftest.py and edits it in place", () => {
      expect(changeOf(generated, "tests/conftest.py").mode).toBe("merged");
      expect(file(generated, "tests/conftest.py")).toContain(conftest.slice("import pytest\n".length));
      expect(file(generated, "tests/conftest.py")).toContain("tests.dagger_modules.fixtures");
      expect(generated.files["conftest.py"]).toBeUndefined();
    });

    it("never replaces its package marker", () => {
      expect(generated.changes.map((change) => change.path)).not.toContain("tests/__init__.py");
    });

    it("says what to watch for", () => {
      expect(generated.plan.warnings).toEqual([
        "tests/conftest.py: your anyio_backend fixture replaces the stack's; the stack's session-scoped fixtures need it session-scoped and returning \"asyncio\"",
      ]);
    });

    it("changes nothing when run again", () => {
      expectIdempotent(generated);
    });
  });

  describe("whose modules are not a package (no __init__.py)", () => {
    const generated = generate(stack, tests);

    it("stays so: the plugin is loaded from a conftest.py at the root, tests/conftest.py is left alone", () => {
      expect(generated.files["tests/__init__.py"]).toBeUndefined();
      expect(generated.changes.map((change) => change.path)).not.toContain("tests/conftest.py");
      expect(file(generated, "conftest.py")).toBe(mergeConftest(undefined));
      expect(file(generated, "tests/integration/__init__.py")).toBe("");
      expect(file(generated, "tests/dagger_modules/fixtures.py")).toContain(
        "a pytest plugin that conftest.py at\nthe project root loads",
      );
      expect(file(generated, "docs/dagger-stack.md")).toContain(
        "a pytest plugin that `conftest.py` at the project root loads with `pytest_plugins`",
      );
    });

    it("still says what to watch for in the user's conftest.py", () => {
      expect(generated.plan.warnings).toEqual([
        "tests/conftest.py: your anyio_backend fixture replaces the stack's; the stack's session-scoped fixtures need it session-scoped and returning \"asyncio\"",
      ]);
    });

    it("changes nothing when run again", () => {
      expectIdempotent(generated);
    });
  });
});

/** [tool, the project's files, what is written where, the next commands, the CI install step]. */
interface ToolCase {
  files: Record<string, string>;
  /** The file the dev dependencies go to, and a line of it after create. */
  written: [string, string];
  next: string[];
  ciInstall: string;
  /** The step that installs the tool itself in GitHub Actions, if any. */
  ciTool?: RegExp;
  lock?: string[];
}

const POETRY_PYPROJECT = [
  "[tool.poetry]",
  'name = "kb"',
  'version = "0.1.0"',
  "",
  "[tool.poetry.dependencies]",
  'python = "^3.11"',
  "",
  "[tool.poetry.group.dev.dependencies]",
  'pytest = "^7.4"',
  "",
].join("\n");

const TOOL_CASES: [string, ToolCase][] = [
  [
    "Poetry",
    {
      files: { "pyproject.toml": POETRY_PYPROJECT, "poetry.lock": "# @generated by Poetry 2.1.3\n" },
      written: ["pyproject.toml", 'pytest = "^7.4"\ndagger-io = "^0.21.9"\nanyio = "^4.16.0"\n'],
      next: [
        "poetry install --with dev",
        "poetry run python -m tests.dagger_modules.up",
        "dagger run poetry run python -m pytest tests -m stack",
      ],
      ciInstall: "poetry install --with dev",
      ciTool: /run: pipx install poetry==2\.1\.3\n/,
      lock: ["poetry", "lock"],
    },
  ],
  [
    "Poetry 1.x, whose `poetry lock` would upgrade everything without --no-update",
    {
      files: {
        "pyproject.toml": POETRY_PYPROJECT,
        "poetry.lock":
          "# This file is automatically @generated by Poetry 1.8.3 and should not be changed by hand.\n",
      },
      written: ["pyproject.toml", 'dagger-io = "^0.21.9"'],
      next: [
        "poetry install --with dev",
        "poetry run python -m tests.dagger_modules.up",
        "dagger run poetry run python -m pytest tests -m stack",
      ],
      ciInstall: "poetry install --with dev",
      ciTool: /pipx install poetry==1\.8\.3/,
      lock: ["poetry", "lock", "--no-update"],
    },
  ],
  [
    "uv",
    {
      files: {
        "pyproject.toml": '[project]\nname = "kb"\n\n[dependency-groups]\ndev = ["pytest>=8"]\n',
        "uv.lock": "version = 1\n",
      },
      written: ["pyproject.toml", '    "pytest>=8",\n    "dagger-io>=0.21.9,<0.22",\n'],
      next: [
        "uv sync",
        "uv run python -m tests.dagger_modules.up",
        "dagger run uv run python -m pytest tests -m stack",
      ],
      ciInstall: "uv sync --locked",
      ciTool:
        /uses: astral-sh\/setup-uv@[0-9a-f]{40} # v\d+\.\d+\.\d+\n\s+with:\n\s+version: "0\.13\.9"\n\s+python-version: \$\{\{ matrix\.python \}\}/,
      lock: ["uv", "lock"],
    },
  ],
  [
    "uv with a test group",
    {
      files: {
        "pyproject.toml": '[project]\nname = "kb"\n\n[dependency-groups]\ntest = []\n',
        "uv.lock": "",
      },
      written: ["pyproject.toml", "test = [\n"],
      next: [
        "uv sync --group test",
        "uv run --group test python -m tests.dagger_modules.up",
        "dagger run uv run --group test python -m pytest tests -m stack",
      ],
      ciInstall: "uv sync --locked --group test",
      lock: ["uv", "lock"],
    },
  ],
  [
    "PDM",
    {
      files: {
        "pyproject.toml": '[project]\nname = "kb"\n\n[tool.pdm]\ndistribution = false\n',
        "pdm.lock": "",
      },
      written: ["pyproject.toml", '[dependency-groups]\ndev = [\n    "dagger-io>=0.21.9,<0.22",\n'],
      next: [
        "pdm install -G dev",
        "pdm run python -m tests.dagger_modules.up",
        "dagger run pdm run python -m pytest tests -m stack",
      ],
      ciInstall: "pdm install -G dev",
      ciTool: /run: \|-\n\s+pipx install pdm==2\.29\.4\n\s+pipx inject pdm 'hishel\[httpx2\]==1\.4\.0'/,
      lock: ["pdm", "lock", "--update-reuse", "-G", ":all"],
    },
  ],
  [
    "Hatch",
    {
      files: {
        "pyproject.toml": '[project]\nname = "kb"\n\n[tool.hatch.envs.test]\ndependencies = ["coverage"]\n',
      },
      written: ["pyproject.toml", 'dependencies = [\n    "coverage",\n    "dagger-io==0.21.9",\n'],
      next: [
        "hatch env create test",
        "hatch run test:python -m tests.dagger_modules.up",
        "dagger run hatch run test:python -m pytest tests -m stack",
      ],
      ciInstall: "hatch env create test",
      ciTool: /pipx install hatch==1\.18\.2/,
    },
  ],
  [
    "pip-tools",
    {
      files: { "requirements-dev.in": "pytest>=8\n", "requirements-dev.txt": "pytest==9.0.0\n" },
      written: ["requirements-dev.in", "pytest>=8\ndagger-io>=0.21.9,<0.22\n"],
      next: [
        "python3 -m venv .venv",
        ".venv/bin/python -m pip install -r requirements-dev.txt",
        ".venv/bin/python -m tests.dagger_modules.up",
        "dagger run .venv/bin/python -m pytest tests -m stack",
      ],
      ciInstall: "python3 -m venv .venv\n.venv/bin/python -m pip install -r requirements-dev.txt",
      lock: ["pip-compile", "requirements-dev.in"],
    },
  ],
];

describe.each(TOOL_CASES)("a %s project", (_name, expected) => {
  const generated = generate(stack, expected.files);
  const workflow = file(generated, ".github/workflows/dagger-stack.yml");

  it("gets its dev dependencies where the tool reads them, in the tool's style", () => {
    const [path, line] = expected.written;
    expect(file(generated, path)).toContain(line);
    expect(generated.plan.conflicts).toEqual([]);
  });

  it("is told to install and run through the tool", () => {
    expect(generated.plan.nextScripts).toEqual(expected.next);
    const install = expected.next.slice(0, -2).join(" && ");
    expect(file(generated, "docs/dagger-stack.md")).toContain(`or newer): \`${install}\``);
  });

  it("gets a CI workflow that installs the tool and runs through it", () => {
    expect(installStep(generated)).toBe(expected.ciInstall);
    if (expected.ciTool) expect(workflow).toMatch(expected.ciTool);
    expect(workflow).not.toMatch(/pip install pip==/);
    const run = expected.next
      .at(-1)
      ?.replace("dagger run ", "")
      .replace(/ -m stack$/, "");
    expect(workflow).toContain(`args: ${run} -m "\${{ matrix.selection }}"`);
  });

  it("has its lock file updated after the commit", () => {
    expect(generated.plan.lock?.command).toEqual(expected.lock);
    expectIdempotent(generated);
  });
});

describe("a requirement of the project that allows no version the tests run on", () => {
  const pyproject = POETRY_PYPROJECT.replace('pytest = "^7.4"', 'pytest = "^6.2"');
  const generated = generate(stack, { "pyproject.toml": pyproject });

  it("is a conflict that names the file, the table, what is needed and the way out", () => {
    expect(generated.plan.conflicts).toEqual([
      {
        path: "pyproject.toml [tool.poetry.group.dev.dependencies]",
        message: 'pytest = "^6.2" allows no version the generated tests run on (pytest>=7.0.1,<10)',
        hint: 'change it to pytest = "^9.2.0" and run again, or pass --force to keep yours',
      },
    ]);
  });

  it("is kept as it is, never pinned beside (which would make `poetry lock` fail)", () => {
    const after = file(generated, "pyproject.toml");
    expect(after).toContain('pytest = "^6.2"\ndagger-io = "^0.21.9"\n');
    expect(after.match(/pytest/g)).toHaveLength(1);
    expect(after).not.toContain("[dependency-groups]");
  });
});

describe("a requirement of the project that allows older versions too", () => {
  it("is kept, with a warning that says what the tests need", () => {
    const generated = generate(stack, { "requirements-dev.txt": "pytest>=6\n" });
    expect(generated.plan.conflicts).toEqual([]);
    expect(generated.plan.warnings).toContain(
      'requirements-dev.txt: kept your "pytest>=6"; the generated tests need pytest>=7.0.1,<10',
    );
  });
});

describe("GitLab CI for a project with its own tool", () => {
  it("installs the tool in a venv of its own and links it onto PATH, leaving the image's Python alone", () => {
    const gitlab = pythonStack({ ...(fixtureSpec("minimal") as object), ci: "gitlab" });
    const generated = generate(gitlab, { "pyproject.toml": POETRY_PYPROJECT, "poetry.lock": "" });
    const pipeline = file(generated, ".gitlab/dagger-stack.yml");
    expect(pipeline).toContain(
      [
        "    - python -m venv /opt/poetry",
        "    - /opt/poetry/bin/python -m pip install poetry==2.5.1",
        "    - ln -s /opt/poetry/bin/poetry /usr/local/bin/poetry",
        "    - poetry install --with dev",
      ].join("\n"),
    );
    expect(pipeline).toContain('- dagger run poetry run python -m pytest tests -m "$SELECTION"');
  });
});

describe("the project's tool is the planner's input, never read from the files by the planner", () => {
  it("a member of a uv workspace whose own pyproject.toml says nothing of uv gets uv's commands", () => {
    const files = { "pyproject.toml": '[project]\nname = "acme-api"\nversion = "0.1.0"\n' };
    const tree = new VirtualTree(memoryReader(files));
    const plan = planCreate(stack, tree, "0.0.0-test", {
      packageManager: "npm",
      pythonTool: { name: "uv", evidence: "../../uv.lock", lockFile: "../../uv.lock" },
    });
    expect(plan.nextScripts[0]).toBe("uv sync");
    expect(plan.lock).toEqual({ command: ["uv", "lock"], file: "../../uv.lock" });
  });
});
