import { beforeAll, describe, expect, test } from "vitest";
import type { PythonParser } from "../../src/edit/python/parser.js";
import { AnchorError } from "../../src/errors.js";
import { type AddRequest, planAdd } from "../../src/plan/add/index.js";
import { IMAGE_PINS } from "../../src/spec/catalog/images.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import {
  addProblems,
  addRejection,
  crlf,
  type Files,
  manifestSpec,
  replaceOnce,
  specProblemTests,
  TOOL_VERSION,
  userEdit,
} from "../add/support.js";
import {
  ADD_API,
  ADD_CACHE,
  ADD_PG17,
  ADD_POSTGIS,
  CONFIG,
  createPython,
  editedKnowledgebeast,
  FIXTURES,
  generatePython,
  parser,
  pythonSpec,
  runPythonAdd,
  SMOKE,
  STACK,
  USER_CHAIN_COMMENT,
  USER_FIELD,
  USER_FIXTURE,
  USER_METHOD,
  USER_TEST,
} from "./support.js";

let python: PythonParser;
beforeAll(async () => {
  python = await parser();
});

const manifestHashes = (files: Files): Record<string, string> =>
  JSON.parse(files["dagger-stack.json"] ?? "{}").files;

describe("add a service to an edited Python project", () => {
  const run = () => runPythonAdd(editedKnowledgebeast(), ADD_CACHE, python);

  test("reports what it added, and the next commands", () => {
    const { plan } = run();
    expect(plan.added).toEqual(["service cache (redis)"]);
    expect(plan.nextScripts).toEqual([
      ".venv/bin/python -m pip install --group dev",
      "dagger run .venv/bin/python -m pytest tests -m stack",
    ]);
  });

  test("the user's comment, method, field, fixture, indentation and line endings are intact", () => {
    const { files } = run();
    const stack = files[STACK] ?? "";
    expect(stack).toContain(crlf(USER_CHAIN_COMMENT));
    expect(stack).toContain(crlf(USER_METHOD));
    expect(stack.replace(/\r\n/g, "")).not.toContain("\n");
    expect(files[CONFIG]).toContain(USER_FIELD);
    expect(files[FIXTURES]).toContain(USER_FIXTURE);
  });

  test("the new pieces are there, in each file's own style", () => {
    const { files } = run();
    const stack = files[STACK] ?? "";
    expect(stack).toContain('ServiceName = Literal["postgres", "chromadb", "cache"]\r\n');
    expect(stack).toContain('(("postgres", "chromadb", "cache"),)\r\n');
    expect(stack).toContain("    def build_cache(self) -> dagger.Container:\r\n");
    expect(stack).toContain('            "cache": _Entry(\r\n                build=self.build_cache,\r\n');
    expect(stack).toContain(
      "    def _cache_url(self, host: str, port: int) -> str:\r\n        cfg = self.config\r\n",
    );
    // config.py is indented with two spaces.
    expect(files[CONFIG]).toContain(
      `\n  # cache: redis 7.4\n  cache_image: str = "${IMAGE_PINS.redis["7.4"]}"\n  """Pinned image."""\n`,
    );
    expect(files[FIXTURES]).toContain("def cache_url(stack: KnowledgebeastStack) -> str:\n");
    expect(files["tests/integration/test_cache_smoke.py"]).toContain(
      "async def test_stores_and_reads_back_a_value(cache_url: str)",
    );
    expect(files["pyproject.toml"]).toContain('    "redis==8.1.0",\n');
  });

  test("the builder goes after the last builder, before the user's method; the fixture after the last URL fixture", () => {
    const { files } = run();
    const stack = files[STACK] ?? "";
    expect(stack.indexOf("def build_chromadb")).toBeLessThan(stack.indexOf("def build_cache"));
    expect(stack.indexOf("def build_cache")).toBeLessThan(stack.indexOf("def seed"));
    const fixtures = files[FIXTURES] ?? "";
    expect(fixtures.indexOf("def chromadb_url")).toBeLessThan(fixtures.indexOf("def cache_url"));
    expect(fixtures.indexOf("def cache_url")).toBeLessThan(fixtures.indexOf("def seeded_postgres"));
  });

  test("the manifest records the grown spec; only files that were pristine get new hashes", () => {
    const before = editedKnowledgebeast();
    const { files } = run();
    expect(manifestSpec(files)).toMatchObject({
      services: expect.arrayContaining([expect.objectContaining({ name: "cache" })]),
    });
    const [was, is] = [manifestHashes(before), manifestHashes(files)];
    expect(is[STACK]).toBe(was[STACK]);
    expect(is[CONFIG]).toBe(was[CONFIG]);
    expect(is["tests/integration/test_cache_smoke.py"]).toBeDefined();
    expect(is["docs/dagger-stack.md"]).not.toBe(was["docs/dagger-stack.md"]);
  });

  test("running the same add again changes nothing and says so", () => {
    const { files } = run();
    const again = runPythonAdd(files, ADD_CACHE, python);
    expect(again.changes).toEqual([]);
    expect(again.plan.notes).toEqual(["already there: service cache; nothing to change"]);
  });

  test("several adds in a row keep everything and stay idempotent", () => {
    let files = editedKnowledgebeast();
    for (const request of [ADD_CACHE, ADD_PG17, ADD_POSTGIS, ADD_API]) {
      files = runPythonAdd(files, request, python).files;
      expect(runPythonAdd(files, request, python).changes).toEqual([]);
    }
    const stack = files[STACK] ?? "";
    for (const piece of [USER_CHAIN_COMMENT, USER_METHOD]) expect(stack).toContain(crlf(piece));
    expect(stack).toContain('("api",),');
    expect(files[FIXTURES]).toContain(
      'pytest.param("pg17", marks=[pytest.mark.matrix, pytest.mark.backend_pg17])',
    );
    expect(files[SMOKE]).toContain(USER_TEST);
    expect(files[SMOKE]).toContain("async def test_postgis_extension(postgres_url: str) -> None:");
    expect(files["tests/integration/test_backend_matrix.py"]).toContain('("chromadb", "postgres", "pg17")');
  });
});

