import { existsSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DEFAULT_NODE_VERSIONS } from "../../src/spec/catalog/node-lines.js";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { normalizeSpec } from "../../src/spec/normalize.js";
import { type StackSpec, stackSpec } from "../../src/spec/schema.js";
import { fixtureSpec, fixtureSpecNames } from "../support/builders.js";
import { generateFixture, sanitize, TOOL_VERSION } from "./generate.js";

/**
 * Layer (b): `create` for every example spec on an empty in-memory folder. Every generated file is kept as a
 * file snapshot (reviewed like code), and the properties that matter are asserted without depending on
 * formatting, so a snapshot update cannot silently accept a broken stack.
 */
const SNAPSHOTS = fileURLToPath(new URL("./__snapshots__/", import.meta.url));

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
/** `song-library` → `SongLibrary`, derived here rather than with the code under test. */
const pascal = (name: string) => name.split(/[-_]/).map(capitalise).join("");
const camel = (name: string) => {
  const value = pascal(name);
  return value.charAt(0).toLowerCase() + value.slice(1);
};

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

/** Arguments of every `.withEnvVariable(name, value)` call in a text. */
function envVariableCalls(text: string): { name: string; value: string }[] {
  return [...text.matchAll(/\.withEnvVariable\(\s*(["'])(.*?)\1\s*,\s*([^\n]*)\)/g)].map((match) => ({
    name: match[2] ?? "",
    value: match[3] ?? "",
  }));
}

/** The part of a reference after the repository: `postgres:16.4@sha256:…` → `16.4`. */
function tagOf(image: string): string | undefined {
  const withoutDigest = image.split("@")[0] ?? "";
  const lastSegment = withoutDigest.slice(withoutDigest.lastIndexOf("/") + 1);
  return lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : undefined;
}

function mermaidBlock(doc: string): string[] {
  const block = /```mermaid\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error("no mermaid block");
  return block
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("flowchart"));
}

function syntaxErrors(path: string, text: string): string[] {
  const output = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.NodeNext, target: ts.ScriptTarget.ES2023 },
  });
  return (output.diagnostics ?? []).map((diagnostic) =>
    ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
  );
}

interface Workflow {
  permissions: unknown;
  jobs: Record<string, { strategy: { matrix: Record<string, string[]> }; steps: { uses?: string }[] }>;
}

describe.each(fixtureSpecNames())("create %s", (name) => {
  const { stack, files, changed, plan } = generateFixture(name);
  const spec: StackSpec = stackSpec.parse(fixtureSpec(name));
  const paths = Object.keys(files).sort();
  const file = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw new Error(`${path} was not generated; got ${paths.join(", ")}`);
    return text;
  };
  const tsFiles = paths.filter((path) => /\.m?ts$/.test(path));
  const selections = [
    "smoke",
    ...stack.matrix.flatMap((axis) => axis.targets.map((target) => `${axis.name}=${target}`)),
  ];

  it.each(paths)("matches the snapshot of %s", async (path) => {
    await expect(sanitize(path, file(path))).toMatchFileSnapshot(join(SNAPSHOTS, name, `${path}.snap`));
  });

  it("keeps no snapshot of a file it no longer generates", () => {
    const orphans = listFiles(join(SNAPSHOTS, name)).filter(
      (snap) => !paths.includes(snap.replace(/\.snap$/, "")),
    );
    expect(orphans).toEqual([]);
  });

  it("writes everything on an empty folder as new files", () => {
    expect(changed).toEqual(paths);
  });

  it("generates the stack, its config, a smoke test per service and a test per matrix axis", () => {
    const expected = [
      "stack/config.ts",
      "stack/stack.ts",
      "stack/up.ts",
      "stack/tsconfig.json",
      "tests/stack/global-setup.ts",
      "tests/stack/fixtures.ts",
      "vitest.stack.config.mts",
      "docs/dagger-stack.md",
      "package.json",
      "dagger-stack.json",
      ".gitignore",
      ...stack.services.map((service) => `tests/stack/smoke/${service.name}.stack.ts`),
      ...stack.matrix.map((axis) => `tests/stack/matrix/${axis.name}.stack.ts`),
      ...(spec.testEnv ? ["tests/stack/test-env.stack.ts"] : []),
    ];
    expect(paths).toEqual(expect.arrayContaining(expected));
    // Only CI files beyond these.
    expect(paths.filter((path) => !expected.includes(path))).toEqual(
      {
        github: [".github/workflows/dagger-stack.yml"],
        gitlab: [".gitlab-ci.yml", ".gitlab/dagger-stack.yml"],
        none: [],
      }[stack.ci],
    );
  });

  it("produces TypeScript without syntax errors", () => {
    for (const path of tsFiles) expect(syntaxErrors(path, file(path)), path).toEqual([]);
  });

  it("ends every file with exactly one newline", () => {
    for (const path of paths) expect(file(path), path).toMatch(/[^\n]\n$/);
  });

  it("has one build<Service>() method per service in stack/stack.ts, and no other", () => {
    const builders = [...file("stack/stack.ts").matchAll(/^ {2}(build\w+)\(\): Container \{$/gm)].map(
      (match) => match[1],
    );
    expect(builders.sort()).toEqual(stack.services.map((service) => `build${pascal(service.name)}`).sort());
    expect(builders.length).toBeGreaterThanOrEqual(spec.services.length);
  });

  it("starts services in START_ORDER: independent ones together, each after everything it depends on", () => {
    const literal = /^const START_ORDER = (.*) as const;$/m.exec(file("stack/stack.ts"))?.[1];
    const order = JSON.parse(literal ?? "null") as string[][];
    expect(order).toEqual(stack.startLevels.map((level) => level.map(camel)));

    const dependsOn = new Map(
      spec.services.map((service) => [
        camel(service.name),
        (service.dependsOn ?? []).map((entry) => camel(typeof entry === "string" ? entry : entry.service)),
      ]),
    );
    const levelOf = new Map(order.flatMap((group, index) => group.map((key) => [key, index] as const)));
    for (const [key, level] of levelOf) {
      const deps = dependsOn.get(key) ?? [];
      for (const dep of deps) expect(levelOf.get(dep), `${key} after ${dep}`).toBeLessThan(level);
      if (level > 0)
        expect(
          deps.some((dep) => levelOf.get(dep) === level - 1),
          `${key} could start earlier`,
        ).toBe(true);
    }
    const started = spec.services.filter(
      (service) =>
        service.run === "once" ||
        service.kind !== "custom" ||
        service.port !== undefined ||
        service.ports !== undefined,
    );
    for (const service of started) expect(levelOf.has(camel(service.name)), service.name).toBe(true);
  });

  it("never puts a credential in a plain env variable", () => {
    for (const path of tsFiles) {
      for (const call of envVariableCalls(file(path))) {
        expect(call.name, `${path}: ${call.name}`).not.toMatch(
          /PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL/i,
        );
        expect(call.value, `${path}: ${call.name}`).not.toMatch(/password/i);
      }
    }
    const stackTs = file("stack/stack.ts");
    const plainNames = envVariableCalls(stackTs).map((call) => call.name);
    for (const service of stack.services) {
      const credentials = service.kind.credentials;
      if (!credentials) continue;
      expect(stackTs).toContain(`.withSecretVariable("${credentials.passwordEnv}", this.secret(`);
      // The user name is not a secret: finding it proves the scan above sees the calls.
      if (credentials.userEnv) expect(plainNames).toContain(credentials.userEnv);
    }
    for (const service of spec.services) {
      for (const [variable, value] of Object.entries(service.env ?? {})) {
        if (typeof value === "string" && value.startsWith("env://")) {
          expect(stackTs).toContain(`.withSecretVariable("${variable}", this.dag.secret("${value}"))`);
        }
      }
    }
  });

  it("stores no password in config.ts: each run makes its own", () => {
    const config = file("stack/config.ts");
    const credentialed = stack.services.filter((service) => service.kind.credentials).length;
    expect(config.match(/password: newPassword\(\),/g) ?? []).toHaveLength(credentialed);
    expect(config).not.toMatch(/password: ["'`]/);
  });

  it("pins every image in config.ts to a tag that is not latest", () => {
    const images = [...file("stack/config.ts").matchAll(/^\s+image: "([^"]+)",$/gm)].map(
      (match) => match[1] ?? "",
    );
    expect(images).toHaveLength(stack.services.filter((service) => !service.build).length);
    for (const image of images) {
      const tag = tagOf(image);
      expect(tag, image).toBeTruthy();
      expect(tag, image).not.toBe("latest");
    }
  });

  it("pins every catalog image to a patch release and its OS release", () => {
    const images = [...file("stack/config.ts").matchAll(/^\s+image: "([^"]+)",$/gm)].map(
      (match) => match[1] ?? "",
    );
    for (const image of images.filter((image) => !image.includes("/"))) {
      // Docker's official images: `16.15-bookworm`, `3.12.14-slim-bookworm`, `8.4.11-oraclelinux9`.
      expect(tagOf(image), image).toMatch(
        /^\d+\.\d+(\.\d+)?(-slim)?-(bookworm|trixie|noble|jammy|oraclelinux\d+)(-slim)?$/,
      );
    }
  });

  it("says tunnels listen on every interface, never that they stay on 127.0.0.1", () => {
    // The engine asks the client to bind 0.0.0.0 (core/service.go); only the URL says 127.0.0.1.
    for (const path of paths) expect(file(path), path).not.toMatch(/tunnel on 127\.0\.0\.1/);
    expect(file("stack/stack.ts")).toContain("the tunnel listens on every interface of");
    if (stack.services.some((service) => service.containerPort !== undefined))
      expect(file("docs/dagger-stack.md")).toContain("(0.0.0.0)");
  });

  it("never mentions the seed: users never saw that document", () => {
    for (const path of paths) expect(file(path), path).not.toMatch(/\bseed\b/i);
  });

  it("unmounts every cache volume right after the install that uses it; the spec's own stay, Shared", () => {
    const stackTs = file("stack/stack.ts");
    const specCaches = new Set(
      spec.services.flatMap((service) =>
        (service.mounts ?? []).flatMap((mount) =>
          typeof mount !== "string" && "cache" in mount ? [mount.target] : [],
        ),
      ),
    );
    for (const builder of stackTs.split(/\n {2}build\w+\(\): Container \{/).slice(1)) {
      const body = builder.slice(0, builder.indexOf("\n  }"));
      const mounted = [...body.matchAll(/\.withMountedCache\("([^"]+)"/g)].map((match) => match[1] ?? "");
      for (const path of mounted) {
        if (specCaches.has(path)) {
          expect(body.slice(body.indexOf(`.withMountedCache("${path}"`)).split("\n")[0]).not.toContain(
            "Locked",
          );
          continue;
        }
        const after = body.slice(body.indexOf(`.withMountedCache("${path}"`));
        expect(after, path).toMatch(new RegExp(`\\.withExec\\([^\\n]*\\n\\s*\\.withoutMount\\("${path}"\\)`));
      }
    }
  });

  it("resolves host folders from the project root, not the Dagger client's working folder", () => {
    const stackTs = file("stack/stack.ts");
    expect(stackTs).toContain('const PROJECT_ROOT = fileURLToPath(new URL("..", import.meta.url));');
    expect(stackTs).not.toMatch(/\.host\(\)\s*\.directory\((?!hostPath\()/);
  });

  it("gives each container's smoke test the time its packages take to install on a cold engine", () => {
    for (const service of stack.services.filter((entry) => entry.containerPort === undefined)) {
      const test = file(`tests/stack/smoke/${service.name}.stack.ts`);
      const timeout = Number(/\}, ([\d_]+)\); \/\/ what installing/.exec(test)?.[1]?.replaceAll("_", ""));
      const pullsTorch = service.packages.pip.some((name) => /whisper|torch/.test(name));
      expect(timeout, service.name).toBeGreaterThanOrEqual(pullsTorch ? 30 * 60_000 : 120_000);
    }
  });

  it("drops the HEALTHCHECK of every Dockerfile-built service, so Dagger dials its port, unless the spec gives one", () => {
    const stackTs = file("stack/stack.ts");
    const listening = stack.services.filter((entry) => entry.build && entry.containerPort !== undefined);
    for (const service of listening) {
      const start = stackTs.indexOf(`  build${service.names.pascal}(): Container {`);
      const body = stackTs.slice(start, stackTs.indexOf("\n  }", start));
      const own = spec.services.find((entry) => entry.name === service.name)?.healthcheck;
      expect(body, service.name).toMatch(
        own !== undefined && own !== "none"
          ? /\.withDockerHealthcheck\(.*\)\n(\s*\/\/.*\n)*\s*\.withExposedPort\(port\)/
          : /\.withoutDockerHealthcheck\(\)\n(\s*\/\/.*\n)*\s*\.withExposedPort\(port\)/,
      );
    }
  });

  it("pins package.json devDependencies to exact versions, and its scripts run generated files", () => {
    const pkg = JSON.parse(file("package.json")) as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    for (const [dependency, version] of Object.entries(pkg.devDependencies)) {
      expect(version, dependency).toMatch(/^\d+\.\d+\.\d+$/);
    }
    for (const needed of ["@dagger.io/dagger", "vitest", "typescript", "tsx"])
      expect(pkg.devDependencies).toHaveProperty(needed);
    for (const script of ["stack:up", "test:stack", "stack:typecheck"]) {
      const target = pkg.scripts[script]?.match(/(\S+\.(?:m?ts|json))/)?.[1];
      expect(target && paths.includes(target), `${script}: ${pkg.scripts[script]}`).toBe(true);
    }
    if (stack.services.some((service) => service.kind.kind === "postgres"))
      expect(pkg.devDependencies).toHaveProperty("pg");
  });

  it("gives each test selection a Vitest project of the same name", () => {
    const config = file("vitest.stack.config.mts");
    const names = [...config.matchAll(/name: "([^"]+)"/g)].map((match) => match[1]);
    expect(names).toEqual(selections);
  });

  it("draws one mermaid node per service and one edge per dependency in the doc", () => {
    const lines = mermaidBlock(file("docs/dagger-stack.md"));
    const edges = lines.filter((line) => line.includes("-->"));
    const nodes = lines.filter((line) => !line.includes("-->"));
    const ids = nodes.map((line) => /^(\w+)[[(]/.exec(line)?.[1]);
    expect(new Set(ids).size).toBe(stack.services.length);
    for (const service of stack.services) {
      expect(
        nodes.filter((line) => line.includes(`"${service.name}<br/>`)),
        service.name,
      ).toHaveLength(1);
    }
    // What a service waits for: its dependsOn, and the other services its env refers to.
    const waitsFor = (service: (typeof spec.services)[number]) =>
      new Set([
        ...(service.dependsOn ?? []).map((entry) => (typeof entry === "string" ? entry : entry.service)),
        ...Object.values(service.env ?? {}).flatMap((value) =>
          typeof value === "object" && "service" in value ? [value.service] : [],
        ),
      ]).size;
    expect(edges).toHaveLength(spec.services.reduce((sum, service) => sum + waitsFor(service), 0));
    for (const edge of edges) {
      const [from, to] = edge.split("-->").map((side) => side.trim());
      expect(ids).toContain(from);
      expect(ids).toContain(to);
    }
  });

  it("records the tool, a spec that re-normalises to this stack, and a hash of every generated file", () => {
    const manifest = JSON.parse(file("dagger-stack.json")) as {
      tool: { name: string; version: string };
      spec: unknown;
      files: Record<string, string>;
    };
    expect(manifest.tool).toEqual({ name: "create-dagger-stack", version: TOOL_VERSION });
    const { notes: _notes, ...expected } = stack;
    const { notes: _again, ...again } = normalizeSpec(stackSpec.parse(manifest.spec));
    expect(again).toEqual(expected);
    // package.json, .gitignore and .gitlab-ci.yml are the user's, merged into; the manifest records what the tool owns.
    const merged = ["package.json", "dagger-stack.json", ".gitignore", ".gitlab-ci.yml"];
    expect(Object.keys(manifest.files).sort()).toEqual(paths.filter((path) => !merged.includes(path)));
    for (const [path, hash] of Object.entries(manifest.files)) {
      expect(hash, path).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(Object.values(manifest.files)).size).toBe(Object.keys(manifest.files).length);
  });

  it("reports what normalisation decided and the scripts to run next", () => {
    expect(plan.notes).toEqual(stack.notes);
    expect(plan.warnings).toEqual([]);
    expect(plan.nextScripts).toEqual(["stack:up", "test:stack"]);
  });

  if (stack.ci === "github") {
    describe("GitHub workflow", () => {
      const workflow = parseYaml(file(".github/workflows/dagger-stack.yml")) as Workflow;
      const jobs = Object.values(workflow.jobs);

      it("parses as YAML with read-only contents permission", () => {
        expect(workflow.permissions).toEqual({ contents: "read" });
      });

      it("pins every action by commit SHA, the Dagger action too, each with its release beside it", () => {
        const uses = jobs.flatMap((job) => job.steps.flatMap((step) => (step.uses ? [step.uses] : [])));
        expect(uses.some((action) => action.startsWith("dagger/dagger-for-github@"))).toBe(true);
        for (const action of uses) expect(action.split("@")[1], action).toMatch(/^[0-9a-f]{40}$/);
        const text = file(".github/workflows/dagger-stack.yml");
        for (const action of uses)
          expect(text).toMatch(new RegExp(`uses: ${action} # v\\d+\\.\\d+\\.\\d+\\n`));
      });

      it("runs node versions × test selections", () => {
        expect(jobs.map((job) => job.strategy.matrix)).toEqual([
          { node: spec.nodeVersions ?? [...DEFAULT_NODE_VERSIONS], selection: selections },
        ]);
      });
    });
  }

  if (stack.ci === "gitlab") {
    it("runs a GitLab pipeline over node versions × test selections with a pinned dind service", () => {
      expect(parseYaml(file(".gitlab-ci.yml"))).toEqual({ include: [{ local: ".gitlab/dagger-stack.yml" }] });
      const pipeline = parseYaml(file(".gitlab/dagger-stack.yml")) as Record<
        string,
        { parallel?: { matrix: unknown[] }; services?: { name: string }[] }
      >;
      const job = pipeline["dagger-stack"];
      expect(job?.parallel?.matrix).toEqual([{ RUNTIME_VERSION: stack.nodeVersions, SELECTION: selections }]);
      for (const service of job?.services ?? []) expect(tagOf(service.name)).toMatch(/^\d+\.\d+\.\d+/);
    });
  }
});

describe("the example specs", () => {
  it("cover every catalog kind between them", () => {
    const kinds = new Set(
      fixtureSpecNames().flatMap((name) => generateFixture(name).stack.services.map((s) => s.kind.kind)),
    );
    expect([...kinds].sort()).toEqual(SERVICE_KINDS.map((kind) => kind.kind).sort());
  });
});
