import { describe, expect, test } from "vitest";
import { AnchorError, UsageError } from "../../src/errors.js";
import type { AddRequest } from "../../src/plan/add/index.js";
import { IMAGE_PINS } from "../../src/spec/catalog/images.js";
import { sha256 } from "../../src/util/hash.js";
import { fixtureSpec } from "../support/builders.js";
import {
  addProblems,
  addRejection,
  crlf,
  editedKnowledgebeast,
  type Files,
  generate,
  reindentTo4,
  replaceOnce,
  runAdd,
  specProblemTests,
  USER_COMMENT,
  USER_METHOD,
  userEdit,
} from "./support.js";

const ADD_CACHE: AddRequest = {
  type: "service",
  service: { kind: "redis", name: "cache" },
  matrix: "backend",
};

function manifestOf(files: Files): {
  spec: { services: { name: string }[]; matrix?: Record<string, string[]> };
  files: Record<string, string>;
} {
  return JSON.parse(files["dagger-stack.json"] ?? "{}");
}

describe("add a service to an edited project", () => {
  const before = editedKnowledgebeast();
  const { plan, files } = runAdd(before, ADD_CACHE);
  const stack = files["stack/stack.ts"] ?? "";
  const config = files["stack/config.ts"] ?? "";

  test("reports what it added", () => {
    expect(plan.added).toEqual(["service cache (redis)", "cache in the testing matrix backend"]);
    expect(plan.installNeeded).toBe(true);
  });

  test("the user's comment, method, tweaked default, indentation and line endings are intact", () => {
    expect(stack).toContain(crlf(USER_COMMENT));
    expect(stack).toContain(crlf(USER_METHOD));
    expect(stack.replace(/\r\n/g, "")).not.toContain("\n");
    expect(config).toContain("                hostPort: 18000,\n");
    expect(config).toContain(
      "    services: {\n        /** postgres: postgres 16 with pgvector, pg_search */\n",
    );
    expect(files[".github/workflows/dagger-stack.yml"]).toContain("          - smoke # every push\n");
  });

  test("the new pieces are there, in the file's own style", () => {
    expect(stack).toContain(crlf('const START_ORDER = [["postgres", "chromadb", "cache"]] as const;\n'));
    expect(stack).toContain(
      crlf(
        "  buildCache(): Container {\n    const { image, password, port } = this.config.services.cache;\n",
      ),
    );
    expect(stack).toContain(
      crlf(
        "    cache: { build: () => this.buildCache(), url: (host, port) => this.cacheUrl(host, port) },\n",
      ),
    );
    expect(stack).toContain(crlf("  private cacheUrl(host: string, port: number): string {\n"));
    expect(stack).toContain(crlf('  cache: "cache",\n};'));
    expect(config).toContain(
      "        /** cache: redis 7.4 */\n        cache: {\n            /** Pinned image. */\n            image: string;\n",
    );
    expect(config).toContain(`            cache: {\n                image: "${IMAGE_PINS.redis["7.4"]}",\n`);
    expect(files["vitest.stack.config.mts"]).toContain('name: "backend=cache"');
    expect(files["tests/stack/matrix/backend.stack.ts"]).toContain(
      'expect(["chromadb", "postgres", "cache"]).toContain(backend.name);',
    );
    expect(files[".github/workflows/dagger-stack.yml"]).toContain(
      "          - backend=postgres\n          - backend=cache\n",
    );
    expect(files["tests/stack/smoke/cache.stack.ts"]).toContain("createClient({ url: stack.cache.host })");
    expect(JSON.parse(files["package.json"] ?? "{}").devDependencies.redis).toBe("6.3.1");
  });

  test("the builder comes after the last builder, before the user's method", () => {
    expect(stack.indexOf("buildChromadb()")).toBeLessThan(stack.indexOf("buildCache()"));
    expect(stack.indexOf("buildCache()")).toBeLessThan(stack.indexOf("async seed()"));
  });

  test("the manifest records the grown spec; only files that were pristine get new hashes", () => {
    const after = manifestOf(files);
    const previous = manifestOf(before);
    expect(after.spec.services.map((service) => service.name)).toEqual(["postgres", "chromadb", "cache"]);
    expect(after.spec.matrix).toEqual({ backend: ["chromadb", "postgres", "cache"] });
    for (const edited of ["stack/stack.ts", "stack/config.ts", ".github/workflows/dagger-stack.yml"]) {
      expect(after.files[edited]).toBe(previous.files[edited]);
    }
    for (const pristine of [
      "vitest.stack.config.mts",
      "tests/stack/fixtures.ts",
      "docs/dagger-stack.md",
      "tests/stack/smoke/cache.stack.ts",
    ]) {
      expect(after.files[pristine]).toBe(sha256(files[pristine] ?? ""));
    }
  });

  test("the generated doc, still pristine, is regenerated", () => {
    expect(files["docs/dagger-stack.md"]).toContain("| cache | redis |");
  });

  test("running the same add again changes nothing and says so", () => {
    const again = runAdd(files, ADD_CACHE);
    expect(again.changes).toEqual([]);
    expect(again.plan.added).toEqual([]);
    expect(again.plan.notes).toEqual([
      expect.stringMatching(/already there: service cache, cache in matrix\.backend; nothing to change/),
    ]);
  });
});

