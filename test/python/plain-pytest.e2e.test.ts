import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt } from "../cli/support/built-cli.js";
import { pythonTools, removeProject, reportSkip, run, writeProject } from "./support.js";

/**
 * A Python repository with its own passing tests and `testpaths = ["tests"]`: after `create`, the plain
 * `pytest` its developers and CI run gives the same result as before (real pytest, in .cache/pyenv),
 * leaving the stack's tests out with one line that says how to run them, and `-m stack` runs those.
 */
const tools = pythonTools();
if (typeof tools === "string") reportSkip("a plain pytest before and after create", tools);

const PROJECT = {
  "pyproject.toml":
    '[project]\nname = "shop"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef price():\n    return 3\n",
  "tests/test_prices.py":
    "def test_price(price):\n    assert price * 2 == 6\n\n\ndef test_free():\n    assert 0 == 0\n",
  "tests/unit/test_cart.py":
    "import pytest\n\n\n@pytest.mark.parametrize('n', [1, 2])\ndef test_cart(n):\n    assert n > 0\n",
};

/** `3 passed, 2 deselected in 0.41s` → { passed: 3, deselected: 2 }. */
function counts(output: string): Record<string, number> {
  const summary = output.trim().split("\n").at(-1) ?? "";
  return Object.fromEntries(
    [...summary.matchAll(/(\d+) (\w+)/g)].map((match) => [match[2], Number(match[1])]),
  );
}

describe.skipIf(typeof tools === "string")("a plain pytest before and after create", () => {
  let root: string;
  const pytestRuns: { name: string; command: () => [string, string[]] }[] = [
    { name: "python -m pytest", command: () => [pythonOf(), ["-m", "pytest", "-p", "no:cacheprovider"]] },
    {
      name: "the pytest script",
      command: () => [join(pythonOf(), "..", "pytest"), ["-p", "no:cacheprovider"]],
    },
  ];
  const before = new Map<string, ReturnType<typeof run>>();
  const pythonOf = () => (typeof tools === "string" ? "" : tools.python);
  const env = { PYTHONDONTWRITEBYTECODE: "1", NO_COLOR: "1" };

  beforeAll(async () => {
    await ensureBuilt();
    root = writeProject(PROJECT);
    for (const { name, command } of pytestRuns) before.set(name, run(...command(), root, env));
    const created = spawnSync(
      process.execPath,
      [BIN, "--lang", "python", "--services", "postgres,redis", "--matrix", "store=postgres,redis", "--yes"],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    if (created.status !== 0) throw new Error(`create failed:\n${created.stdout}${created.stderr}`);
    return () => removeProject(root);
  }, 120_000);

  it.each(pytestRuns)(
    "$name: same exit status and results, the stack's tests left out with one line",
    ({ name, command }) => {
      const was = before.get(name) as ReturnType<typeof run>;
      expect(was.status, was.output).toBe(0);
      expect(counts(was.output)).toEqual({ passed: 4 });
      const now = run(...command(), root, env);
      expect(now.status, now.output).toBe(0);
      const { deselected, ...results } = counts(now.output);
      expect(results).toEqual({ passed: 4 });
      expect(deselected).toBeGreaterThanOrEqual(4);
      expect(now.output).not.toMatch(/error/i);
      const hints = now.output.split("\n").filter((line) => line.includes("-m stack"));
      expect(hints).toEqual([
        `${deselected} Dagger stack test(s) not run: they start containers; select them with -m stack (see docs/dagger-stack.md)`,
      ]);
    },
  );

  it("`-m stack` selects exactly the stack's tests, and the CI selections split them", () => {
    const collect = (expression: string) =>
      run(
        tools === "string" ? "" : pythonOf(),
        ["-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", "-m", expression],
        root,
        env,
      )
        .output.split("\n")
        .filter((line) => line.startsWith("tests/"));
    const stack = collect("stack");
    expect(stack.every((id) => id.startsWith("tests/integration/"))).toBe(true);
    expect(stack.length).toBeGreaterThanOrEqual(4);
    const selections = ["stack and not matrix", "store_postgres", "store_redis"].map(collect);
    expect(selections.flat().sort()).toEqual([...stack].sort());
  });
});

/**
 * A tests/ folder that is no package (no __init__.py), whose test imports a helper beside it by bare
 * name, as pytest's default import mode allows: create leaves tests/ without an __init__.py (one would
 * make `from helpers import double` fail) and loads the stack's plugin from a conftest.py at the root.
 * Checked with the pinned pytest and with the oldest the generated tests accept.
 */
const SIBLING_IMPORTS = {
  "pyproject.toml": '[project]\nname = "shop"\nversion = "0.1.0"\n',
  "tests/helpers.py": "def double(n):\n    return n * 2\n",
  "tests/test_prices.py": "from helpers import double\n\n\ndef test_double():\n    assert double(3) == 6\n",
};

const venvs = (["pyenv", "pyenv-min"] as const).flatMap((venv) => {
  const found = pythonTools(venv);
  return typeof found === "string" ? [] : [{ venv, python: found.python }];
});

describe.skipIf(venvs.length < 2)("tests that import their siblings, before and after create", () => {
  let root: string;
  const env = { PYTHONDONTWRITEBYTECODE: "1", NO_COLOR: "1" };
  const pytest = (python: string, ...args: string[]) =>
    run(join(python, "..", "pytest"), ["-p", "no:cacheprovider", ...args], root, env);

  beforeAll(async () => {
    await ensureBuilt();
    root = writeProject(SIBLING_IMPORTS);
    for (const { python } of venvs) expect(counts(pytest(python).output)).toEqual({ passed: 1 });
    const created = spawnSync(
      process.execPath,
      [BIN, "--lang", "python", "--services", "postgres,redis", "--yes"],
      { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
    );
    if (created.status !== 0) throw new Error(`create failed:\n${created.stdout}${created.stderr}`);
    return () => removeProject(root);
  }, 120_000);

  it("leaves tests/ without an __init__.py and loads the plugin from the root's conftest.py", () => {
    expect(existsSync(join(root, "tests/__init__.py"))).toBe(false);
    expect(readFileSync(join(root, "conftest.py"), "utf8")).toContain(
      'pytest_plugins = ["tests.dagger_modules.fixtures"]',
    );
  });

  it.each(venvs)(
    "$venv: the plain pytest still passes, the stack's tests left out with one line",
    ({ python }) => {
      const now = pytest(python);
      expect(now.status, now.output).toBe(0);
      const { deselected, ...results } = counts(now.output);
      expect(results).toEqual({ passed: 1 });
      expect(deselected).toBeGreaterThanOrEqual(2);
      expect(now.output).toContain(`${deselected} Dagger stack test(s) not run`);
    },
  );

  it.each(venvs)(
    "$venv: `-m stack` collects the stack's tests, with pytest and python -m pytest",
    ({ python }) => {
      const ids = (result: ReturnType<typeof run>) => {
        expect(result.status, result.output).toBe(0);
        return result.output.split("\n").filter((line) => line.startsWith("tests/"));
      };
      const script = ids(pytest(python, "--collect-only", "-q", "-m", "stack"));
      expect(script.length).toBeGreaterThanOrEqual(2);
      expect(script.every((id) => id.startsWith("tests/integration/"))).toBe(true);
      const module = ids(
        run(
          python,
          ["-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", "-m", "stack"],
          root,
          env,
        ),
      );
      expect(module).toEqual(script);
    },
  );
});
