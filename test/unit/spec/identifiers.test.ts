import ts from "typescript";
import { describe, expect, it } from "vitest";
import { serviceMembers } from "../../../src/spec/identifiers.js";
import { STACK_CLASS_MEMBERS } from "../../../src/spec/reserved.js";
import { generate } from "../../golden/generate.js";
import { checkPython, pythonCommand } from "../../property/support/python.js";
import { checkOneProject } from "../../property/support/typescript.js";
import { custom, normalized, problemAt, problemsOf, service, spec } from "../../support/builders.js";

/**
 * Issue 11, point 10: names that become one identifier in generated code are rejected naming both; a
 * service cannot take a method the stack class has; a project cannot name a type the code declares.
 */
describe("services whose identifiers collide", () => {
  it.each([
    ["ab-1", "ab1", "ab1 in the generated TypeScript"],
    ["db-2", "db2", "db2 in the generated TypeScript"],
    ["a--b", "a-b", "aB in the generated TypeScript"],
    ["a-b", "a--b", "aB in the generated TypeScript"],
  ])("%s and %s", (first, second, identifier) => {
    const input = spec([custom(first, { port: 8001 }), custom(second, { port: 8002 })]);
    const problem = problemAt(input, "services[1].name");
    expect(problem.message).toContain(identifier);
    expect(problem.message).toContain(`services[0] ("${first}")`);
    expect(problem.hint).toMatch(/rename one of them/);
  });

  it("a name with a trailing or leading dash is not a hostname (ab- would also be build_ab twice)", () => {
    for (const name of ["ab-", "-ab"]) {
      const problem = problemAt(
        spec([custom("ab", { port: 8001 }), custom(name, { port: 8002 })]),
        "services[1].name",
      );
      expect(problem.message).toContain("not a valid service name");
      expect(problem.hint).toContain('e.g. "ab"');
    }
  });

  it("accepts names that only look alike", () => {
    expect(problemsOf(spec([custom("ab-1", { port: 8001 }), custom("ab-2", { port: 8002 })]))).toEqual([]);
  });

  it("matrix fixtures that collide in TypeScript, or take a name Vitest's context has", () => {
    const input = spec([service("postgres")], { matrix: { a_1: ["postgres"], a1: ["postgres"] } });
    expect(problemAt(input, "matrix.a1").message).toContain("as matrix.a_1 does");
    const vitest = spec([service("postgres")], {
      matrix: { on_test_failed: ["postgres"], stack_: ["postgres"] },
    });
    expect(problemAt(vitest, "matrix.on_test_failed").message).toContain("fixture onTestFailed");
    expect(problemAt(vitest, "matrix.stack_").message).toContain("fixture stack");
  });
});

describe("a service cannot take a member of the stack class", () => {
  it("internal would be a second internalUrl", () => {
    const problem = problemAt(spec([custom("internal", { port: 8001 })]), "services[0].name");
    expect(problem.message).toContain("internalUrl");
    expect(problemsOf(spec([custom(problem.hint?.match(/"(.*)"/)?.[1] ?? "", { port: 8001 })]))).toEqual([]);
  });

  it("the reserved members are exactly what the generated classes have besides each service's methods", () => {
    const names = ["api", "worker-2"];
    const stack = normalized(spec(names.map((name, index) => custom(name, { port: 8001 + index }))));
    const expected = (language: "TypeScript" | "Python") => [
      ...STACK_CLASS_MEMBERS[language],
      ...names.flatMap((name) => serviceMembers(name)[language]),
    ];
    const tsFile = generate(stack).files["stack/stack.ts"] ?? "";
    expect(typeScriptMembers(tsFile).sort()).toEqual(expected("TypeScript").sort());
    const pyFile = generate({ ...stack, language: "python" }).files["tests/dagger_modules/stack.py"] ?? "";
    expect(pythonMembers(pyFile).sort()).toEqual(expected("Python").sort());
  });
});

describe("project names", () => {
  it.each([
    ["service", "ServiceUrls"],
    ["shared", "SharedStack"],
  ])("%s would declare %s twice", (name, type) => {
    const problem = problemAt(spec([service("redis")], { name }), "name");
    expect(problem.message).toContain(type);
    expect(problemsOf(spec([service("redis")], { name: `${name}-app` }))).toEqual([]);
  });
});

describe("the generated code compiles where it did not", () => {
  const python = pythonCommand();

  it("a stack of one port-less custom container type-checks (START_ORDER = [] gave 14 errors)", () => {
    const { files } = generate(normalized(spec([custom("tools")])));
    expect(checkOneProject(files)).toEqual([]);
  });

  it.skipIf(!python)("and its Python compiles", () => {
    const { files } = generate(normalized(spec([custom("tools")], { language: "python" })));
    expect(checkPython(python ?? "", [files])[0]?.errors).toEqual([]);
  });

  it("a check that can fail: the same stack with a name defined twice is reported", () => {
    const { files } = generate(normalized(spec([custom("tools"), custom("ab", { port: 8001 })])));
    const stackTs = files["stack/stack.ts"] ?? "";
    const twice = stackTs.replace("  buildAb(): Container {", "  buildTools(): Container {");
    expect(checkOneProject({ ...files, "stack/stack.ts": twice }).join("\n")).toContain("Duplicate function");
  });

  it.skipIf(!python)("a check that can fail: Python's silent redefinition is reported", () => {
    const { files } = generate(
      normalized(spec([custom("tools"), custom("ab", { port: 8001 })], { language: "python" })),
    );
    const path = "tests/dagger_modules/stack.py";
    const twice = (files[path] ?? "").replace("def build_ab(", "def build_tools(");
    expect(checkPython(python ?? "", [{ ...files, [path]: twice }])[0]?.errors.join("\n")).toContain(
      "build_tools is defined twice",
    );
  });
});

function typeScriptMembers(text: string): string[] {
  const source = ts.createSourceFile("stack.ts", text, ts.ScriptTarget.Latest, true);
  const members: string[] = [];
  source.forEachChild((node) => {
    if (!ts.isClassDeclaration(node)) return;
    for (const member of node.members) {
      if (member.name && ts.isIdentifier(member.name)) members.push(member.name.text);
      if (ts.isConstructorDeclaration(member)) {
        for (const parameter of member.parameters) {
          if (parameter.modifiers?.length && ts.isIdentifier(parameter.name))
            members.push(parameter.name.text);
        }
      }
    }
  });
  return [...new Set(members)];
}

/** Methods of the stack class and the attributes its __init__ sets (dunder methods are Python's own). */
function pythonMembers(text: string): string[] {
  const body = text.slice(text.indexOf("\nclass ", text.indexOf("class _Entry")));
  const methods = [...body.matchAll(/^ {4}(?:async )?def (\w+)/gm)].map((match) => match[1] ?? "");
  const attributes = [...body.matchAll(/^ {8}self\.(\w+)(?::[^=]*)? =/gm)].map((match) => match[1] ?? "");
  return [...new Set([...methods, ...attributes])].filter((name) => !name.startsWith("__"));
}
