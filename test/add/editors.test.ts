import { describe, expect, test } from "vitest";
import { addExtensionToBuilder } from "../../src/edit/typescript/builder-chain.js";
import {
  addServiceDefaults,
  addServiceToConfigType,
  replaceServiceDefault,
} from "../../src/edit/typescript/config.js";
import { createTsProject, openTsFile, type TsFile, tsFileText } from "../../src/edit/typescript/file.js";
import { dropNamedImportIfUnused, ensureNamedImport } from "../../src/edit/typescript/imports.js";
import { refreshDescribeTitle, refreshDocComment } from "../../src/edit/typescript/prose.js";
import {
  addAlias,
  addBuilderMethod,
  addRegistryEntry,
  addUrlMethod,
  insertIntoStartOrder,
} from "../../src/edit/typescript/stack-class.js";
import {
  addExtensionSmokeTest,
  addMatrixFixture,
  addMatrixProjects,
  addMatrixTargetToTest,
} from "../../src/edit/typescript/tests.js";
import { widenNamePadding } from "../../src/edit/typescript/up-script.js";
import { editorTables } from "../support/editor-table.js";
import { code, crlf } from "./support.js";

/** Editor tables (see editorTables) for TypeScript files. */
type Editor = (file: TsFile) => unknown;

function applyEdit(path: string, text: string, editor: Editor): string {
  const file = openTsFile(createTsProject(), path, text);
  editor(file);
  return tsFileText(file);
}

const { table, expectAnchorError } = editorTables(applyEdit);

const REDIS_TYPE = code`
  /** cache: redis 7.4 */
  cache: {
    /** Pinned image. */
    image: string;
  };
`.trimEnd();

describe("addServiceToConfigType", () => {
  const edit: Editor = (file) => addServiceToConfigType(file, "AppConfig", "cache", REDIS_TYPE);
  table("stack/config.ts", edit, [
    {
      name: "2 spaces, with a member the user added",
      before: code`
        export interface AppConfig {
          namespace: string;
          services: {
            /** db: postgres 16 */
            db: {
              image: string;
              // ours: read replicas
              replicas: number;
            };
          };
        }
      `,
      after: code`
        export interface AppConfig {
          namespace: string;
          services: {
            /** db: postgres 16 */
            db: {
              image: string;
              // ours: read replicas
              replicas: number;
            };
            /** cache: redis 7.4 */
            cache: {
              /** Pinned image. */
              image: string;
            };
          };
        }
      `,
    },
    {
      name: "4 spaces, no semicolons",
      before: code`
        export interface AppConfig {
            services: {
                db: {
                    image: string
                }
            }
        }
      `,
      after: code`
        export interface AppConfig {
            services: {
                db: {
                    image: string
                }
                /** cache: redis 7.4 */
                cache: {
                    /** Pinned image. */
                    image: string
                }
            }
        }
      `,
    },
    {
      name: "tabs",
      before:
        "export interface AppConfig {\n\tservices: {\n\t\tdb: {\n\t\t\timage: string;\n\t\t};\n\t};\n}\n",
      after:
        "export interface AppConfig {\n\tservices: {\n\t\tdb: {\n\t\t\timage: string;\n\t\t};\n\t\t/** cache: redis 7.4 */\n\t\tcache: {\n\t\t\t/** Pinned image. */\n\t\t\timage: string;\n\t\t};\n\t};\n}\n",
    },
    {
      name: "CRLF line endings stay CRLF",
      before: crlf("export interface AppConfig {\n  services: {\n    db: { image: string };\n  };\n}\n"),
      after: crlf(
        "export interface AppConfig {\n  services: {\n    db: { image: string };\n    /** cache: redis 7.4 */\n    cache: {\n      /** Pinned image. */\n      image: string;\n    };\n  };\n}\n",
      ),
    },
    {
      name: "an empty services type",
      before: "export interface AppConfig {\n  services: {};\n}\n",
      after:
        "export interface AppConfig {\n  services: {\n    /** cache: redis 7.4 */\n    cache: {\n      /** Pinned image. */\n      image: string;\n    };\n  };\n}\n",
    },
  ]);

  test("a renamed interface is an AnchorError naming it", () => {
    expectAnchorError(
      "stack/config.ts",
      "export interface MyConfig { services: {} }\n",
      edit,
      /interface AppConfig/,
    );
  });

  test("a services type that is no longer a type literal is an AnchorError", () => {
    expectAnchorError(
      "stack/config.ts",
      "export interface AppConfig { services: Services }\n",
      edit,
      /`services: \{ \.\.\. \}`/,
    );
  });
});

