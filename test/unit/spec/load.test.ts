import { describe, expect, it } from "vitest";
import { type Problem, UsageError } from "../../../src/errors.js";
import { formatPath, loadStack } from "../../../src/spec/load.js";
import { service, spec } from "../../support/builders.js";

/** The problems loadStack() reports for an input it rejects. */
function rejection(input: unknown): Problem[] {
  try {
    loadStack(input, "spec.yaml");
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).source).toBe("spec.yaml");
    return (error as UsageError).problems;
  }
  throw new Error("loadStack accepted the input");
}

const paths = (problems: Problem[]) => problems.map((problem) => problem.path).sort();

describe("formatPath", () => {
  it.each([
    [["services", 1, "port"], "services[1].port"],
    [["services", 0, "mounts", 2, "target"], "services[0].mounts[2].target"],
    [["matrix", "backend", 0], "matrix.backend[0]"],
    [["name"], "name"],
    [[], ""],
  ] as const)("%j → %s", (path, expected) => {
    expect(formatPath(path)).toBe(expected);
  });
});

describe("loadStack: schema errors become problems with spec paths", () => {
  it("rejects a language it has no renderer for, with the supported ones as the hint", () => {
    const [problem] = rejection(spec([service("redis")], { language: "rust" as "python" }));
    expect(problem?.path).toBe("language");
    expect(problem?.hint).toBe("use one of: typescript, python");
  });

  it("hints at the expected type for a wrongly typed field", () => {
    const [problem] = rejection(spec([service("redis", { port: "6379" as unknown as number })]));
    expect(problem?.hint).toMatch(/^expected number/);
  });

  it("reports a wrongly typed port at services[1].port", () => {
    const input = spec([service("redis"), service("postgres", { port: "5432" as unknown as number })]);
    const problems = rejection(input);
    expect(paths(problems)).toEqual(["services[1].port"]);
    expect(problems[0]?.message).toMatch(/number/i);
  });

  it("reports every schema error at once, not only the first", () => {
    const input = {
      name: 42,
      services: [service("redis", { port: 6379.5 }), { kind: "postgres" }],
      ci: "travis",
    };
    expect(paths(rejection(input))).toEqual(["ci", "name", "services[0].port", "services[1].name"]);
  });

  it("names an unknown key and hints at the schema command", () => {
    const problems = rejection(spec([service("redis", { colour: "red" } as object)]));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe("services[0]");
    expect(problems[0]?.message).toContain("colour");
    expect(problems[0]?.hint).toContain("create-dagger-stack schema");
  });

  it("reports a mount string without a colon at its index", () => {
    const problems = rejection(
      spec([service("custom", { image: "alpine:3.20", mounts: ["./a:/a", "nocolon"] })]),
    );
    expect(paths(problems)).toEqual(["services[0].mounts[1]"]);
  });

  it("gives the root a readable path when the spec is not an object", () => {
    expect(paths(rejection("just a string"))).toEqual(["(spec)"]);
  });

  it("runs the cross-field checks after a clean parse and reports them together", () => {
    const input = spec([service("redis", { port: 70000 }), service("redis")]);
    const problems = rejection(input);
    expect(paths(problems)).toEqual(["services[0].port", "services[1].name"]);
    expect(problems.every((problem) => problem.hint)).toBe(true);
  });

  it("accepts scalars where the spec allows them and normalises them to strings", () => {
    const stack = loadStack(spec([service("postgres", { version: 17 })], { nodeVersions: [20, "22"] }));
    expect(stack.services[0]?.version).toBe("17");
    expect(stack.nodeVersions).toEqual(["20", "22"]);
  });
});
