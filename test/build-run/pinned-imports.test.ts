import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { undeclaredPythonImports } from "../support/build-run/languages/python/imports.js";
import { pythonDependencyUnion } from "../support/build-run/languages/python/venv-store.js";
import { dependencyUnion } from "../support/build-run/languages/typescript/dependency-store.js";
import { undeclaredImports } from "../support/build-run/languages/typescript/imports.js";

/** The shared stores hold every client, so a project that forgets to pin one must be caught another way. */
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "build-run-imports-"));
  dir = root;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the shared dependency stores", () => {
  it("hold every catalog kind's clients", () => {
    const npm = SERVICE_KINDS.flatMap((kind) => Object.entries(kind.npmClient ?? {}));
    const pip = SERVICE_KINDS.flatMap((kind) => Object.entries(kind.pipClient ?? {}));
    expect(Object.entries(dependencyUnion())).toEqual(expect.arrayContaining(npm));
    expect(Object.entries(pythonDependencyUnion())).toEqual(expect.arrayContaining(pip));
  });
});

describe("undeclared imports", () => {
  it("finds a TypeScript import of a package the project does not pin", () => {
    const root = project({
      "stack/stack.ts": 'import { connect } from "@dagger.io/dagger";\nimport { readFile } from "node:fs";\n',
      "tests/stack/smoke/cache.test.ts":
        'import { createClient } from "redis";\nimport { test } from "../fixtures.js";\n',
    });
    expect(undeclaredImports(root, new Set(["@dagger.io/dagger"]))).toEqual([
      "tests/stack/smoke/cache.test.ts imports redis, which package.json does not pin",
    ]);
  });

  it("finds a Python import of a venv package the project does not pin", () => {
    const root = project({
      "tests/dagger_modules/stack.py": "import asyncio\nimport dagger\nfrom dagger import dag\n",
      "tests/integration/test_db_smoke.py": "import asyncpg\nfrom tests.dagger_modules import Stack\n",
    });
    expect(undeclaredPythonImports(root, pythonDependencyUnion(), { "dagger-io": "0.21.9" })).toEqual([
      "tests/integration/test_db_smoke.py imports asyncpg, which the project does not pin",
    ]);
  });
});