const REDIS_DEFAULTS = code`
  cache: {
    image: "redis:7.4.1-bookworm",
    ...services.cache,
  }
`.trimEnd();

describe("addServiceDefaults", () => {
  const edit: Editor = (file) => addServiceDefaults(file, "appConfig", "cache", REDIS_DEFAULTS);
  table("stack/config.ts", edit, [
    {
      name: "2 spaces, trailing commas, a default the user tweaked",
      before: code`
        export function appConfig(overrides = {}) {
          const services = overrides.services ?? {};
          return {
            services: {
              db: {
                image: "postgres:16.11-bookworm",
                port: 15432, // ours: clashes with the host's postgres
                ...services.db,
              },
            },
          };
        }
      `,
      after: code`
        export function appConfig(overrides = {}) {
          const services = overrides.services ?? {};
          return {
            services: {
              db: {
                image: "postgres:16.11-bookworm",
                port: 15432, // ours: clashes with the host's postgres
                ...services.db,
              },
              cache: {
                image: "redis:7.4.1-bookworm",
                ...services.cache,
              },
            },
          };
        }
      `,
    },
    {
      name: "4 spaces, single quotes, no semicolons, no trailing commas",
      before: code`
        export function appConfig(overrides = {}) {
            const services = overrides.services ?? {}
            return {
                services: {
                    db: {
                        image: 'postgres:16.11-bookworm',
                        ...services.db
                    } // the database
                }
            }
        }
      `,
      after: code`
        export function appConfig(overrides = {}) {
            const services = overrides.services ?? {}
            return {
                services: {
                    db: {
                        image: 'postgres:16.11-bookworm',
                        ...services.db
                    }, // the database
                    cache: {
                        image: 'redis:7.4.1-bookworm',
                        ...services.cache
                    }
                }
            }
        }
      `,
    },
  ]);

  test("a factory that returns something else is an AnchorError", () => {
    const text = "export function appConfig() {\n  return build();\n}\n";
    expectAnchorError("stack/config.ts", text, edit, /the object appConfig\(\) returns/);
  });

  test("a factory without `services` is an AnchorError naming the services object", () => {
    const text = "export function appConfig() {\n  return { namespace: 'x' };\n}\n";
    expectAnchorError("stack/config.ts", text, edit, /the `services` object appConfig\(\) returns/);
  });
});

describe("replaceServiceDefault", () => {
  const file = (image: string) =>
    `export function appConfig() {\n  return { services: { db: { image: ${image} } } };\n}\n`;
  const change = {
    previous: "postgres:16.11-bookworm",
    value: "paradedb/paradedb:0.26.1-pg16",
    literal: '"paradedb/paradedb:0.26.1-pg16"',
  };
  const run = (text: string) => {
    let outcome: unknown;
    const after = applyEdit("stack/config.ts", text, (source) => {
      outcome = replaceServiceDefault(source, "appConfig", { key: "db", field: "image" }, change);
    });
    return { after, outcome };
  };

  test("the default create wrote moves, in the file's quotes", () => {
    expect(run(file("'postgres:16.11-bookworm'"))).toEqual({
      after: file("'paradedb/paradedb:0.26.1-pg16'"),
      outcome: "changed",
    });
  });

  test("an image the user chose stays", () => {
    expect(run(file('"my-registry/postgres:16"'))).toEqual({
      after: file('"my-registry/postgres:16"'),
      outcome: "kept-yours",
    });
  });
});

