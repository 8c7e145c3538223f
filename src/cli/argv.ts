import { parseArgs } from "node:util";
import { type Problem, UsageError } from "../errors.js";
import { shellWord } from "../render/escape.js";
import { closestMatch } from "../util/did-you-mean.js";
import type { SwitchName } from "./options/run-options.js";
import {
  COMMAND_OPTIONS,
  type CommandName,
  findOption,
  flagNames,
  isValueOption,
  parseArgsOptions,
  SUBCOMMANDS,
} from "./options/table.js";
import type { OptionDef, ValueOption } from "./options/types.js";

/**
 * argv → the command, its positionals, flag values in command-line order and switches; every bad flag is
 * reported at once. The command word (`add`, `schema`) picks the flags: add's `--version` is a value.
 */
export interface GivenValue {
  option: ValueOption;
  text: string;
}

export interface ParsedArgs {
  command: CommandName;
  positionals: string[];
  values: GivenValue[];
  switches: Partial<Record<SwitchName, boolean>>;
}

type OptionToken = { name: string; rawName: string; value?: string; inlineValue?: boolean };

export function parseArgv(argv: readonly string[]): ParsedArgs {
  const command = commandOf(argv[0]);
  const options = COMMAND_OPTIONS[command];
  const { tokens } = parseArgs({
    args: command === "create" ? [...argv] : argv.slice(1),
    options: parseArgsOptions(options),
    strict: false,
    allowPositionals: true,
    allowNegative: true,
    tokens: true,
  });
  const parsed: ParsedArgs = { command, positionals: [], values: [], switches: {} };
  const problems: Problem[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") parsed.positionals.push(token.value);
    if (token.kind === "option") problems.push(...readOption(token, parsed, options));
  }
  const misspelt = command === "create" ? misspeltCommand(parsed.positionals) : undefined;
  if (misspelt) throw new UsageError(misspelt);
  if (problems.length > 0) throw new UsageError(problems);
  return parsed;
}

/**
 * `ad redis`: create takes one folder, so two words starting with a near miss of a command word meant
 * that command. Checked before the flags, whose problems follow from reading them as create's.
 */
function misspeltCommand(positionals: readonly string[]): Problem | undefined {
  const [first, ...rest] = positionals;
  if (first === undefined || rest.length === 0) return undefined;
  const command = closestMatch(first, SUBCOMMANDS, 1);
  if (command === undefined) return undefined;
  return {
    path: first,
    message: `not a command (create takes one folder, got ${positionals.length} words)`,
    hint: `did you mean "${command}"? e.g. create-dagger-stack ${[command, ...rest].map(shellWord).join(" ")}`,
  };
}

function commandOf(first: string | undefined): CommandName {
  return SUBCOMMANDS.find((command) => command === first) ?? "create";
}

function readOption(token: OptionToken, parsed: ParsedArgs, options: readonly OptionDef[]): Problem[] {
  const option = findOption(token.name, options);
  if (!option) return [unknownOption(token.rawName, options)];
  if (isValueOption(option)) return readValue(option, token, parsed);
  if (token.value !== undefined) {
    return [
      {
        path: token.rawName,
        message: `takes no value (got "${token.value}")`,
        hint: `write just --${option.name}`,
      },
    ];
  }
  parsed.switches[option.name as SwitchName] = !token.rawName.startsWith("--no-");
  return [];
}

function readValue(option: ValueOption, token: OptionToken, parsed: ParsedArgs): Problem[] {
  const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith("--"));
  if (missing) return [{ path: token.rawName, message: "needs a value", hint: `e.g. ${option.example}` }];
  parsed.values.push({ option, text: token.value ?? "" });
  return [];
}

function unknownOption(rawName: string, options: readonly OptionDef[]): Problem {
  const suggestion = closestMatch(rawName, flagNames(options));
  const hint = suggestion ? `did you mean "${suggestion}"?` : "see --help for every option";
  return { path: rawName, message: "unknown option", hint };
}

export function valuesOf(parsed: ParsedArgs, option: OptionDef): string[] {
  return parsed.values.filter((given) => given.option === option).map((given) => given.text);
}

export function lastValueOf(parsed: ParsedArgs, option: OptionDef): string | undefined {
  return valuesOf(parsed, option).at(-1);
}
