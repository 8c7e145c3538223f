import { describe, expect, it, test } from "vitest";
import * as z from "zod/mini";
import { UsageError } from "../../src/errors.js";
import { planCreate } from "../../src/plan/create.js";
import { DAGGER_VERSION } from "../../src/render/ci/pins.js";
import { moduleName, moduleObjectName } from "../../src/render/module.js";
import { MODULE_SOURCE } from "../../src/render/typescript/module.js";
import { loadStack } from "../../src/spec/load.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec } from "../support/builders.js";
import { FIXTURE_SPECS, generate, replaceOnce, runAdd, TOOL_VERSION, userEdit } from "./support.js";

/**
 * `--module` (issue 12, section 3): dagger.json and the TypeScript module beside the stack, kept in step
 * by a second create and by add.
 */
const withModule = (name: string, extra: Record<string, unknown> = {}) => ({
  ...(fixtureSpec(name) as Record<string, unknown>),
  module: true,
  ...extra,
});

/**
 * dagger.json as the engine decodes it (core/modules/config.go, ModuleConfig and SDK at v0.21.8): the
 * fields create writes, with the engine's names and types. Strict, so a misspelt field fails here
 * instead of being dropped silently by Go's decoder.
 */
const daggerJsonSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
  engineVersion: z.string().check(z.regex(/^v\d+\.\d+\.\d+$/)),
  sdk: z.strictObject({ source: z.enum(["typescript", "python"]) }),
  include: z.optional(z.array(z.string())),
  source: z.string(),
});

const versionParts = (version: string) => version.replace(/^v/, "").split(".").map(Number);
function notNewer(version: string, than: string): boolean {
  const [a, b] = [versionParts(version), versionParts(than)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  return true;
}

describe.each(FIXTURE_SPECS)("create --module for %s", (name) => {
  const files = generate(withModule(name));
  const config = daggerJsonSchema.parse(JSON.parse(files["dagger.json"] ?? "null"));

  it("writes a dagger.json the engine's config reads, and that serialises back to itself", () => {
    expect(`${JSON.stringify(config, null, 2)}\n`).toBe(files["dagger.json"]);
    expect(config.sdk.source).toBe("typescript");
    // The engine refuses a module newer than itself: the CLI that CI installs must load it.
    expect(notNewer(config.engineVersion, DAGGER_VERSION)).toBe(true);
  });

  it("puts the module's code where `source` says, under the object name the engine looks up", () => {
    const index = files[`${config.source}/src/index.ts`];
    expect(index).toBeDefined();
    expect(`${config.source}/src/index.ts`).toBe(MODULE_SOURCE);
    expect(index).toContain(`export class ${moduleObjectName(config.name)} {`);
    // The builders are the stack's own, imported from beside the module's folder.
    expect(index).toMatch(/from "\.\.\/stack\.js";/);
    expect(files[`${config.source}/stack.ts`]).toContain("static withClient(");
  });

  it("gives every listening service a function returning its Service, and one for the tests", () => {
    const stack = loadStack(withModule(name));
    const index = files[MODULE_SOURCE] ?? "";
    for (const service of stack.services.filter((s) => s.containerPort !== undefined)) {
      expect(index).toMatch(new RegExp(`async ${service.names.camel}\\(.*\\): Promise<Service> \\{`));
    }
    expect(index).toMatch(/\n {2}test\(/);
  });

  it("tells the reader how to call the functions, in the stack's doc", () => {
    const doc = files["docs/dagger-stack.md"] ?? "";
    expect(doc).toContain("## Dagger Functions");
    expect(doc).toContain("dagger call test stdout");
    expect(generate(fixtureSpec(name))["docs/dagger-stack.md"]).not.toContain("## Dagger Functions");
  });

  it("changes nothing when create runs again with the same answers", () => {
    expect(generate(withModule(name), { files })).toEqual(files);
  });
});

describe("create --module, then without it", () => {
  it("removes the untouched module files once the spec no longer asks for them", () => {
    const files = generate(withModule("minimal"));
    const tree = new VirtualTree(memoryReader(files));
    planCreate(loadStack({ ...withModule("minimal"), module: false }), tree, TOOL_VERSION);
    const deleted = tree.changes().filter((change) => change.type === "delete");
    expect(deleted.map((change) => change.path).sort()).toEqual(["dagger.json", MODULE_SOURCE]);
  });
});

describe("add on a stack with a Dagger module", () => {
  const request = { type: "service", service: { kind: "postgres", name: "ledger" } } as const;

  it("adds the new service's function, as create writes it for the grown stack", () => {
    const before = generate(withModule("minimal"));
    const grown = runAdd(before, request).files;
    const created = generate(
      withModule("minimal", { services: [...servicesOf("minimal"), request.service] }),
    );
    expect(grown[MODULE_SOURCE]).toBe(created[MODULE_SOURCE]);
    expect(grown["dagger.json"]).toBe(before["dagger.json"]);
  });

  it("keeps the team's own functions and edits in the module", () => {
    const before = userEdit(generate(withModule("minimal")), MODULE_SOURCE, (text) =>
      replaceOnce(
        text,
        "\n  @func()\n  test(",
        '\n  /** ours */\n  @func()\n  hello(): string {\n    return "hi";\n  }\n\n  @func()\n  test(',
      ),
    );
    const grown = runAdd(before, request).files[MODULE_SOURCE] ?? "";
    expect(grown).toContain("hello(): string {");
    expect(grown).toMatch(
      /async ledger\(\): Promise<Service> \{\n\s+return \(await this\.stack\(\)\)\.service\("ledger"\);/,
    );
    expect(grown.indexOf("async ledger(")).toBeLessThan(grown.indexOf("test("));
  });

  it("says so when the module's code is gone, and still grows the stack", () => {
    const files = generate(withModule("minimal"));
    delete files[MODULE_SOURCE];
    const run = runAdd(files, request);
    expect(run.plan.notes.join("\n")).toContain(`${MODULE_SOURCE} is gone`);
    expect(run.files["stack/stack.ts"]).toContain("buildLedger");
  });
});

function servicesOf(name: string): unknown[] {
  return (fixtureSpec(name) as { services: unknown[] }).services;
}

test("a service named like a member of the module's object is refused with --module", () => {
  const spec = withModule("minimal", {
    services: [...servicesOf("minimal"), { kind: "redis", name: "test" }],
  });
  expect(() => loadStack(spec)).toThrow(UsageError);
  expect(() => loadStack({ ...spec, module: false })).not.toThrow();
});

test("the module's object is named as the TypeScript SDK names it from dagger.json's name", async () => {
  // The SDK's own conversion (sdk/typescript/src/module/introspector/case_convertor.ts), from the pinned package.
  const sdk = "../../node_modules/@dagger.io/dagger/dist/src/module/introspector/case_convertor.js";
  const { convertToPascalCase } = (await import(sdk)) as { convertToPascalCase(name: string): string };
  for (const name of ["knowledgebeast", "app2x", "My_App", "shop-v2", "a1b2c3", "API_Gateway9z", "x"]) {
    const stack = loadStack({ name, module: true, services: [{ name: "cache", kind: "redis" }] });
    expect(moduleObjectName(moduleName(stack)), name).toBe(convertToPascalCase(moduleName(stack)));
  }
});