describe("insertIntoStartOrder", () => {
  const order = (literal: string) => `const START_ORDER = ${literal} as const;\n`;
  const rows: { name: string; before: string; key: string; dependencies: string[]; after: string }[] = [
    {
      name: "no dependencies: the first group",
      before: '[["db"], ["api"]]',
      key: "cache",
      dependencies: [],
      after: '[["db", "cache"], ["api"]]',
    },
    {
      name: "after its dependency's group",
      before: '[["db"], ["api"]]',
      key: "worker",
      dependencies: ["db"],
      after: '[["db"], ["api", "worker"]]',
    },
    {
      name: "a new last group",
      before: '[["db"], ["api"]]',
      key: "web",
      dependencies: ["api", "db"],
      after: '[["db"], ["api"], ["web"]]',
    },
    {
      name: "single quotes",
      before: "[['db']]",
      key: "web",
      dependencies: ["db"],
      after: "[['db'], ['web']]",
    },
    {
      name: "the user's own order is kept",
      before: '[["db", "search"], ["api"], ["web"]]',
      key: "jobs",
      dependencies: ["search"],
      after: '[["db", "search"], ["api", "jobs"], ["web"]]',
    },
    { name: "an empty start order", before: "[]", key: "cache", dependencies: [], after: '[["cache"]]' },
    {
      name: "one group per line, as a formatter leaves a long one",
      before: '[\n  ["postgres", "redis"],\n  ["backend"],\n]',
      key: "worker",
      dependencies: ["backend"],
      after: '[\n  ["postgres", "redis"],\n  ["backend"],\n  ["worker"],\n]',
    },
  ];
  test.each(rows)("$name", ({ before, key, dependencies, after }) => {
    const edit: Editor = (file) => insertIntoStartOrder(file, key, dependencies);
    const once = applyEdit("stack/stack.ts", order(before), edit);
    expect(once).toBe(order(after));
    expect(applyEdit("stack/stack.ts", once, edit)).toBe(once);
  });

  test("a missing START_ORDER is an AnchorError", () => {
    expectAnchorError(
      "stack/stack.ts",
      "const ORDER = [];\n",
      (file) => insertIntoStartOrder(file, "x", []),
      /const START_ORDER/,
    );
  });
});

const STACK = code`
  import { type Container, connect } from "@dagger.io/dagger";

  const START_ORDER = [["db"]] as const;

  export class AppStack {
    private readonly registry: Record<string, unknown> = {
      db: { build: () => this.buildDb(), url: (host, port) => this.dbUrl(host, port) },
    };

    /** Builds db: postgres 16. */
    buildDb(): Container {
      return this.dag
        .container()
        .from(image)
        // ours: a warm cache for CI
        .withEnvVariable("PGDATA", "/tmp/pg")
        .withExposedPort(port);
    }

    /** Ours: seeds the database. */
    async seed(): Promise<void> {
      await connect(async () => undefined);
    }

    private dbUrl(host: string, port: number): string {
      return \`postgresql://\${host}:\${port}\`;
    }

    private get dag(): Client {
      return this.client;
    }
  }

  const ALIASES = {
    db: "db",
  };
`;

const CACHE_BUILDER = code`
  /** Builds cache: redis 7.4. */
  buildCache(): Container {
    return this.dag
      .container()
      .from("redis:7.4.1-bookworm")
      .withExposedPort(port);
  }
`.trimEnd();

describe("stack class editors keep the user's methods and comments", () => {
  test("addBuilderMethod goes after the last builder, before the user's own method", () => {
    const after = applyEdit("stack/stack.ts", STACK, (file) =>
      addBuilderMethod(file, "AppStack", "buildCache", CACHE_BUILDER),
    );
    expect(after).toBe(
      STACK.replace(
        "  /** Ours: seeds the database. */",
        `${CACHE_BUILDER.replace(/^/gm, "  ")}\n\n  /** Ours: seeds the database. */`,
      ),
    );
  });

  test("addUrlMethod goes after the last URL method", () => {
    const method = code`
      private cacheUrl(host: string, port: number): string {
        return \`redis://\${host}:\${port}\`;
      }
    `.trimEnd();
    const after = applyEdit("stack/stack.ts", STACK, (file) =>
      addUrlMethod(file, "AppStack", "cacheUrl", method),
    );
    const urlMethods = code`
        private dbUrl(host: string, port: number): string {
          return \`postgresql://\${host}:\${port}\`;
        }

        private cacheUrl(host: string, port: number): string {
          return \`redis://\${host}:\${port}\`;
        }

        private get dag(): Client {
    `;
    expect(after).toContain(urlMethods.replace(/^(?=.)/gm, "  ").trimEnd());
  });

  test("addUrlMethod in a stack without one goes before the dag getter", () => {
    const text = "class AppStack {\n  buildDb() {}\n\n  private get dag() {\n    return 1;\n  }\n}\n";
    const after = applyEdit("stack/stack.ts", text, (file) =>
      addUrlMethod(file, "AppStack", "dbUrl", 'private dbUrl(): string {\n  return "";\n}'),
    );
    expect(after).toBe(
      'class AppStack {\n  buildDb() {}\n\n  private dbUrl(): string {\n    return "";\n  }\n\n  private get dag() {\n    return 1;\n  }\n}\n',
    );
  });

  test("addRegistryEntry and addAlias append to the objects", () => {
    const registry =
      "cache: { build: () => this.buildCache(), url: (host, port) => this.cacheUrl(host, port) }";
    const after = applyEdit("stack/stack.ts", STACK, (file) => {
      addRegistryEntry(file, "AppStack", "cache", registry);
      addAlias(file, "cache", 'cache: "cache"');
    });
    expect(after).toContain(`this.dbUrl(host, port) },\n    ${registry},\n  };`);
    expect(after).toContain('const ALIASES = {\n  db: "db",\n  cache: "cache",\n};');
  });

  test("a renamed class is an AnchorError naming the class and the file", () => {
    const renamed = STACK.replace("class AppStack", "class MyStack");
    expectAnchorError(
      "stack/stack.ts",
      renamed,
      (file) => addBuilderMethod(file, "AppStack", "buildCache", CACHE_BUILDER),
      /class AppStack/,
    );
  });

  test("a class without builders is an AnchorError", () => {
    const text = "class AppStack {\n  other() {}\n}\n";
    expectAnchorError(
      "stack/stack.ts",
      text,
      (file) => addBuilderMethod(file, "AppStack", "buildCache", CACHE_BUILDER),
      /a build…\(\) method/,
    );
  });

  test("a missing registry property is an AnchorError", () => {
    const text = STACK.replace("private readonly registry", "private readonly entries");
    expectAnchorError(
      "stack/stack.ts",
      text,
      (file) => addRegistryEntry(file, "AppStack", "cache", "cache: {}"),
      /`registry` property/,
    );
  });

  test("a missing ALIASES object is an AnchorError", () => {
    const text = STACK.replace("const ALIASES", "const HOSTS");
    expectAnchorError("stack/stack.ts", text, (file) => addAlias(file, "cache", 'cache: "cache"'), /ALIASES/);
  });
});

