import { beforeAll, describe, expect, test } from "vitest";
import { addExtensionToBuilder, type ExtensionBuildChange } from "../../src/edit/python/builder-chain.js";
import { addServiceFields, replaceFieldDefault } from "../../src/edit/python/config.js";
import { PyFile } from "../../src/edit/python/file.js";
import {
  addMarker,
  addMatrixFixture,
  addMatrixParam,
  addUrlFixture,
} from "../../src/edit/python/fixtures-module.js";
import { ensureFromImport } from "../../src/edit/python/imports.js";
import type { PythonParser } from "../../src/edit/python/parser.js";
import { refreshComments, refreshDocstring } from "../../src/edit/python/prose.js";
import {
  addBuilderMethod,
  addRegistryEntry,
  addServiceName,
  addUrlMethod,
  insertIntoStartOrder,
} from "../../src/edit/python/stack-module.js";
import { docstringOf } from "../../src/edit/python/syntax.js";
import {
  addMatrixTargetToTest,
  addTestFunction,
  widenNamePadding,
} from "../../src/edit/python/tests-module.js";
import { AnchorError } from "../../src/errors.js";
import { code, crlf } from "../add/support.js";
import { editorTables } from "../support/editor-table.js";
import { indentWith, parser, STACK } from "./support.js";

/** Editor tables (see editorTables) for Python files. */
type Editor = (file: PyFile) => unknown;

let python: PythonParser;
beforeAll(async () => {
  python = await parser();
});

function applyEdit(path: string, text: string, editor: Editor): string {
  const file = new PyFile(path, text, python);
  try {
    editor(file);
    return file.output();
  } finally {
    file.dispose();
  }
}

const { table, expectAnchorError } = editorTables(applyEdit);