describe("add extension to an existing Postgres", () => {
  test("installs the package after .from_(...) keeping the user's chain comment, refreshes the prose, adds a test", () => {
    const files = userEdit(generatePython("commandcenter"), STACK, (text) =>
      replaceOnce(
        text,
        '            .with_env_variable("POSTGRES_USER"',
        `${USER_CHAIN_COMMENT}            .with_env_variable("POSTGRES_USER"`,
      ),
    );
    const { files: after, plan } = runPythonAdd(
      files,
      { type: "extension", service: "postgres", extension: "pgvector" },
      python,
    );
    expect(plan.added).toEqual(["extension pgvector on postgres"]);
    const stack = after[STACK] ?? "";
    expect(stack).toContain('"""Builds postgres: postgres 16 with pgvector."""');
    expect(stack).toContain(
      "            .from_(cfg.postgres_image)\n            # pgvector from the PGDG apt repository the image already carries: packages\n",
    );
    expect(stack).toContain(
      `"postgresql-16-pgvector",\n                ]\n            )\n            .without_mount("/var/lib/apt/lists")\n${USER_CHAIN_COMMENT}`,
    );
    expect(after[CONFIG]).toContain("    # postgres: postgres 16 with pgvector\n");
    const smoke = after[SMOKE] ?? "";
    expect(smoke).toContain(
      '"""postgres: postgres 16 with pgvector: smoke tests through a Dagger tunnel."""',
    );
    expect(smoke).toContain("\n\n\nasync def test_pgvector_extension(postgres_url: str) -> None:\n");
  });

  test("pg_search on a postgres whose image the user chose keeps their image, with a note", () => {
    const own = userEdit(generatePython("commandcenter"), CONFIG, (text) =>
      text.replace(
        `postgres_image: str = "${IMAGE_PINS.postgres["16"]}"`,
        'postgres_image: str = "registry.example/pg:16"',
      ),
    );
    const { files, plan } = runPythonAdd(
      own,
      { type: "extension", service: "postgres", extension: "pg_search" },
      python,
    );
    expect(files[CONFIG]).toContain('postgres_image: str = "registry.example/pg:16"');
    expect(plan.notes).toContain(
      `${CONFIG}: kept your postgres image; its extensions need paradedb/paradedb:0.26.1-pg16 or an image built like it`,
    );
  });

  test("server arguments the user set are theirs, with a note", () => {
    const own = userEdit(generatePython("commandcenter"), STACK, (text) =>
      replaceOnce(
        text,
        "            .with_exposed_port(cfg.postgres_port)",
        '            .with_default_args(["postgres", "-c", "work_mem=64MB"])\n            .with_exposed_port(cfg.postgres_port)',
      ),
    );
    const { files, plan } = runPythonAdd(
      own,
      { type: "extension", service: "postgres", extension: "pg_cron" },
      python,
    );
    expect(files[STACK]).toContain('.with_default_args(["postgres", "-c", "work_mem=64MB"])');
    expect(plan.notes).toContain(
      `${STACK}: build_postgres() sets its own server arguments; make sure they include postgres -c shared_preload_libraries=pg_cron -c cron.database_name=commandcenter`,
    );
  });
});