describe("ensureNamedImport", () => {
  const edit: Editor = (file) => ensureNamedImport(file, "@dagger.io/dagger", "CacheSharingMode");
  table("stack/stack.ts", edit, [
    {
      name: "in sorted position",
      before: 'import { type Client, type Container, connect } from "@dagger.io/dagger";\n',
      after: 'import { CacheSharingMode, type Client, type Container, connect } from "@dagger.io/dagger";\n',
    },
    {
      name: "at the end",
      before: "import { AAA } from '@dagger.io/dagger'\n",
      after: "import { AAA, CacheSharingMode } from '@dagger.io/dagger'\n",
    },
    {
      name: "a new import when the module is only imported as a namespace, in the file's style",
      before: "import * as dagger from '@dagger.io/dagger'\nconst x = 1\n",
      after:
        "import * as dagger from '@dagger.io/dagger'\nimport { CacheSharingMode } from '@dagger.io/dagger'\nconst x = 1\n",
    },
  ]);

  test("dropNamedImportIfUnused removes it only when nothing uses it", () => {
    const drop: Editor = (file) => dropNamedImportIfUnused(file, "@dagger.io/dagger", "CacheSharingMode");
    const imports = 'import { CacheSharingMode, type Client } from "@dagger.io/dagger";\n';
    expect(applyEdit("a.ts", imports, drop)).toBe('import { type Client } from "@dagger.io/dagger";\n');
    expect(applyEdit("a.ts", `${imports}f(CacheSharingMode.Locked);\n`, drop)).toBe(
      `${imports}f(CacheSharingMode.Locked);\n`,
    );
  });
});