describe("add extension to an existing Postgres", () => {
  const generated = generate(fixtureSpec("commandcenter"));
  const edited = userEdit(generated, "stack/stack.ts", (text) =>
    reindentTo4(text.replace(/;$/gm, "").replace(/"/g, "'")),
  );
  const request: AddRequest = { type: "extension", service: "postgres", extension: "pgvector" };
  const { plan, files } = runAdd(edited, request);
  const stack = files["stack/stack.ts"] ?? "";

  test("installs the package after .from(...) in the file's style, and imports CacheSharingMode", () => {
    expect(plan.added).toEqual(["extension pgvector on postgres"]);
    expect(stack).toContain(
      "import { CacheSharingMode, type Client, type Container, connect, type Service } from '@dagger.io/dagger'\n",
    );
    expect(stack).toContain(
      "            .from(image)\n            // pgvector from the PGDG apt repository the image already carries: packages install in seconds, no\n",
    );
    expect(stack).toContain("'sh', 'postgresql-16-pgvector'])\n");
    expect(stack).toContain("    /** Builds postgres: postgres 16 with pgvector. */\n");
  });

  test("adds the extension's smoke test to the postgres describe block", () => {
    const smoke = files["tests/stack/smoke/postgres.stack.ts"] ?? "";
    expect(smoke).toContain('describe("postgres: postgres 16 with pgvector", () => {');
    expect(smoke).toContain('  test("pgvector: CREATE EXTENSION, then use it", async ({ stack }) => {');
  });

  test("a second run changes nothing", () => {
    const again = runAdd(files, request);
    expect(again.changes).toEqual([]);
    expect(again.plan.notes).toEqual(["already there: pgvector on postgres; nothing to change"]);
  });

  test("pg_search on a postgres whose image the user chose keeps their image, with a note", () => {
    const own = userEdit(generated, "stack/config.ts", (text) =>
      replaceOnce(text, `"${IMAGE_PINS.postgres["16"]}"`, '"registry.example/postgres:16"'),
    );
    const result = runAdd(own, { type: "extension", service: "postgres", extension: "pg_search" });
    expect(result.files["stack/config.ts"]).toContain('image: "registry.example/postgres:16"');
    expect(result.plan.notes).toEqual([expect.stringContaining("kept your postgres image")]);
  });
});

describe("files the user took over", () => {
  test("an edited doc is left alone, with a note, and stays not pristine", () => {
    const files = userEdit(
      generate(fixtureSpec("minimal")),
      "docs/dagger-stack.md",
      (text) => `${text}\nOur notes.\n`,
    );
    const { plan, files: after } = runAdd(files, { type: "service", service: { kind: "postgres" } });
    expect(after["docs/dagger-stack.md"]).toBe(files["docs/dagger-stack.md"]);
    expect(plan.notes).toEqual([expect.stringContaining("docs/dagger-stack.md has your edits")]);
    expect(manifestOf(after).files["docs/dagger-stack.md"]).toBe(
      manifestOf(files).files["docs/dagger-stack.md"],
    );
  });

  test("a smoke test the user already wrote at the new path is kept", () => {
    const files = { ...generate(fixtureSpec("minimal")), "tests/stack/smoke/postgres.stack.ts": "// ours\n" };
    const { plan, files: after } = runAdd(files, { type: "service", service: { kind: "postgres" } });
    expect(after["tests/stack/smoke/postgres.stack.ts"]).toBe("// ours\n");
    expect(plan.notes).toContain("tests/stack/smoke/postgres.stack.ts already exists: kept yours");
  });

  test("a new axis's test file follows the project's test style", () => {
    const files = userEdit(generate(fixtureSpec("minimal")), "tests/stack/fixtures.ts", (text) =>
      crlf(reindentTo4(text)),
    );
    const { files: after } = runAdd(files, { type: "service", service: { kind: "postgres" }, matrix: "db" });
    const matrixTest = after["tests/stack/matrix/db.stack.ts"] ?? "";
    expect(matrixTest).toContain(
      '\r\ndescribe("db matrix", () => {\r\n    test("the selected db is up and reachable", async ({ db }) => {\r\n',
    );
    expect(after["tests/stack/fixtures.ts"]).toContain(
      '\r\n    db: async ({ stack }, use) => {\r\n        await use(matrixTarget(stack, "db"));\r\n',
    );
  });
});

describe("bad input is rejected as in create, and the tree is left unchanged", () => {
  const project = generate(fixtureSpec("knowledgebeast"));
  const rejection = (request: AddRequest, files: Files = project) => addRejection(files, request);

  specProblemTests((request) => addProblems(project, request));

  test("no manifest: run create first", () => {
    const error = rejection(ADD_CACHE, {});
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).problems[0]?.hint).toMatch(/run create-dagger-stack first/);
  });

  test("a renamed anchor stops with an AnchorError naming it and the file, before anything is written", () => {
    const renamed = userEdit(project, "stack/stack.ts", (text) =>
      text.replaceAll("KnowledgebeastStack", "KbStack"),
    );
    const error = rejection(ADD_CACHE, renamed);
    expect(error).toBeInstanceOf(AnchorError);
    expect(error).toMatchObject({ file: "stack/stack.ts", anchor: "class KnowledgebeastStack" });
  });

  test("a missing services object in config stops with an AnchorError", () => {
    const moved = userEdit(project, "stack/config.ts", (text) =>
      text.replace("    services: {\n      postgres: {", "    services: defaults ?? {\n      postgres: {"),
    );
    expect(rejection(ADD_CACHE, moved)).toMatchObject({
      name: "AnchorError",
      file: "stack/config.ts",
      anchor: expect.stringContaining("`services` object"),
    });
  });
});

