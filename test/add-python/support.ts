import { loadPythonParser, type PythonParser } from "../../src/edit/python/parser.js";
import { type AddRequest, planAdd } from "../../src/plan/add/index.js";
import { planCreate } from "../../src/plan/create.js";
import { loadStack } from "../../src/spec/load.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import {
  type AddRun,
  applyChanges,
  crlf,
  type Files,
  fixtureSpec,
  replaceOnce,
  TOOL_VERSION,
  userEdit,
} from "../add/support.js";

/** Helpers for `add` on Python stacks: generate a project in memory, edit it like a user, grow it. */
export const FIXTURE_SPECS = [
  "all-kinds",
  "commandcenter",
  "extensions",
  "knowledgebeast",
  "minimal",
  "performia",
  "veria",
] as const;

export type FixtureName = (typeof FIXTURE_SPECS)[number];

export function pythonSpec(name: FixtureName): Record<string, unknown> {
  return { ...(fixtureSpec(name) as Record<string, unknown>), language: "python" };
}

/** What `create` writes for a spec: on an empty folder, or again on a project it already wrote. */
export function createPython(spec: unknown, files: Files = {}): Files {
  const tree = new VirtualTree(memoryReader(files));
  planCreate(loadStack(spec), tree, TOOL_VERSION);
  return applyChanges(files, tree.changes());
}

export function generatePython(name: FixtureName): Files {
  return createPython(pythonSpec(name));
}

export function parser(): Promise<PythonParser> {
  return loadPythonParser();
}

export function runPythonAdd(files: Files, request: AddRequest, python: PythonParser): AddRun {
  const tree = new VirtualTree(memoryReader(files));
  const plan = planAdd(request, tree, TOOL_VERSION, { python });
  const changes = tree.changes();
  return { plan, changes, files: applyChanges(files, changes) };
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

/** Four-space indentation becomes two, as a team formatter configured so would leave it. */
export function reindentTo2(text: string): string {
  return text.replace(/^( {4})+/gm, (spaces) => "  ".repeat(spaces.length / 4));
}

/**
 * A generated Python project after months with its team: a comment in a builder chain, a method of
 * theirs, CRLF line endings in stack.py, two-space indentation and a field of theirs in config.py, a
 * fixture of theirs, a test of theirs, a comment in CI.
 */
export function editedKnowledgebeast(): Files {
  let files = generatePython("knowledgebeast");
  files = userEdit(files, STACK, (text) =>
    crlf(
      replaceOnce(
        replaceOnce(
          text,
          '            .with_env_variable("POSTGRES_USER"',
          `${USER_CHAIN_COMMENT}            .with_env_variable("POSTGRES_USER"`,
        ),
        "    def urls(self)",
        `${USER_METHOD}    def urls(self)`,
      ),
    ),
  );
  files = userEdit(files, CONFIG, (text) =>
    replaceOnce(reindentTo2(text), "  postgres_image: str", `${USER_FIELD}  postgres_image: str`),
  );
  files = userEdit(files, FIXTURES, (text) =>
    replaceOnce(
      text,
      "@dataclass(frozen=True)\nclass MatrixTarget",
      `${USER_FIXTURE}@dataclass(frozen=True)\nclass MatrixTarget`,
    ),
  );
  files = userEdit(files, SMOKE, (text) => `${text}\n\n${USER_TEST}`);
  files = userEdit(files, ".github/workflows/dagger-stack.yml", (text) =>
    replaceOnce(text, "          - not matrix\n", "          - not matrix # every push\n"),
  );
  return files;
}

/** Requests tried on every fixture spec: services of every kind, matrix entries and axes, extensions. */
export const PARITY_CASES: { spec: FixtureName; request: AddRequest }[] = [
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "redis", name: "cache" } } },
  {
    spec: "knowledgebeast",
    request: {
      type: "service",
      service: { kind: "postgres", name: "pg17", version: "17" },
      matrix: "backend",
    },
  },
  { spec: "knowledgebeast", request: { type: "service", service: { kind: "chromadb" }, matrix: "vectors" } },
  { spec: "knowledgebeast", request: { type: "extension", service: "postgres", extension: "postgis" } },
  { spec: "minimal", request: { type: "service", service: { kind: "postgres" }, matrix: "db" } },
  {
    spec: "minimal",
    request: {
      type: "service",
      service: { kind: "custom", name: "long-running-batch-job", image: "alpine:3.20" },
    },
  },
  {
    spec: "veria",
    request: {
      type: "service",
      service: {
        kind: "backend",
        name: "worker",
        build: "./worker",
        dependsOn: ["postgres", "policy-engine"],
      },
      matrix: "api",
    },
  },
  {
    spec: "veria",
    request: { type: "service", service: { kind: "redis", name: "session-store" }, matrix: "api" },
  },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "postgis" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pgrouting" } },
  { spec: "veria", request: { type: "extension", service: "postgres", extension: "pg_search" } },
  {
    spec: "commandcenter",
    request: {
      type: "service",
      service: { kind: "custom", name: "tools", image: "debian:12-slim", packages: { apt: ["curl"] } },
    },
  },
  { spec: "commandcenter", request: { type: "service", service: { kind: "mysql", port: 3307 } } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pgvector" } },
  { spec: "commandcenter", request: { type: "extension", service: "postgres", extension: "pg_cron" } },
  {
    spec: "all-kinds",
    request: { type: "service", service: { kind: "mongodb", name: "events", dependsOn: ["web"] } },
  },
  { spec: "all-kinds", request: { type: "extension", service: "postgres", extension: "pg_trgm" } },
  { spec: "extensions", request: { type: "extension", service: "db", extension: "pg_search" } },
  { spec: "extensions", request: { type: "service", service: { kind: "minio" }, matrix: "storage" } },
  { spec: "performia", request: { type: "service", service: { kind: "minio" }, matrix: "storage" } },
  { spec: "performia", request: { type: "extension", service: "song-library", extension: "pg_search" } },
];
