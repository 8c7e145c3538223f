import type { NormalizedStack } from "../../spec/model.js";
import { protocolOf } from "../../spec/model.js";

/**
 * PyPI packages the generated Python is tested with, pinned exactly (scripts/ci/python-tools.sh installs
 * the same). The generated code needs Python 3.11 or newer (typing.Self, asyncio.TaskGroup).
 */
export const PYTHON_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  "dagger-io": "0.21.9",
  pytest: "9.2.0",
  anyio: "4.16.0",
};

/** The HTTP client of the HTTP smoke tests (also a dependency of dagger-io, pinned here for the tests). */
export const HTTP_CLIENT: Readonly<Record<string, string>> = { httpx: "0.28.1" };

/**
 * The versions the generated tests are known to run on, per package: a project that already requires one
 * of these packages keeps its own requirement when it allows a version in here. Lower bounds below the
 * pins are checked by test/python/minimum-versions.test.ts, which runs the generated suite with them
 * (scripts/ci/python-tools.sh installs them). Upper bounds stop at the next release that may break the
 * API the tests use.
 */
export interface SupportedVersions {
  min: string;
  /** The first version not supported. */
  below: string;
}

export const SUPPORTED_VERSIONS: Readonly<Record<string, SupportedVersions>> = {
  /** The SDK speaks its engine's API: the generated CI runs the Dagger CLI of the same release. */
  "dagger-io": { min: "0.21.9", below: "0.22" },
  /** `pytest.Config` and `pytest.FixtureRequest` in the fixtures' annotations are public since 7.0. */
  pytest: { min: "7.0.1", below: "10" },
  anyio: { min: "3.7.1", below: "5" },
  /** dagger-io's GraphQL client needs 0.27 or newer. */
  httpx: { min: "0.27.0", below: "1" },
  asyncpg: { min: "0.29.0", below: "1" },
  /** `Redis.aclose()`, which the smoke test closes its client with, came in 5.0.1. */
  redis: { min: "5.0.1", below: "9" },
  aiomysql: { min: "0.3.2", below: "0.4" },
  /** `AsyncMongoClient`, the asynchronous API the smoke test uses, is checked with this release only. */
  pymongo: { min: "4.20.1", below: "5" },
};

/** The versions of a dev dependency the generated tests run on (every dev dependency has an entry). */
export function supportedVersions(name: string): SupportedVersions {
  const supported = SUPPORTED_VERSIONS[name];
  if (!supported) throw new Error(`no supported versions declared for ${name} in SUPPORTED_VERSIONS`);
  return supported;
}

/** pip pinned in the project's venv: `pip install --group` needs pip 25.1 or newer. */
export const PIP_VERSION = "26.3";

/**
 * The Python tools the generated CI installs, at the versions scripts/ci/python-tools.sh checks the
 * generated projects with. `with` holds packages installed beside the tool, pinned where the tool's own
 * requirements let a broken release in.
 */
export interface PythonToolRelease {
  package: string;
  version: string;
  with?: readonly string[];
}

export const PYTHON_TOOL_RELEASES = {
  poetry: { package: "poetry", version: "2.5.1" },
  uv: { package: "uv", version: "0.13.9" },
  /** pdm 2.29.4 allows hishel 2, which removed the storage class pdm's HTTP cache uses. */
  pdm: { package: "pdm", version: "2.29.4", with: ["hishel[httpx2]==1.4.0"] },
  hatch: { package: "hatch", version: "1.18.2" },
  "pip-tools": { package: "pip-tools", version: "7.7.0" },
} as const satisfies Record<string, PythonToolRelease>;

export const MIN_PYTHON = "3.11";

/** What this stack's tests import, name → exact version, in a stable order. */
export function pythonDevDependencies(stack: NormalizedStack): Record<string, string> {
  const clients = stack.services.map((service) => service.kind.pipClient ?? {});
  const http = stack.services.some((service) => protocolOf(service) === "http") ? HTTP_CLIENT : {};
  return { ...PYTHON_DEV_DEPENDENCIES, ...Object.assign({}, ...clients), ...http };
}

/** `name==version` lines. */
export function requirementLines(dependencies: Readonly<Record<string, string>>): string[] {
  return Object.entries(dependencies).map(([name, version]) => `${name}==${version}`);
}
