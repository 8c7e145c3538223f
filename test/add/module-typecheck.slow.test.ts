import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { MODULE_SOURCE } from "../../src/render/typescript/module.js";
import { loadStack } from "../../src/spec/load.js";
import { fixtureSpec } from "../support/builders.js";
import { type Files, generate, runAdd } from "./support.js";

/**
 * [slow] The Dagger module `--module` writes compiles with `tsc --strict` against the real
 * @dagger.io/dagger (this repository's devDependency, the version generated projects pin), in a temporary
 * project, and the SDK's own introspector (what the TypeScript runtime runs for `dagger functions`) finds
 * its object and one function per service. The introspector is not a public export of the package: it
 * is loaded from its file, which the exact pin keeps in place.
 */
const REPO = join(import.meta.dirname, "..", "..");
const NODE_MODULES = join(REPO, "node_modules");
const TSC = join(NODE_MODULES, "typescript", "bin", "tsc");
const INTROSPECTOR = join(NODE_MODULES, "@dagger.io/dagger/dist/src/module/introspector/index.js");

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function writeProject(files: Files): string {
  const root = mkdtempSync(join(tmpdir(), "module-typecheck-"));
  folders.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  symlinkSync(NODE_MODULES, join(root, "node_modules"), "dir");
  return root;
}

/** The module and what it imports (the stack, its config), under the stack's own tsconfig, strict. */
function typecheckModule(root: string): string {
  const config = { extends: "./tsconfig.json", include: ["./src/**/*.ts"] };
  writeFileSync(join(root, "stack", "tsconfig.module-check.json"), JSON.stringify(config));
  try {
    execFileSync(process.execPath, [TSC, "-p", "stack/tsconfig.module-check.json", "--strict"], {
      cwd: root,
      encoding: "utf8",
    });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

interface Introspected {
  name: string;
  objects: Record<string, { methods: Record<string, { toJSON(): IntrospectedFunction }> }>;
}
interface IntrospectedFunction {
  returnType: { name?: string };
  arguments: Record<string, { defaultPath?: string; ignore?: string[] }>;
}

/**
 * What the runtime's entrypoint does: scan the module's files with the generated client. Core types are
 * recognised by their class in a file named client.gen.ts, so a stand-in declaring the four the module
 * uses takes the generated client's place.
 */
async function introspect(root: string, moduleName: string): Promise<Introspected> {
  const client = join(root, "client-stand-in", "client.gen.ts");
  mkdirSync(dirname(client), { recursive: true });
  writeFileSync(
    client,
    ["Container", "Directory", "Secret", "Service"].map((t) => `export class ${t} {}\n`).join(""),
  );
  const { scan } = (await import(pathToFileURL(INTROSPECTOR).href)) as {
    scan(files: string[], name: string, load: boolean): Promise<Introspected>;
  };
  return scan([client, join(root, MODULE_SOURCE)], moduleName, false);
}

const withModule = (spec: unknown) => ({ ...(spec as object), module: true });

const CASES: { name: string; files: () => Files; spec: () => unknown }[] = [
  {
    name: "all-kinds (built services read project folders)",
    files: () => generate(withModule(fixtureSpec("all-kinds"))),
    spec: () => withModule(fixtureSpec("all-kinds")),
  },
  {
    name: "knowledgebeast",
    files: () => generate(withModule(fixtureSpec("knowledgebeast"))),
    spec: () => withModule(fixtureSpec("knowledgebeast")),
  },
  {
    name: "minimal grown by add with a built backend",
    files: () =>
      runAdd(generate(withModule(fixtureSpec("minimal"))), {
        type: "service",
        service: { kind: "backend", name: "worker", build: "./worker", dependsOn: ["cache"] },
      }).files,
    spec: () => ({
      ...withModule(fixtureSpec("minimal")),
      services: [
        { name: "cache", kind: "redis" },
        { kind: "backend", name: "worker", build: "./worker", dependsOn: ["cache"] },
      ],
    }),
  },
];

describe("[slow] the generated Dagger module", () => {
  test.each(CASES)("type-checks strictly and introspects with the SDK: $name", async ({ files, spec }) => {
    const project = files();
    const root = writeProject(project);
    expect(typecheckModule(root)).toBe("");

    const stack = loadStack(spec());
    const config = JSON.parse(project["dagger.json"] ?? "{}") as { name: string };
    const module = await introspect(root, config.name);
    const objects = Object.values(module.objects);
    expect(objects).toHaveLength(1);
    const functions = Object.fromEntries(
      Object.entries(objects[0]?.methods ?? {}).map(([name, fn]) => [name, fn.toJSON()]),
    );
    const services = stack.services.filter((service) => service.containerPort !== undefined);
    expect(Object.keys(functions).sort()).toEqual([...services.map((s) => s.names.camel), "test"].sort());
    for (const service of services) {
      const fn = functions[service.names.camel];
      expect(fn?.returnType.name).toBe("Service");
      const project = fn?.arguments.project;
      if (service.build) {
        expect(project?.defaultPath).toBe(".");
        expect(project?.ignore).toContain("stack");
      }
    }
    expect(functions.test?.returnType.name).toBe("Container");
    expect(functions.test?.arguments.project?.ignore).toContain("**/node_modules");
  });
});