describe("files the user took over", () => {
  test("an edited doc is left alone, with a note", () => {
    const files = userEdit(
      generatePython("knowledgebeast"),
      "docs/dagger-stack.md",
      (text) => `${text}\nOurs.\n`,
    );
    const { files: after, plan } = runPythonAdd(files, ADD_CACHE, python);
    expect(after["docs/dagger-stack.md"]).toBe(files["docs/dagger-stack.md"]);
    expect(plan.notes).toContain(
      "docs/dagger-stack.md has your edits, so it was not regenerated and does not describe this change yet",
    );
  });

  test("a smoke test the user already wrote at the new path is kept", () => {
    const files = {
      ...generatePython("knowledgebeast"),
      "tests/integration/test_cache_smoke.py": "# ours\n",
    };
    const { files: after, plan } = runPythonAdd(files, ADD_CACHE, python);
    expect(after["tests/integration/test_cache_smoke.py"]).toBe("# ours\n");
    expect(plan.notes).toContain("tests/integration/test_cache_smoke.py already exists: kept yours");
  });

  test("a new test file follows the project's style: indentation and line endings of fixtures.py", () => {
    const files = userEdit(generatePython("minimal"), FIXTURES, (text) =>
      crlf(text.replace(/^( {4})+/gm, (s) => "\t".repeat(s.length / 4))),
    );
    const { files: after } = runPythonAdd(
      files,
      { type: "service", service: { kind: "postgres" }, matrix: "db" },
      python,
    );
    expect(after["tests/integration/test_db_matrix.py"]).toContain(
      '\r\nasync def test_the_selected_db_is_up_and_reachable(db: MatrixTarget) -> None:\r\n\tassert db.name in ("postgres",)\r\n',
    );
    expect(after[FIXTURES]).toContain(
      '\r\n@pytest.fixture(\r\n\tparams=[\r\n\t\tpytest.param("postgres", marks=[pytest.mark.matrix, pytest.mark.db_postgres])\r\n',
    );
  });

  test("an edited matrix test is edited, a pristine one rendered again", () => {
    const files = userEdit(
      generatePython("knowledgebeast"),
      "tests/integration/test_backend_matrix.py",
      (text) => `${text}\n\nasync def test_ours(backend: MatrixTarget) -> None:\n    assert backend\n`,
    );
    const { files: after } = runPythonAdd(files, ADD_PG17, python);
    const test_ = after["tests/integration/test_backend_matrix.py"] ?? "";
    expect(test_).toContain('assert backend.name in ("chromadb", "postgres", "pg17")');
    expect(test_).toContain("async def test_ours(backend: MatrixTarget) -> None:");
    expect(test_).toContain(
      "(chromadb, postgres, pg17). Write the tests your code must pass against every\n",
    );
  });
});

