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

/** pip pinned in CI: `pip install --group` needs pip 25.1 or newer. */
export const PIP_VERSION = "26.3";

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
