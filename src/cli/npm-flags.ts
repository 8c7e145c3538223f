import { type Problem, UsageError } from "../errors.js";
import { shellWord } from "../render/escape.js";
import type { ParsedArgs } from "./argv.js";
import type { Env } from "./context.js";
import { COMMAND_OPTIONS } from "./options/table.js";
import type { OptionDef } from "./options/types.js";

/**
 * `npm create dagger-stack my-app --services postgres` (without `--`) hands `--services` to npm, which
 * keeps it as its own config and exports it as npm_config_services. Seeing one of our flags there, but
 * not in argv, means npm swallowed it: stop and show the command with `--`.
 */
const NPM_RUNNERS: Readonly<Record<string, string>> = {
  init: "npm create dagger-stack@latest --",
  exec: "npm exec create-dagger-stack --",
};

/** Flags npm answers itself (`--yes` confirms installing the package); they never reach us. */
const NPM_OWN: ReadonlySet<string> = new Set(["yes", "help", "version"]);

interface Swallowed {
  option: OptionDef;
  envName: string;
  values: string[];
}

export function checkSwallowedFlags(env: Env, parsed: ParsedArgs, argv: readonly string[]): void {
  const runner = NPM_RUNNERS[env.npm_command ?? ""];
  if (!runner) return;
  const swallowed = COMMAND_OPTIONS[parsed.command].flatMap((option) => swallowedBy(option, env, parsed));
  if (swallowed.length === 0) return;
  const command = [runner, ...argv.map(shellWord), ...swallowed.flatMap(asArgs)].join(" ");
  const problems = swallowed.map(problemFor);
  problems.push({
    path: "npm create",
    message: "flags after the folder need -- in front of them",
    hint: `run: ${command}`,
  });
  throw new UsageError(problems);
}

function swallowedBy(option: OptionDef, env: Env, parsed: ParsedArgs): Swallowed[] {
  const envName = `npm_config_${option.name.replace(/-/g, "_")}`;
  const value = env[envName];
  if (NPM_OWN.has(option.name) || value === undefined || value === "" || value === "false") return [];
  if (wasGiven(option, parsed)) return [];
  // npm joins repeated values with blank lines.
  return [{ option, envName, values: option.type === "boolean" ? [] : value.split("\n\n") }];
}

function wasGiven(option: OptionDef, parsed: ParsedArgs): boolean {
  return parsed.values.some((given) => given.option === option) || option.name in parsed.switches;
}

function asArgs({ option, values }: Swallowed): string[] {
  if (values.length === 0) return [`--${option.name}`];
  return values.flatMap((value) => [`--${option.name}`, shellWord(value)]);
}

function problemFor({ option, envName }: Swallowed): Problem {
  return {
    path: `--${option.name}`,
    message: `npm kept this flag for itself (it is in ${envName}), so create-dagger-stack never saw it`,
  };
}
