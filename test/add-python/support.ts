import { loadPythonParser, type PythonParser } from "../../src/edit/python/parser.js";
import type { AddRequest } from "../../src/plan/add/index.js";
import {
  type AddRun,
  crlf,
  type Files,
  type FixtureName,
  generate,
  replaceOnce,
  runAdd,
  userEdit,
} from "../add/support.js";
import { fixtureSpec } from "../support/builders.js";

/** Helpers for `add` on Python stacks: generate a project in memory, edit it like a user, grow it. */
export function pythonSpec(name: FixtureName): Record<string, unknown> {
  return { ...(fixtureSpec(name) as Record<string, unknown>), language: "python" };
}

/** What `create` writes for a spec: on an empty folder, or again on a project it already wrote. */
export function createPython(spec: unknown, files: Files = {}): Files {
  return generate(spec, { files });
}

export function generatePython(name: FixtureName): Files {
  return createPython(pythonSpec(name));
}

export function parser(): Promise<PythonParser> {
  return loadPythonParser();
}

export function runPythonAdd(files: Files, request: AddRequest, python: PythonParser): AddRun {
  return runAdd(files, request, { python });
}

export const STACK = "tests/dagger_modules/stack.py";
export const CONFIG = "tests/dagger_modules/config.py";
export const FIXTURES = "tests/dagger_modules/fixtures.py";
export const SMOKE = "tests/integration/test_postgres_smoke.py";

export const ADD_CACHE: AddRequest = { type: "service", service: { kind: "redis", name: "cache" } };
export const ADD_PG17: AddRequest = {
  type: "service",
  service: { kind: "postgres", name: "pg17", version: "17" },
  matrix: "backend",
};
export const ADD_POSTGIS: AddRequest = { type: "extension", service: "postgres", extension: "postgis" };
export const ADD_API: AddRequest = {
  type: "service",
  service: { kind: "backend", name: "api", build: "./api", dependsOn: ["cache", "pg17"] },
};

export const USER_CHAIN_COMMENT = "            # ours: CI runs this with a tmpfs data dir\n";
export const USER_METHOD =
  '    def seed(self) -> None:\n        """Ours: loads the fixtures our tests share."""\n\n';
export const USER_FIELD = "  postgres_replicas: int = 2  # ours\n";
export const USER_FIXTURE =
  '@pytest.fixture\ndef seeded_postgres(postgres_url: str) -> str:\n    """Ours."""\n    return postgres_url\n\n\n';
export const USER_TEST =
  'async def test_ours(postgres_url: str) -> None:\n    assert postgres_url.startswith("postgresql://")\n';

/** Four-space Python as a team indenting with `unit` writes it (docstring continuations move too). */
export const indentWith = (unit: string) => (text: string) =>
  text.replace(/^( {4})+/gm, (spaces) => unit.repeat(spaces.length / 4));

/** Four-space indentation becomes two, as a team formatter configured so would leave it. */
export const reindentTo2 = indentWith("  ");

/**
 * The team's own code, still formatted as ruff leaves it: a comment in a builder chain and a method of
 * theirs in stack.py, a fixture of theirs, a test of theirs.
 */
export function withTeamCode(files: Files): Files {
  let edited = userEdit(files, STACK, (text) =>
    replaceOnce(
      replaceOnce(
        text,
        '            .with_env_variable("POSTGRES_USER"',
        `${USER_CHAIN_COMMENT}            .with_env_variable("POSTGRES_USER"`,
      ),
      "    def urls(self)",
      `${USER_METHOD}    def urls(self)`,
    ),
  );
  edited = userEdit(edited, FIXTURES, (text) =>
    replaceOnce(
      text,
      "@dataclass(frozen=True)\nclass MatrixTarget",
      `${USER_FIXTURE}@dataclass(frozen=True)\nclass MatrixTarget`,
    ),
  );
  return userEdit(edited, SMOKE, (text) => `${text}\n\n${USER_TEST}`);
}

/**
 * A generated Python project after months with its team: its own code (withTeamCode), CRLF line endings
 * in stack.py, two-space indentation and a field of theirs in config.py, a comment in CI.
 */
export function editedKnowledgebeast(): Files {
  let files = withTeamCode(generatePython("knowledgebeast"));
  files = userEdit(files, STACK, crlf);
  files = userEdit(files, CONFIG, (text) =>
    replaceOnce(reindentTo2(text), "  postgres_image: str", `${USER_FIELD}  postgres_image: str`),
  );
  files = userEdit(files, ".github/workflows/dagger-stack.yml", (text) =>
    replaceOnce(
      text,
      "          - stack and not matrix\n",
      "          - stack and not matrix # every push\n",
    ),
  );
  return files;
}
