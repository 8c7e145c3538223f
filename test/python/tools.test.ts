import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  HTTP_CLIENT,
  PYTHON_DEV_DEPENDENCIES,
  PYTHON_TOOL_RELEASES,
  SUPPORTED_VERSIONS,
} from "../../src/render/python/packages.js";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { REPO_ROOT } from "./support.js";

/** scripts/ci/python-tools.sh installs exactly what the generated Python is checked with. */
describe("scripts/ci/python-tools.sh", () => {
  const script = readFileSync(join(REPO_ROOT, "scripts/ci/python-tools.sh"), "utf8");
  const pinsOf = (array: string): Record<string, string> => {
    const block = new RegExp(`readonly ${array}=\\(\\n([\\s\\S]*?)\\n\\)`).exec(script)?.[1] ?? "";
    return Object.fromEntries(
      block
        .split("\n")
        .map((line) => line.trim().split("=="))
        .map(([name = "", version = ""]) => [name, version]),
    );
  };
  const clients = Object.assign({}, ...SERVICE_KINDS.map((kind) => kind.pipClient ?? {}));
  const devDependencies = { ...PYTHON_DEV_DEPENDENCIES, ...HTTP_CLIENT, ...clients };

  it("pins the generated project's dev dependencies and every catalog client, plus ruff", () => {
    const { ruff, ...rest } = pinsOf("PINS");
    expect(ruff).toMatch(/^\d+\.\d+\.\d+$/);
    expect(rest).toEqual(devDependencies);
  });

  it("installs the oldest supported version of each, which every dev dependency declares", () => {
    expect(Object.keys(SUPPORTED_VERSIONS).sort()).toEqual(Object.keys(devDependencies).sort());
    const oldest = Object.fromEntries(
      Object.entries(SUPPORTED_VERSIONS).map(([name, { min }]) => [name, min]),
    );
    expect(pinsOf("MIN_PINS")).toEqual(oldest);
  });

  it("installs the Python tools at the versions the generated CI pins", () => {
    const releases = Object.values(PYTHON_TOOL_RELEASES).flatMap((release) => [
      [release.package, release.version],
      ...("with" in release ? release.with.map((pin) => pin.split("==")) : []),
    ]);
    expect(pinsOf("TOOL_PINS")).toEqual(Object.fromEntries(releases));
  });

  it("installs into the git-ignored .cache and only when the pins changed", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable in the script's text.
    expect(script).toContain('ensure_venv "${ROOT}/.cache/pyenv" "${PINS[@]}"');
    expect(readFileSync(join(REPO_ROOT, ".gitignore"), "utf8")).toMatch(/^\.cache\/?$/m);
    expect(script).toMatch(/"\$\(cat "\$\{stamp\}"\)" == "\$\{wanted\}"/);
  });
});
