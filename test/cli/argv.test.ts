import { describe, expect, it } from "vitest";
import { parseArgv, valuesOf } from "../../src/cli/argv.js";
import { findOption } from "../../src/cli/options/table.js";
import type { OptionDef } from "../../src/cli/options/types.js";
import { usageProblems } from "../support/usage-error.js";

const option = (name: string) => findOption(name) as OptionDef;

const problemsOf = (argv: string[]) => usageProblems(() => parseArgv(argv));

describe("parseArgv", () => {
  it("keeps positionals, values in command-line order and switches", () => {
    const parsed = parseArgv(["app", "--port", "a=1", "-y", "--port=b=2", "--no-interactive", "--dry-run"]);
    expect(parsed.positionals).toEqual(["app"]);
    expect(valuesOf(parsed, option("port"))).toEqual(["a=1", "b=2"]);
    expect(parsed.switches).toEqual({ yes: true, interactive: false, "dry-run": true });
  });

  it("reads everything after -- as positionals", () => {
    expect(parseArgv(["--", "--weird-folder"]).positionals).toEqual(["--weird-folder"]);
  });

  it("reports every bad flag at once, with a did-you-mean for near misses", () => {
    expect(problemsOf(["--sevices", "redis", "--frce", "--zzz"])).toEqual([
      { path: "--sevices", message: "unknown option", hint: 'did you mean "--services"?' },
      { path: "--frce", message: "unknown option", hint: 'did you mean "--force"?' },
      { path: "--zzz", message: "unknown option", hint: "see --help for every option" },
    ]);
  });

  it("a value flag followed by another flag has no value", () => {
    expect(problemsOf(["--port", "--yes"])).toEqual([
      { path: "--port", message: "needs a value", hint: "e.g. --port redis=6380" },
    ]);
  });

  it("a switch given a value is an error", () => {
    expect(problemsOf(["--force=yes"])[0]).toMatchObject({
      path: "--force",
      message: 'takes no value (got "yes")',
    });
  });
});
