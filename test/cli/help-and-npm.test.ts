import { describe, expect, it } from "vitest";
import { parseArgv } from "../../src/cli/argv.js";
import { colorsFor } from "../../src/cli/colors.js";
import { helpText } from "../../src/cli/help.js";
import { checkSwallowedFlags } from "../../src/cli/npm-flags.js";
import { OPTIONS } from "../../src/cli/options/table.js";
import { UsageError } from "../../src/errors.js";

const help = helpText("1.2.3", colorsFor({ isTTY: false } as NodeJS.WriteStream, {}));

describe("--help", () => {
  it("lists every option of the table", () => {
    for (const option of OPTIONS) expect(help).toContain(`--${option.name}`);
  });

  it("has examples whose flags all parse", () => {
    const lines = help.split("Examples:\n")[1]?.split("\n") ?? [];
    const examples = lines.filter(
      (line) => line.trim().startsWith("npx create-dagger-stack ") && !line.includes(" schema"),
    );
    expect(examples.length).toBeGreaterThan(3);
    for (const example of examples) {
      expect(() => parseArgv(example.trim().split(/\s+/).slice(2)), example).not.toThrow();
    }
  });
});

describe("npm swallowing flags", () => {
  const problemsOf = (env: Record<string, string>, argv = ["app"]) => {
    try {
      checkSwallowedFlags(env, parseArgv(argv), argv);
      return [];
    } catch (error) {
      if (error instanceof UsageError) return error.problems;
      throw error;
    }
  };

  it("is quiet outside npm create / npm exec", () => {
    expect(problemsOf({ npm_command: "run-script", npm_config_services: "redis" })).toEqual([]);
    expect(problemsOf({ npm_config_services: "redis" })).toEqual([]);
  });

  it("shows repeated flags once per value, for npm exec too", () => {
    const problems = problemsOf({ npm_command: "exec", npm_config_port: "a=1\n\nb=2" });
    expect(problems.at(-1)?.hint).toBe("run: npm exec create-dagger-stack -- app --port a=1 --port b=2");
  });

  it("ignores flags that did arrive, false switches and npm's own --yes", () => {
    const env = {
      npm_command: "init",
      npm_config_services: "redis",
      npm_config_force: "",
      npm_config_yes: "true",
    };
    expect(problemsOf(env, ["app", "--services", "redis"])).toEqual([]);
  });
});