describe("bad input is rejected as in create, and the tree is left unchanged", () => {
  const project = () => generatePython("knowledgebeast");
  const rejection = (request: AddRequest, files: Files = project()) =>
    addRejection(files, request, { python });

  specProblemTests((request) => addProblems(project(), request, { python }));

  test("a renamed stack class stops with an AnchorError naming it and the file, before anything is written", () => {
    const renamed = userEdit(project(), STACK, (text) => text.replaceAll("KnowledgebeastStack", "KbStack"));
    expect(rejection(ADD_CACHE, renamed)).toMatchObject({
      name: "AnchorError",
      file: STACK,
      anchor: "class KnowledgebeastStack",
      message: `${STACK}: could not find class KnowledgebeastStack`,
    });
  });

  test("a renamed config class, a missing START_ORDER, a gone fixtures file: each named", () => {
    const config = userEdit(project(), CONFIG, (text) =>
      text.replaceAll("class KnowledgebeastConfig", "class Settings"),
    );
    expect(rejection(ADD_CACHE, config)).toMatchObject({
      file: CONFIG,
      anchor: "class KnowledgebeastConfig",
    });
    const order = userEdit(project(), STACK, (text) => text.replace("START_ORDER: tuple", "ORDER: tuple"));
    expect(rejection(ADD_CACHE, order)).toMatchObject({
      file: STACK,
      anchor: expect.stringContaining("START_ORDER"),
    });
    const { [FIXTURES]: _gone, ...withoutFixtures } = project();
    const error = rejection(ADD_CACHE, withoutFixtures);
    expect(error).toBeInstanceOf(AnchorError);
    expect(error).toMatchObject({ file: FIXTURES, anchor: "the file" });
  });

  test("a file with a syntax error is not edited", () => {
    const broken = userEdit(project(), STACK, (text) => text.replace("def urls(self)", "def urls(self"));
    expect(rejection(ADD_CACHE, broken)).toMatchObject({ file: STACK, anchor: "Python that parses" });
  });

  test("without the Python parser the planner says what it needs", () => {
    const tree = new VirtualTree(memoryReader(project()));
    expect(() => planAdd(ADD_CACHE, tree, TOOL_VERSION)).toThrow(/needs the Python parser/);
    expect(tree.changes()).toEqual([]);
  });
});

describe("dev dependencies go where the project keeps them", () => {
  test("a requirements file gets the new client pinned, and the next steps install from it", () => {
    const files = createPython(pythonSpec("minimal"), { "requirements-dev.txt": "# ours\nruff==0.8.0\n" });
    const { files: after, plan } = runPythonAdd(
      files,
      { type: "service", service: { kind: "postgres" } },
      python,
    );
    expect(after["requirements-dev.txt"]).toBe(`${files["requirements-dev.txt"]}asyncpg==0.32.0\n`);
    expect(after["pyproject.toml"]).toBeUndefined();
    expect(plan.nextScripts).toEqual([
      ".venv/bin/python -m pip install -r requirements-dev.txt",
      "dagger run .venv/bin/python -m pytest tests -m stack",
    ]);
  });

  test("a client the stack already needed is not added again, and nothing is to install", () => {
    const { files, plan } = runPythonAdd(generatePython("knowledgebeast"), ADD_PG17, python);
    expect(files["pyproject.toml"]).toBe(generatePython("knowledgebeast")["pyproject.toml"]);
    expect(plan.installNeeded).toBe(false);
    expect(plan.nextScripts).toEqual(["dagger run .venv/bin/python -m pytest tests -m stack"]);
  });

  test("a pyproject.toml that does not parse is left alone, with the pins to add by hand", () => {
    const files = userEdit(generatePython("minimal"), "pyproject.toml", (text) => `${text}[broken\n`);
    const { files: after, plan } = runPythonAdd(
      files,
      { type: "service", service: { kind: "postgres" } },
      python,
    );
    expect(after["pyproject.toml"]).toBe(files["pyproject.toml"]);
    expect(plan.warnings).toEqual([
      expect.stringMatching(
        /^pyproject\.toml: not edited \(.*\); add these dev dependencies by hand: asyncpg==0\.32\.0$/,
      ),
    ]);
  });
});
