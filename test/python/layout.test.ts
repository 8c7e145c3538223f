import { describe, expect, it } from "vitest";
import {
  assignment,
  atom,
  call,
  docstring,
  importLines,
  kw,
  layout,
  list,
  literal,
  signature,
  str,
  strList,
  tuple,
  wrapProse,
} from "../../src/render/python/layout.js";
import { sortDunderAll, sortImportNames } from "../../src/render/python/sort.js";

/** The layout rules the renderer relies on; output.test.ts has ruff judge random input too. */
describe("layout", () => {
  it("keeps what fits in 88 columns on one line", () => {
    expect(layout(call(".with_exec", strList(["pip", "install", "librosa"])), 12)).toEqual([
      '            .with_exec(["pip", "install", "librosa"])',
    ]);
  });

  it("splits several items one per line with a trailing comma, so ruff keeps them split", () => {
    const expr = call(
      ".with_secret_variable",
      str("POSTGRES_PASSWORD"),
      call("self._secret", str("db/password"), atom("cfg.database_password")),
    );
    expect(layout(expr, 12)).toEqual([
      "            .with_secret_variable(",
      '                "POSTGRES_PASSWORD",',
      '                self._secret("db/password", cfg.database_password),',
      "            )",
    ]);
  });

  it("puts a lone argument on its own line without a comma, as ruff does", () => {
    const expr = call(".with_exec", strList(["sh", "-c", "x".repeat(60), "sh", "ffmpeg"]));
    expect(layout(expr, 12)).toEqual([
      "            .with_exec(",
      "                [",
      '                    "sh",',
      '                    "-c",',
      `                    "${"x".repeat(60)}",`,
      '                    "sh",',
      '                    "ffmpeg",',
      "                ]",
      "            )",
    ]);
  });

  it("keeps the comma of a one-element tuple and of a lone def parameter", () => {
    expect(layout(tuple([str("backend")]), 0)).toEqual(['("backend",)']);
    expect(
      signature(
        "async def test_accepts_connections_with_the_generated_credentials",
        ["postgres_url: str"],
        "None",
      ),
    ).toEqual([
      "async def test_accepts_connections_with_the_generated_credentials(",
      "    postgres_url: str,",
      ") -> None:",
    ]);
  });

  it("wraps an atom too long for its assignment in parentheses when that makes it fit", () => {
    const value = str("x".repeat(70));
    expect(assignment("    postgres_database: str".trim(), value, 4)).toEqual([
      "    postgres_database: str = (",
      `        "${"x".repeat(70)}"`,
      "    )",
    ]);
    expect(assignment("image: str", str("y".repeat(90)), 4)).toEqual([
      `    image: str = "${"y".repeat(90)}"`,
    ]);
  });

  it("splits keyword values and dict entries after their key", () => {
    const expr = call(
      "pytest.param",
      str("chromadb"),
      kw("marks", list([atom("pytest.mark.matrix"), atom("pytest.mark.backend_chromadb")])),
    );
    expect(layout(expr, 8)).toEqual([
      "        pytest.param(",
      '            "chromadb",',
      "            marks=[pytest.mark.matrix, pytest.mark.backend_chromadb],",
      "        )",
    ]);
  });

  it("writes plain data as Python literals", () => {
    expect(layout(literal([{ id: 1, ok: true, name: "x", none: null }]), 0)).toEqual([
      '[{"id": 1, "ok": True, "name": "x", "none": None}]',
    ]);
  });

  it("splits an import in parentheses with a comma after each name", () => {
    expect(importLines(".stack", ["A", "B"])).toEqual(["from .stack import A, B"]);
    expect(importLines(".stack", ["X".repeat(50), "ServiceName", "ServiceUrls"])).toEqual([
      "from .stack import (",
      `    ${"X".repeat(50)},`,
      "    ServiceName,",
      "    ServiceUrls,",
      ")",
    ]);
  });
});

describe("docstrings and comments", () => {
  it("keep one line when it fits with both quotes, else close on a line of their own", () => {
    expect(docstring("Short.", 4)).toEqual(['    """Short."""']);
    const long = docstring(`${"word ".repeat(20)}end.`, 4);
    expect(long.at(-1)).toBe('    """');
    expect(long.every((line) => line.length <= 88)).toBe(true);
  });

  it("escape backslashes and triple quotes", () => {
    expect(docstring('a \\ b """ c', 0)).toEqual(['"""a \\\\ b \\"\\"\\" c"""']);
  });

  it("never break a code span", () => {
    expect(wrapProse("select one with `-m backend_postgres` please", 20)).toEqual([
      "select one with",
      "`-m backend_postgres`",
      "please",
    ]);
  });
});

describe("sorting as ruff's isort and RUF022 do", () => {
  it("puts constants, then classes, then the rest, in natural order", () => {
    expect(sortDunderAll(["stack", "ZetaStack", "MARKERS", "item10", "item9", "AConfig"])).toEqual([
      "MARKERS",
      "AConfig",
      "ZetaStack",
      "item9",
      "item10",
      "stack",
    ]);
    expect(sortImportNames(["ZetaStack", "ServiceUrls", "ServiceName"])).toEqual([
      "ServiceName",
      "ServiceUrls",
      "ZetaStack",
    ]);
  });
});