const twoSpaces = indentWith("  ");
/** Plain strings in single quotes, as a team with ruff's `quote-style = "single"` has them. */
const singleQuotes = (text: string) => text.replace(/(?<!")"([^"'\n]*)"(?!")/g, "'$1'");
const tabs = indentWith("\t");

describe("addServiceName", () => {
  const edit: Editor = (file) => addServiceName(file, "cache");
  table(STACK, edit, [
    {
      name: "joins the Literal on its line",
      before: 'ServiceName = Literal["postgres", "chromadb"]\n',
      after: 'ServiceName = Literal["postgres", "chromadb", "cache"]\n',
    },
    {
      name: "a stack without services had `str`",
      before: "ServiceName = str\n",
      after: 'ServiceName = Literal["cache"]\n',
    },
    {
      name: "in single quotes, in a file that uses them",
      before: "ServiceName = Literal['postgres']\nHostPorts = Literal['fixed', 'random']\n",
      after: "ServiceName = Literal['postgres', 'cache']\nHostPorts = Literal['fixed', 'random']\n",
    },
    {
      name: "split one per line when the line grows past 88 columns, as ruff does",
      before: 'ServiceName = Literal["postgres", "policy-engine", "compliance-api", "worker-number-one"]\n',
      after: code`
        ServiceName = Literal[
            "postgres",
            "policy-engine",
            "compliance-api",
            "worker-number-one",
            "cache",
        ]
      `,
    },
    {
      name: "a split list keeps its layout and the user's comment",
      before: code`
        ServiceName = Literal[
          "postgres",  # ours: the main database
          "redis"
        ]
      `,
      after: code`
        ServiceName = Literal[
          "postgres",  # ours: the main database
          "redis",
          "cache"
        ]
      `,
    },
  ]);

  test("a ServiceName that is something else is an anchor that is gone", () => {
    expectAnchorError(STACK, "ServiceName = dict\n", edit, /ServiceName = Literal\[\.\.\.\]/);
    expectAnchorError(STACK, "Names = str\n", edit, /module-level assignment ServiceName/);
  });
});

describe("insertIntoStartOrder", () => {
  const order = (text: string) => `START_ORDER: tuple[tuple[ServiceName, ...], ...] = ${text}\n`;
  table(STACK, (file) => insertIntoStartOrder(file, "api", ["postgres"]), [
    {
      name: "after its dependency's group, in the next group",
      before: order('(("postgres",), ("web",))'),
      after: order('(("postgres",), ("web", "api"))'),
    },
    {
      name: "split as ruff splits it when the line grows too long",
      before: order('(("postgres", "redis"), ("web",))'),
      after: code`
        START_ORDER: tuple[tuple[ServiceName, ...], ...] = (
            ("postgres", "redis"),
            ("web", "api"),
        )
      `,
    },
    {
      name: "a new last group when its dependency is in the last one",
      before: order('(("postgres", "redis"),)'),
      after: order('(("postgres", "redis"), ("api",))'),
    },
  ]);
  table(STACK, (file) => insertIntoStartOrder(file, "cache", []), [
    {
      name: "without dependencies, in the first group",
      before: order('(("postgres",),)'),
      after: order('(("postgres", "cache"),)'),
    },
    {
      name: "into an empty order",
      before: order("()"),
      after: order('(("cache",),)'),
    },
  ]);

  test("START_ORDER that is not a tuple of tuples is an anchor that is gone", () => {
    expectAnchorError(STACK, order("ORDER"), (file) => insertIntoStartOrder(file, "x", []), /START_ORDER/);
  });
});

const STACK_CLASS = code`
  class AppStack:
      """The app stack."""

      def build_postgres(self) -> dagger.Container:
          """Builds postgres."""
          return (
              dag.container()
              # ours: pinned by the platform team
              .from_(self.config.postgres_image)
          )

      def seed(self) -> None:
          """Ours: loads the fixtures our tests share."""

      def _registry(self) -> dict[ServiceName, _Entry]:
          """How to build and address each service."""
          cfg = self.config
          return {
              "postgres": _Entry(
                  build=self.build_postgres,
                  url=self._postgres_url,
                  port=cfg.postgres_port,
                  host_port=cfg.postgres_host_port,
              ),
          }

      def _postgres_url(self, host: str, port: int) -> str:
          return f"postgresql://{host}:{port}"
`;

const BUILD_CACHE = code`
  def build_cache(self) -> dagger.Container:
      """Builds cache: redis 7.4."""
      return dag.container().from_("redis:7.4")
`.trimEnd();

const WITH_BUILD_CACHE = STACK_CLASS.replace(
  "    def seed(self)",
  `    ${BUILD_CACHE.replaceAll("\n", "\n    ")}\n\n    def seed(self)`,
);

describe("addBuilderMethod", () => {
  const edit: Editor = (file) => addBuilderMethod(file, "AppStack", "build_cache", BUILD_CACHE);
  table(STACK, edit, [
    {
      name: "4 spaces: after the last builder, before the user's method",
      before: STACK_CLASS,
      after: WITH_BUILD_CACHE,
    },
    { name: "2 spaces", before: twoSpaces(STACK_CLASS), after: twoSpaces(WITH_BUILD_CACHE) },
    { name: "tabs", before: tabs(STACK_CLASS), after: tabs(WITH_BUILD_CACHE) },
    { name: "CRLF", before: crlf(STACK_CLASS), after: crlf(WITH_BUILD_CACHE) },
    {
      name: "single quotes: the new strings follow the file, docstrings keep theirs",
      before: singleQuotes(STACK_CLASS),
      after: singleQuotes(WITH_BUILD_CACHE),
    },
  ]);

  test("a renamed class is an anchor that is gone, named with its file", () => {
    expectAnchorError(
      STACK,
      STACK_CLASS.replace("class AppStack", "class OurStack"),
      edit,
      /^class AppStack$/,
    );
  });

  test("a class without builders names what it looked for", () => {
    const text = STACK_CLASS.replaceAll("build_postgres", "make_postgres");
    expectAnchorError(STACK, text, edit, /a build_\.\.\.\(\) method in class AppStack/);
  });
});

describe("addUrlMethod and addRegistryEntry", () => {
  const url = 'def _cache_url(self, host: str, port: int) -> str:\n    return f"redis://{host}:{port}"';
  const entry = code`
    "cache": _Entry(
        build=self.build_cache,
        url=self._cache_url,
        port=cfg.cache_port,
        host_port=cfg.cache_host_port,
    )
  `.trimEnd();
  const edit: Editor = (file) => {
    addRegistryEntry(file, "AppStack", "cache", entry);
    addUrlMethod(file, "AppStack", "_cache_url", url);
  };
  const grown = STACK_CLASS.replace(
    "            ),\n        }",
    `            ),\n            ${entry.replaceAll("\n", "\n            ")},\n        }`,
  ).replace(/\n$/, `\n\n    ${url.replace("\n", "\n    ")}\n`);
  table(STACK, edit, [
    { name: "after the last entry and the last URL method", before: STACK_CLASS, after: grown },
    { name: "2 spaces", before: twoSpaces(STACK_CLASS), after: twoSpaces(grown) },
  ]);

  const empty = code`
    class AppStack:
        def _registry(self) -> dict[ServiceName, _Entry]:
            """How to build and address each service."""
            return {}
  `;
  table(STACK, edit, [
    {
      name: "a stack that had no services gets `cfg` and a split dict, as create writes it",
      before: empty,
      after: [
        "class AppStack:",
        "    def _registry(self) -> dict[ServiceName, _Entry]:",
        '        """How to build and address each service."""',
        "        cfg = self.config",
        "        return {",
        `            ${entry.replaceAll("\n", "\n            ")}`,
        "        }",
        "",
        `    ${url.replace("\n", "\n    ")}`,
        "",
      ].join("\n"),
    },
  ]);

  test("without `_registry()` the anchor is named", () => {
    expectAnchorError(STACK, "class AppStack:\n    pass\n", edit, /method _registry\(\) in class AppStack/);
  });
});

describe("ensureFromImport", () => {
  const edit: Editor = (file) => ensureFromImport(file, "urllib.parse", "quote");
  const imports = (...lines: string[]) =>
    ["from __future__ import annotations", "", ...lines, "", "import dagger", ""].join("\n");
  table(STACK, edit, [
    {
      name: "among the standard library's from-imports, in module order",
      before: imports("import asyncio", "from pathlib import Path", "from typing import Literal"),
      after: imports(
        "import asyncio",
        "from pathlib import Path",
        "from typing import Literal",
        "from urllib.parse import quote",
      ),
    },
    {
      name: "before a module that sorts after it",
      before: imports("import asyncio", "from typing import Literal", "from zoneinfo import ZoneInfo"),
      after: imports(
        "import asyncio",
        "from typing import Literal",
        "from urllib.parse import quote",
        "from zoneinfo import ZoneInfo",
      ),
    },
    {
      name: "into an existing import of the module",
      before: imports("from urllib.parse import urlsplit"),
      after: imports("from urllib.parse import urlsplit, quote"),
    },
  ]);
});

const CONFIG = "tests/dagger_modules/config.py";
const CONFIG_CLASS = code`
  @dataclass
  class AppConfig:
      """Settings."""

      namespace: str = field(default_factory=new_namespace)
      """Prefixes secret names."""

      # postgres: postgres 16
      postgres_image: str = "postgres:16.11-bookworm"
      """Pinned image."""
      postgres_replicas: int = 2  # ours

      def describe(self) -> str:
          """Ours."""
          return self.namespace
`;

const CACHE_FIELDS = code`
  # cache: redis 7.4
  cache_image: str = "redis:7.4.1-bookworm"
  """Pinned image."""
  cache_port: int = 6379
`.trimEnd();

describe("addServiceFields", () => {
  const edit: Editor = (file) =>
    addServiceFields(file, "AppConfig", ["cache_image", "cache_port"], CACHE_FIELDS);
  const grown = CONFIG_CLASS.replace(
    "postgres_replicas: int = 2  # ours\n",
    `postgres_replicas: int = 2  # ours\n\n    ${CACHE_FIELDS.replaceAll("\n", "\n    ")}\n`,
  );
  table(CONFIG, edit, [
    {
      name: "after the last field (the user's), before the user's method",
      before: CONFIG_CLASS,
      after: grown,
    },
    { name: "tabs", before: tabs(CONFIG_CLASS), after: tabs(grown) },
  ]);

  test("a renamed config class is an anchor that is gone", () => {
    expectAnchorError(CONFIG, CONFIG_CLASS.replace("AppConfig", "Settings"), edit, /^class AppConfig$/);
  });
});

describe("replaceFieldDefault", () => {
  const change = { previous: "postgres:16.11-bookworm", value: "paradedb/paradedb:0.26.1-pg16" };
  test("moves create's default, keeps the user's", () => {
    const results: string[] = [];
    const moved = applyEdit(CONFIG, CONFIG_CLASS, (file) => {
      results.push(replaceFieldDefault(file, "AppConfig", "postgres_image", change));
    });
    expect(moved).toBe(CONFIG_CLASS.replace("postgres:16.11-bookworm", "paradedb/paradedb:0.26.1-pg16"));
    const ours = CONFIG_CLASS.replace("postgres:16.11-bookworm", "registry.example/pg:16");
    expect(
      applyEdit(CONFIG, ours, (file) =>
        results.push(replaceFieldDefault(file, "AppConfig", "postgres_image", change)),
      ),
    ).toBe(ours);
    expect(results).toEqual(["changed", "kept-yours"]);
  });
});

const FIXTURES = "tests/dagger_modules/fixtures.py";
const FIXTURES_MODULE = code`
  MARKERS = {
      "matrix": 'a test of the testing matrix; -m "not matrix" selects all the others',
      "backend_chromadb": "the chromadb entry of matrix.backend",
  }


  @pytest.fixture(scope="session")
  async def stack(connected_stack: AppStack) -> AppStack:
      """The running stack."""
      await connected_stack.start()
      return connected_stack


  @pytest.fixture(scope="session")
  def postgres_url(stack: AppStack) -> str:
      """The URL of postgres."""
      return stack.urls()["postgres"].host


  @pytest.fixture
  def seeded(postgres_url: str) -> str:
      """Ours."""
      return postgres_url


  @dataclass(frozen=True)
  class MatrixTarget:
      name: ServiceName


  @pytest.fixture(
      params=[
          pytest.param("chromadb", marks=[pytest.mark.matrix, pytest.mark.backend_chromadb])
      ]
  )
  def backend(request: pytest.FixtureRequest, stack: AppStack) -> MatrixTarget:
      """The backend under test."""
      return MatrixTarget(name=request.param)
`;

describe("fixtures.py", () => {
  const urlFixture = code`
    @pytest.fixture(scope="session")
    def cache_url(stack: AppStack) -> str:
        """The URL of cache."""
        return stack.urls()["cache"].host
  `.trimEnd();
  table(FIXTURES, (file) => addUrlFixture(file, "cache_url", urlFixture), [
    {
      name: "a URL fixture after the last one, not after the user's fixture",
      before: FIXTURES_MODULE,
      after: FIXTURES_MODULE.replace(
        '    return stack.urls()["postgres"].host\n',
        `    return stack.urls()["postgres"].host\n\n\n${urlFixture}\n`,
      ),
    },
  ]);

  const param = 'pytest.param("postgres", marks=[pytest.mark.matrix, pytest.mark.backend_postgres])';
  table(
    FIXTURES,
    (file) => {
      addMarker(
        file,
        "backend_postgres",
        '"backend_postgres": "the postgres entry of matrix.backend"',
        "backend_chromadb",
      );
      addMatrixParam(file, "backend", "postgres", param);
    },
    [
      {
        name: "a matrix entry: its marker after its axis's last, its param after the last (with ruff's commas)",
        before: FIXTURES_MODULE,
        after: FIXTURES_MODULE.replace(
          '    "backend_chromadb": "the chromadb entry of matrix.backend",\n',
          '    "backend_chromadb": "the chromadb entry of matrix.backend",\n    "backend_postgres": "the postgres entry of matrix.backend",\n',
        ).replace(
          '        pytest.param("chromadb", marks=[pytest.mark.matrix, pytest.mark.backend_chromadb])\n',
          // With its new comma the former last param no longer fits its line: split, as ruff splits it.
          [
            "        pytest.param(",
            '            "chromadb",',
            "            marks=[pytest.mark.matrix, pytest.mark.backend_chromadb],",
            "        ),",
            `        ${param},`,
            "",
          ].join("\n"),
        ),
      },
    ],
  );

  const axis = code`
    @pytest.fixture(params=[pytest.param("minio", marks=[pytest.mark.matrix])])
    def storage(request: pytest.FixtureRequest) -> MatrixTarget:
        return MatrixTarget(name=request.param)
  `.trimEnd();
  table(FIXTURES, (file) => addMatrixFixture(file, "storage", axis), [
    {
      name: "a new axis's fixture after the last matrix fixture",
      before: FIXTURES_MODULE,
      after: `${FIXTURES_MODULE}\n\n${axis}\n`,
    },
  ]);

  test("without MARKERS or MatrixTarget the anchors are named", () => {
    const noMarkers = FIXTURES_MODULE.replace("MARKERS = {", "OUR_MARKERS = {");
    expectAnchorError(FIXTURES, noMarkers, (file) => addMarker(file, "x", '"x": "y"', undefined), /MARKERS/);
    const noMatrix = code`
      @pytest.fixture(scope="session")
      def stack() -> None:
          pass
    `;
    expectAnchorError(
      FIXTURES,
      noMatrix,
      (file) => addMatrixFixture(file, "storage", axis),
      /class MatrixTarget/,
    );
    expectAnchorError(
      FIXTURES,
      noMatrix,
      (file) => addMatrixParam(file, "backend", "postgres", param),
      /the `backend` fixture with `@pytest.fixture\(params=\[\.\.\.\]\)`/,
    );
    expectAnchorError(
      FIXTURES,
      "x = 1\n",
      (file) => addUrlFixture(file, "cache_url", urlFixture),
      /`stack` fixture/,
    );
  });
});

describe("test modules and up", () => {
  const smoke = code`
    """postgres: smoke tests."""

    pytestmark = pytest.mark.anyio


    async def test_accepts_connections(postgres_url: str) -> None:
        assert postgres_url


    async def test_ours(postgres_url: str) -> None:  # ours
        assert postgres_url
  `;
  const test_ = "async def test_postgis_extension(postgres_url: str) -> None:\n    assert postgres_url";
  table(
    "tests/integration/test_postgres_smoke.py",
    (file) => addTestFunction(file, "test_postgis_extension", test_),
    [
      { name: "a new test at the end of the module", before: smoke, after: `${smoke}\n\n${test_}\n` },
      { name: "CRLF", before: crlf(smoke), after: crlf(`${smoke}\n\n${test_}\n`) },
    ],
  );

  table(
    "tests/integration/test_backend_matrix.py",
    (file) => expect(addMatrixTargetToTest(file, "backend", "pg17")).toBe(true),
    [
      {
        name: "the target joins the checked tuple",
        before:
          'async def test_x(backend: MatrixTarget) -> None:\n    assert backend.name in ("chromadb", "postgres")\n',
        after:
          'async def test_x(backend: MatrixTarget) -> None:\n    assert backend.name in ("chromadb", "postgres", "pg17")\n',
      },
    ],
  );

  test("a matrix test without the check says so", () => {
    const text = "async def test_x(backend: MatrixTarget) -> None:\n    assert backend\n";
    expect(
      applyEdit("t.py", text, (file) => expect(addMatrixTargetToTest(file, "backend", "x")).toBe(false)),
    ).toBe(text);
  });

  const up = 'for name, url in urls.items():\n    print(f"{name:<10} {url.host}")\n';
  table("tests/dagger_modules/up.py", (file) => widenNamePadding(file, 16), [
    { name: "the name column widens", before: up, after: up.replace("<10", "<16") },
    {
      name: "a wider column the user chose stays",
      before: up.replace("<10", "<20"),
      after: up.replace("<10", "<20"),
    },
  ]);
});

describe("builder chains: extensions on an existing service", () => {
  const builder = (steps: string) =>
    [
      "class AppStack:",
      "    def build_postgres(self) -> dagger.Container:",
      '        """Builds postgres: postgres 16."""',
      "        return (",
      "            dag.container()",
      "            # A pinned tag.",
      "            .from_(cfg.postgres_image)",
      `${steps}            .with_exposed_port(cfg.postgres_port)`,
      "        )",
      "",
    ].join("\n");
  const apt = code`
    # pgvector from the PGDG apt repository.
    .with_mounted_cache("/var/lib/apt/lists", dag.cache_volume("apt-lists"))
    .with_exec(["sh", "-c", "apt-get install", "sh", "postgresql-16-pgvector"])
  `.trimEnd();
  const indented = (lines: string) => `${lines.replace(/^/gm, "            ")}\n`;
  const change = (overrides: Partial<ExtensionBuildChange>): ExtensionBuildChange => ({
    aptPackages: [],
    aptInstallLines: apt,
    ...overrides,
  });
  const edit =
    (overrides: Partial<ExtensionBuildChange>, notes: string[] = []): Editor =>
    (file) =>
      notes.push(...addExtensionToBuilder(file, "AppStack", "build_postgres", change(overrides)));

  table(STACK, edit({ aptPackages: ["postgresql-16-pgvector"] }), [
    {
      name: "an install step right after .from_()",
      before: builder('            .with_env_variable("A", "b")  # ours\n'),
      after: builder(`${indented(apt)}            .with_env_variable("A", "b")  # ours\n`),
    },
  ]);
  table(STACK, edit({ aptPackages: ["postgresql-16-postgis-3"] }), [
    {
      name: "a package joins the existing apt exec",
      before: builder(indented(apt)),
      after: builder(
        indented(
          [
            ...apt.split("\n").slice(0, 2),
            ".with_exec(",
            "    [",
            ...["sh", "-c", "apt-get install", "sh", "postgresql-16-pgvector", "postgresql-16-postgis-3"].map(
              (word) => `        "${word}",`,
            ),
            "    ]",
            ")",
          ].join("\n"),
        ),
      ),
    },
  ]);
  table(
    STACK,
    edit({ providedPackages: { packages: ["postgresql-16-pgvector"], previousLines: apt, noneLeft: true } }),
    [
      {
        name: "an install step left without packages goes, when it is as create wrote it",
        before: builder(indented(apt)),
        after: builder(""),
      },
    ],
  );

  const split = [
    ".with_exec(",
    "    [",
    '        "apt-get install",',
    '        "postgresql-16-pgvector",',
    '        "postgresql-16-postgis-3",  # ours: maps',
    "    ]",
    ")",
  ].join("\n");
  table(
    STACK,
    edit({ providedPackages: { packages: ["postgresql-16-pgvector"], previousLines: apt, noneLeft: false } }),
    [
      {
        name: "a package the new image provides leaves the user's split list, line and all",
        before: builder(indented(split)),
        after: builder(indented(split.replace('        "postgresql-16-pgvector",\n', ""))),
      },
    ],
  );

  const args = {
    previous: [],
    next: ["postgres", "-c", "shared_preload_libraries=pg_cron"],
    call: '.with_default_args(["postgres", "-c", "shared_preload_libraries=pg_cron"])',
    lines: '# Server settings.\n.with_default_args(["postgres", "-c", "shared_preload_libraries=pg_cron"])',
  };
  table(STACK, edit({ serverArgs: args }), [
    {
      name: "server arguments before .with_exposed_port()",
      before: builder(""),
      after: builder(indented(args.lines)),
    },
  ]);

  test("server arguments the user chose stay theirs, with a note", () => {
    const notes: string[] = [];
    const ours = builder('            .with_default_args(["postgres", "-c", "work_mem=64MB"])\n');
    expect(applyEdit(STACK, ours, edit({ serverArgs: args }, notes))).toBe(ours);
    expect(notes).toEqual([
      `${STACK}: build_postgres() sets its own server arguments; make sure they include postgres -c shared_preload_libraries=pg_cron`,
    ]);
  });

  test("a builder without a chain is an anchor that is gone", () => {
    const text =
      "class AppStack:\n    def build_postgres(self) -> dagger.Container:\n        return make()\n";
    expectAnchorError(
      STACK,
      text,
      edit({ aptPackages: ["x"] }),
      /the `return \(dag\.\.\.\)` chain in build_postgres\(\)/,
    );
  });
});

describe("prose", () => {
  const module = '"""postgres: postgres 16: smoke tests."""\n\nimport pytest\n';
  const change = {
    previous: '"""postgres: postgres 16: smoke tests."""',
    next: '"""postgres: postgres 16 with pgvector: smoke\ntests."""',
  };
  table("t.py", (file) => refreshDocstring(file, docstringOf(file.root), change), [
    {
      name: "a docstring as create wrote it is brought up to date",
      before: module,
      after: '"""postgres: postgres 16 with pgvector: smoke\ntests."""\n\nimport pytest\n',
    },
    {
      name: "one the user rewrote stays",
      before: module.replace("smoke tests", "our checks"),
      after: module.replace("smoke tests", "our checks"),
    },
  ]);

  const comments = "class A:\n    # postgres: postgres 16\n    # (two lines)\n    x: int = 1\n";
  table(
    "c.py",
    (file) =>
      refreshComments(file, file.root, {
        previous: ["# postgres: postgres 16", "# (two lines)"],
        next: ["# postgres: postgres 16 with pgvector"],
      }),
    [
      {
        name: "a comment run as create wrote it",
        before: comments,
        after: "class A:\n    # postgres: postgres 16 with pgvector\n    x: int = 1\n",
      },
    ],
  );
});

test("a file that does not parse is refused before any edit", async () => {
  const { PyEditSession } = await import("../../src/edit/python/session.js");
  const session = new PyEditSession(python, () => "def broken(:\n    pass\n");
  expect(() => session.file(STACK)).toThrow(AnchorError);
  expect(() => session.file(STACK)).toThrow(`${STACK}: could not find Python that parses`);
  session.dispose();
});
