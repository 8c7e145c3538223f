import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_CLIENT, PYTHON_DEV_DEPENDENCIES } from "../../src/render/python/packages.js";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { REPO_ROOT } from "./support.js";

/** scripts/ci/python-tools.sh installs exactly what the generated Python is checked with. */
describe("scripts/ci/python-tools.sh", () => {
  const script = readFileSync(join(REPO_ROOT, "scripts/ci/python-tools.sh"), "utf8");
  const block = /readonly PINS=\(\n([\s\S]*?)\n\)/.exec(script)?.[1] ?? "";
  const pins = Object.fromEntries(
    block
      .split("\n")
      .map((line) => line.trim().split("=="))
      .map(([name = "", version = ""]) => [name, version]),
  );

  it("pins the generated project's dev dependencies and every catalog client, plus ruff", () => {
    const clients = Object.assign({}, ...SERVICE_KINDS.map((kind) => kind.pipClient ?? {}));
    const { ruff, ...rest } = pins;
    expect(ruff).toMatch(/^\d+\.\d+\.\d+$/);
    expect(rest).toEqual({ ...PYTHON_DEV_DEPENDENCIES, ...HTTP_CLIENT, ...clients });
  });

  it("installs into the git-ignored .cache/pyenv and only when the pins changed", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable in the script's text.
    expect(script).toContain('readonly VENV="${ROOT}/.cache/pyenv"');
    expect(readFileSync(join(REPO_ROOT, ".gitignore"), "utf8")).toMatch(/^\.cache\/$/m);
    expect(script).toMatch(/"\$\(cat "\$\{STAMP\}"\)" == "\$\{wanted\}"/);
  });
});