describe("add to an edited stack that uses what compose files bring", () => {
  const JOB_NOTE = "      // ours: migrations print their plan first\n";
  let before = generate(fixtureSpec("compose-features"));
  before = userEdit(before, "stack/stack.ts", (text) =>
    replaceOnce(
      text,
      "    const job = this.jobs[name]()\n",
      `${JOB_NOTE}    const job = this.jobs[name]()\n`,
    ),
  );
  before = userEdit(before, "stack/config.ts", (text) =>
    replaceOnce(text, "hostPort: 9229", "hostPort: 19229"),
  );
  const { plan, files } = runAdd(before, { type: "service", service: { kind: "redis" } });
  const stack = files["stack/stack.ts"] ?? "";

  test("adds redis to the first start group, before the job and what waits for it", () => {
    expect(plan.added).toEqual(["service redis (redis)"]);
    expect(stack).toContain(
      'const START_ORDER = [["db", "mail", "statsd", "redis"], ["migrate"], ["api"]] as const;',
    );
    expect(stack).toContain("  buildRedis(): Container {");
    expect(stack).toContain(
      "    redis: { build: () => this.buildRedis(), url: (host, port) => this.redisUrl(host, port) },",
    );
  });

  test("keeps the jobs, the extra ports, the test environment and the user's edits", () => {
    expect(stack).toContain(JOB_NOTE);
    expect(stack).toContain('const JOBS = ["migrate"] as const;');
    expect(stack).toContain("      extraPorts: () => this.config.services.api.extraPorts,");
    expect(stack).toContain("  testEnv(): Record<string, string> {");
    expect(files["stack/config.ts"]).toContain("hostPort: 19229");
    expect(files["tests/stack/test-env.stack.ts"]).toBe(before["tests/stack/test-env.stack.ts"]);
  });

  test("a second run changes nothing", () => {
    expect(runAdd(files, { type: "service", service: { kind: "redis" } }).changes).toEqual([]);
  });
});