describe("addExtensionToBuilder", () => {
  const builder = (chain: string) =>
    `class AppStack {\n  buildDb(): Container {\n    return this.dag\n${chain};\n  }\n}\n`;
  const apt = (...packages: string[]) =>
    `      .withExec(["sh", "-c", 'apt-get update && apt-get install -y --no-install-recommends "$@"', "sh"${packages.map((name) => `, "${name}"`).join("")}])`;
  const installLines = [
    "// From PGDG.",
    '.withMountedCache("/var/lib/apt/lists", cache)',
    apt("postgresql-16-postgis-3").trim(),
  ];
  const edit: Editor = (file) =>
    addExtensionToBuilder(file, "AppStack", "buildDb", {
      aptPackages: ["postgresql-16-postgis-3"],
      aptInstallLines: installLines,
    });

  table("stack/stack.ts", edit, [
    {
      name: "into the existing apt exec",
      before: builder(
        [
          "      .container()",
          "      .from(image)",
          apt("postgresql-16-pgvector"),
          "      .withExposedPort(port)",
        ].join("\n"),
      ),
      after: builder(
        [
          "      .container()",
          "      .from(image)",
          apt("postgresql-16-pgvector", "postgresql-16-postgis-3"),
          "      .withExposedPort(port)",
        ].join("\n"),
      ),
    },
    {
      name: "new install steps right after .from(...), keeping the user's comment",
      before: builder(
        ["      .container()", "      .from(image) // pinned by us", "      .withExposedPort(port)"].join(
          "\n",
        ),
      ),
      after: builder(
        [
          "      .container()",
          "      .from(image) // pinned by us",
          "      // From PGDG.",
          '      .withMountedCache("/var/lib/apt/lists", cache)',
          apt("postgresql-16-postgis-3"),
          "      .withExposedPort(port)",
        ].join("\n"),
      ),
    },
  ]);

  test("server arguments go before .withExposedPort; ones the user changed are left with a note", () => {
    const serverArgs = {
      previous: [],
      next: ["postgres", "-c", "a=b"],
      lines: ['.withDefaultArgs(["postgres", "-c", "a=b"])'],
    };
    const change = { aptPackages: [], aptInstallLines: [], serverArgs };
    const chain = [
      "      .container()",
      "      .from(image)",
      "      // Ready when ...",
      "      .withExposedPort(port)",
    ].join("\n");
    const after = applyEdit("stack/stack.ts", builder(chain), (file) =>
      addExtensionToBuilder(file, "AppStack", "buildDb", change),
    );
    expect(after).toBe(
      builder(
        chain.replace(
          "      .from(image)",
          '      .from(image)\n      .withDefaultArgs(["postgres", "-c", "a=b"])',
        ),
      ),
    );

    const theirs = chain.replace(
      "      .from(image)",
      '      .from(image)\n      .withDefaultArgs(["postgres", "-c", "x=y"])',
    );
    let notes: string[] = [];
    const kept = applyEdit("stack/stack.ts", builder(theirs), (file) => {
      notes = addExtensionToBuilder(file, "AppStack", "buildDb", change);
    });
    expect(kept).toBe(builder(theirs));
    expect(notes).toEqual([expect.stringContaining("postgres -c a=b")]);
  });

  test("a builder without .from(...) is an AnchorError", () => {
    const text = builder(["      .host()", '      .directory(".")', "      .dockerBuild()"].join("\n"));
    expectAnchorError("stack/stack.ts", text, edit, /`\.from\(\.\.\.\)` in the chain buildDb\(\) returns/);
  });

  test("a missing builder is an AnchorError naming the method", () => {
    expectAnchorError("stack/stack.ts", "class AppStack {}\n", edit, /method buildDb\(\) in class AppStack/);
  });
});

