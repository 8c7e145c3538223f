import { describe, expect, it } from "vitest";
import { parseArgv, valuesOf } from "../../src/cli/argv.js";
import { colorsFor } from "../../src/cli/colors.js";
import { addHelpText, helpText } from "../../src/cli/help.js";
import { checkSwallowedFlags } from "../../src/cli/npm-flags.js";
import { ADD_OPTIONS, ADD_SERVICE_OPTIONS } from "../../src/cli/options/add-options.js";
import { findOption } from "../../src/cli/options/table.js";
import type { OptionDef } from "../../src/cli/options/types.js";
import { UsageError } from "../../src/errors.js";
import { kindNames } from "../../src/spec/catalog/services.js";
import { usageProblems } from "../support/usage-error.js";

/** add's command line: its own flag table, picked by the command word, and its --help. */
const addOption = (name: string) => findOption(name, ADD_OPTIONS) as OptionDef;
const colors = colorsFor({ isTTY: false } as NodeJS.WriteStream, {});

const problemsOf = (argv: string[]) => usageProblems(() => parseArgv(argv));

describe("parseArgv for add", () => {
  it("takes the command word off and reads add's flags: --version is the service's version", () => {
    const parsed = parseArgv(["add", "postgres", "--version", "17", "--extension", "pgvector", "-y"]);
    expect(parsed.command).toBe("add");
    expect(parsed.positionals).toEqual(["postgres"]);
    expect(valuesOf(parsed, addOption("version"))).toEqual(["17"]);
    expect(valuesOf(parsed, addOption("extension"))).toEqual(["pgvector"]);
    expect(parsed.switches).toEqual({ yes: true });
  });

  it("aliases are the same flag: --service-version, --extensions", () => {
    const parsed = parseArgv(["add", "postgres", "--service-version=16", "--extensions", "postgis"]);
    expect(valuesOf(parsed, addOption("version"))).toEqual(["16"]);
    expect(valuesOf(parsed, addOption("extension"))).toEqual(["postgis"]);
  });

  it("without a command word, --version and -v are the tool's version switch", () => {
    expect(parseArgv(["--version"])).toMatchObject({ command: "create", switches: { version: true } });
    expect(parseArgv(["-v"]).switches).toEqual({ version: true });
    expect(parseArgv(["schema"])).toMatchObject({ command: "schema", positionals: [] });
  });

  it("near misses are matched against add's flags; create's flags are unknown to add", () => {
    expect(problemsOf(["add", "redis", "--extention", "x", "--services", "redis", "-v"])).toEqual([
      { path: "--extention", message: "unknown option", hint: 'did you mean "--extension"?' },
      { path: "--services", message: "unknown option", hint: "see --help for every option" },
      { path: "-v", message: "unknown option", hint: "see --help for every option" },
    ]);
  });

  it("--version inside add needs its value", () => {
    expect(problemsOf(["add", "postgres", "--version"])).toEqual([
      { path: "--version", message: "needs a value", hint: "e.g. --version 17" },
    ]);
  });
});

describe("add's flags are create's per-service flags for the one new service", () => {
  it.each(ADD_SERVICE_OPTIONS.map((option) => [option.name, option] as const))(
    "--%s: its example applies to the last service only",
    (_, option) => {
      const raw = {
        services: [
          { name: "old", kind: "backend" },
          { name: "new-one", kind: "backend" },
        ],
      };
      const value = option.example.slice(option.example.indexOf(" ") + 1);
      const [applied] = option.target.apply(raw, value);
      expect(applied?.path).toBe(`services[1].${option.target.field}`);
      expect(raw.services[0]).toEqual({ name: "old", kind: "backend" });
      expect(raw.services[1]).toMatchObject({ name: "new-one" });
      expect(Object.keys(raw.services[1] ?? {}).length).toBeGreaterThan(2);
    },
  );
});

describe("add --help", () => {
  const help = addHelpText("1.2.3", colors);

  it("lists every flag of add, with its aliases, and none of create's project flags", () => {
    for (const option of ADD_OPTIONS) {
      for (const name of [option.name, ...(option.aliases ?? [])]) expect(help).toContain(`--${name}`);
    }
    expect(help).toContain("--version, --service-version <version>");
    expect(help).not.toContain("--services");
    expect(help).not.toContain("--spec");
  });

  it("has examples whose flags all parse with add's table and whose kinds are in the catalog", () => {
    const examples = (help.split("Examples:\n")[1] ?? "")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith("npx create-dagger-stack add "));
    expect(examples.length).toBeGreaterThan(4);
    for (const example of examples) {
      const parsed = parseArgv(example.split(/\s+/).slice(2));
      expect(parsed.command, example).toBe("add");
      const [word] = parsed.positionals;
      expect([...kindNames(), "extension"], example).toContain(word);
    }
  });

  it("create's --help points to add", () => {
    const main = helpText("1.2.3", colors);
    expect(main).toContain("create-dagger-stack add <kind> [options]");
    expect(main).toContain("`create-dagger-stack add --help` lists add's options");
  });
});

describe("npm swallowing add's flags", () => {
  it("names add's flag and shows the command with -- in front of it", () => {
    const argv = ["add", "redis"];
    const env = { npm_command: "init", npm_config_name: "queue" };
    const check = () => checkSwallowedFlags(env, parseArgv(argv), argv);
    expect(check).toThrow(UsageError);
    const problems = usageProblems(check);
    expect(problems.map((problem) => problem.path)).toEqual(["--name", "npm create"]);
    expect(problems.at(-1)?.hint).toBe("run: npm create dagger-stack@latest -- add redis --name queue");
  });
});