describe("test-side editors", () => {
  const vitest = code`
    export default defineConfig({
      test: {
        projects: [
          { extends: true, test: { name: "smoke" } },
          { extends: true, test: { name: "db=pg16" } },
          { extends: true, test: { name: "queue=redis" } },
        ],
      },
    });
  `;

  test("addMatrixProjects puts a project after its axis's last one, a new axis at the end", () => {
    const after = applyEdit("vitest.stack.config.mts", vitest, (file) => {
      addMatrixProjects(file, "db", [
        { name: "db=pg17", fragment: '{ extends: true, test: { name: "db=pg17" } }' },
      ]);
      addMatrixProjects(file, "cache", [
        { name: "cache=redis", fragment: '{ extends: true, test: { name: "cache=redis" } }' },
      ]);
    });
    expect(after).toBe(
      vitest
        .replace('"db=pg16" } },\n', '"db=pg16" } },\n      { extends: true, test: { name: "db=pg17" } },\n')
        .replace(
          '"queue=redis" } },\n',
          '"queue=redis" } },\n      { extends: true, test: { name: "cache=redis" } },\n',
        ),
    );
  });

  test("a config without `projects` is an AnchorError", () => {
    expectAnchorError(
      "vitest.stack.config.mts",
      "export default {};\n",
      (file) => addMatrixProjects(file, "db", [{ name: "db=x", fragment: "{}" }]),
      /projects/,
    );
  });

  const fixtures = code`
    export interface StackFixtures {
      stack: Urls;
    }

    export const test = base.extend<StackFixtures>({
      // biome-ignore lint/correctness/noEmptyPattern: Vitest reads fixture dependencies from this pattern.
      stack: async ({}, use) => {
        await use(inject("stack"));
      },
    });
  `;

  table(
    "tests/stack/fixtures.ts",
    (file) =>
      addMatrixFixture(file, "queue", {
        type: "/** The queue under test. */\nqueue: MatrixTarget;",
        fixture: 'queue: async ({ stack }, use) => {\n  await use(matrixTarget(stack, "queue"));\n}',
      }),
    [
      {
        name: "addMatrixFixture adds the fixture's type and its entry",
        before: fixtures,
        after: fixtures
          .replace(
            "  stack: Urls;\n",
            "  stack: Urls;\n  /** The queue under test. */\n  queue: MatrixTarget;\n",
          )
          .replace(
            '    await use(inject("stack"));\n  },\n',
            '    await use(inject("stack"));\n  },\n  queue: async ({ stack }, use) => {\n    await use(matrixTarget(stack, "queue"));\n  },\n',
          ),
      },
    ],
  );

  const smoke = code`
    describe("db: postgres 16", () => {
      test("connects", async () => {
        expect(1).toBe(1);
      });

      // ours: a regression test
      test("our own", async () => {});
    });
  `;
  const extensionTest =
    'test("pgvector: works", async () => {\n  expect(await query("SELECT 1")).toEqual([1]);\n});';

  table(
    "tests/stack/smoke/db.test.ts",
    (file) => addExtensionSmokeTest(file, "pgvector: works", extensionTest),
    [
      {
        name: "addExtensionSmokeTest appends to the describe block, after the user's tests",
        before: smoke,
        after: smoke.replace(
          '  test("our own", async () => {});\n',
          '  test("our own", async () => {});\n\n  test("pgvector: works", async () => {\n    expect(await query("SELECT 1")).toEqual([1]);\n  });\n',
        ),
      },
      {
        name: "addExtensionSmokeTest into an empty describe, with CRLF",
        before: crlf('describe("db", () => {});\n'),
        after: crlf(
          'describe("db", () => {\n  test("pgvector: works", async () => {\n    expect(await query("SELECT 1")).toEqual([1]);\n  });\n});\n',
        ),
      },
    ],
  );

  test("a smoke file without a top-level describe is an AnchorError", () => {
    expectAnchorError(
      "tests/stack/smoke/db.test.ts",
      'test("x", () => {});\n',
      (file) => addExtensionSmokeTest(file, "y", "test();"),
      /describe/,
    );
  });

  table("tests/stack/matrix/db.test.ts", (file) => addMatrixTargetToTest(file, "db", "pg17"), [
    {
      name: "addMatrixTargetToTest adds the target to the expected list",
      before: "test('x', ({ db }) => {\n  expect(['pg16']).toContain(db.name)\n})\n",
      after: "test('x', ({ db }) => {\n  expect(['pg16', 'pg17']).toContain(db.name)\n})\n",
    },
  ]);

  table("stack/up.ts", (file) => widenNamePadding(file, 14), [
    {
      name: "widenNamePadding widens, never narrows",
      before: "name.padEnd(10);\n",
      after: "name.padEnd(14);\n",
    },
    {
      name: "widenNamePadding keeps a wider padding",
      before: "name.padEnd(20);\n",
      after: "name.padEnd(20);\n",
    },
  ]);
});

describe("generated prose is refreshed only while it is as generated", () => {
  const method = (doc: string) => `class S {\n  ${doc}\n  buildDb() {}\n}\n`;
  const change = {
    previous: "/** Builds db: postgres 16. */",
    next: "/** Builds db: postgres 16 with pgvector. */",
  };
  const refresh: Editor = (file) => {
    const node = file.source.getClassOrThrow("S").getMethodOrThrow("buildDb");
    refreshDocComment(file, node, change);
  };
  table("stack/stack.ts", refresh, [
    {
      name: "a doc comment as generated is refreshed",
      before: method(change.previous),
      after: method(change.next),
    },
    {
      name: "a doc comment the user rewrote stays",
      before: method("/** Our database. */"),
      after: method("/** Our database. */"),
    },
  ]);

  table(
    "tests/stack/smoke/db.test.ts",
    (file) =>
      refreshDescribeTitle(file, { previous: "db: postgres 16", next: "db: postgres 16 with pgvector" }),
    [
      {
        name: "a describe title as generated, in single quotes",
        before: "describe('db: postgres 16', () => {})\n",
        after: "describe('db: postgres 16 with pgvector', () => {})\n",
      },
      {
        name: "a describe title the user changed",
        before: 'describe("the database", () => {});\n',
        after: 'describe("the database", () => {});\n',
      },
    ],
  );
});
