import { type Problem, UsageError } from "../errors.js";
import { shellWord } from "../render/escape.js";
import type { ParsedArgs } from "./argv.js";
import type { Env } from "./context.js";
import { COMMAND_OPTIONS, isValueOption } from "./options/table.js";
import type { OptionDef } from "./options/types.js";

/**
 * `npm create dagger-stack my-app --services redis` (without `--`) hands `--services` to npm, which keeps
 * it as its own config and exports it as npm_config_services. Seeing one of our flags there, but not in
 * argv, means npm swallowed it: stop and show the command with `--`, rebuilt so that it works.
 *
 * npm reads a flag it does not know as a switch: npm_config_services is then "true" and the value `redis`
 * is left among our positionals. A flag npm knows as a string (`--diff`) takes the next word with it.
 */
const NPM_RUNNERS: Readonly<Record<string, string>> = {
  init: "npm create dagger-stack@latest --",
  exec: "npm exec create-dagger-stack --",
};

/** Flags npm answers itself (`--yes` confirms installing the package); they never reach us. */
const NPM_OWN: ReadonlySet<string> = new Set(["yes", "help", "version"]);

/**
 * Flags npm (10, 11) reads as something else: `--ci` abbreviates its `--cidr`, and `--lang` is read as the
 * shorthands -l -a -n -g (long, all, global), its value left among the positionals.
 */
const NPM_SPELLINGS: Readonly<Record<string, { envNames?: string[]; shorthands?: string[] }>> = {
  ci: { envNames: ["npm_config_cidr", "npm_config_ci_name"] },
  lang: { shorthands: ["npm_config_long", "npm_config_all", "npm_config_global"] },
};

interface Swallowed {
  option: OptionDef;
  envName: string;
  /** The values npm kept, in order; none for a switch. */
  values: string[];
  /** Words npm took as the value of a flag it reads as a string (`--diff --force` keeps `--force`). */
  carried: string[];
  /** npm read it as a switch: its value is one of our positionals. */
  lost: boolean;
}

export function checkSwallowedFlags(env: Env, parsed: ParsedArgs, argv: readonly string[]): void {
  const runner = NPM_RUNNERS[env.npm_command ?? ""];
  if (!runner) return;
  const swallowed = COMMAND_OPTIONS[parsed.command].flatMap((option) => swallowedBy(option, env, parsed));
  if (swallowed.length === 0) return;
  const problems = swallowed.map(problemFor);
  const rebuilt = rebuild(parsed, argv, swallowed);
  problems.push({
    path: env.npm_command === "init" ? "npm create" : "npm exec",
    message: "flags after the folder need -- in front of them",
    hint: rebuilt
      ? `run: ${[runner, ...rebuilt.map(shellWord)].join(" ")}`
      : `run it again with -- in front of create-dagger-stack's own words and flags, e.g. ${runner} my-app ${swallowed
          .map(({ option }) => flagShape(option))
          .join(" ")}`,
  });
  throw new UsageError(problems);
}

/**
 * The command that hands a --yes npm kept for itself (npm_config_yes, not in argv) to create-dagger-stack,
 * for errors that would otherwise say to give --yes; undefined when npm kept none.
 */
export function npmKeptYes(env: Env, parsed: ParsedArgs, argv: readonly string[]): string | undefined {
  const runner = NPM_RUNNERS[env.npm_command ?? ""];
  if (!runner || env.npm_config_yes !== "true" || parsed.switches.yes !== undefined) return undefined;
  return [runner, ...argv.map(shellWord), "--yes"].join(" ");
}

function swallowedBy(option: OptionDef, env: Env, parsed: ParsedArgs): Swallowed[] {
  if (NPM_OWN.has(option.name) || wasGiven(option, parsed)) return [];
  const spelling = NPM_SPELLINGS[option.name] ?? {};
  const shorthands = spelling.shorthands ?? [];
  if (shorthands.length > 0 && shorthands.every((name) => env[name] === "true")) {
    return [{ option, envName: shorthands.join(", "), values: [], carried: [], lost: true }];
  }
  const envNames = [`npm_config_${option.name.replace(/-/g, "_")}`, ...(spelling.envNames ?? [])];
  const envName = envNames.find((name) => isSet(env[name]));
  const value = envName === undefined ? undefined : env[envName];
  if (envName === undefined || value === undefined) return [];
  // npm joins repeated values with blank lines.
  const words = value === "true" ? [] : value.split("\n\n");
  if (!isValueOption(option)) return [{ option, envName, values: [], carried: words, lost: false }];
  return [{ option, envName, values: words, carried: [], lost: value === "true" }];
}

function isSet(value: string | undefined): value is string {
  return value !== undefined && value !== "" && value !== "false";
}

function wasGiven(option: OptionDef, parsed: ParsedArgs): boolean {
  return parsed.values.some((given) => given.option === option) || option.name in parsed.switches;
}

/**
 * The arguments to run, or undefined when they cannot be told apart: argv without the values npm left
 * among the positionals, then every swallowed flag with its value. The command's own words come first
 * (`my-app --services redis`, as every example writes it); the words after them are the lost values,
 * matched to their flags by the shape each flag's value has.
 */
function rebuild(parsed: ParsedArgs, argv: readonly string[], swallowed: Swallowed[]): string[] | undefined {
  const lost = swallowed.filter((entry) => entry.lost);
  const own = parsed.positionals.length - lost.length;
  if (!ownWordCounts(parsed).includes(own)) return undefined;
  const values = parsed.positionals.slice(own);
  const order = permutations(lost).find((candidate) =>
    candidate.every((entry, index) => fitsShape(entry.option, values[index] ?? "")),
  );
  if (!order) return undefined;
  order.forEach((entry, index) => {
    entry.values = [values[index] ?? ""];
  });
  return [...withoutWords(argv, values), ...swallowed.flatMap(asArgs)];
}

/** How many words of its own each command takes: create a folder or none; add a kind, or more for extensions. */
function ownWordCounts(parsed: ParsedArgs): number[] {
  if (parsed.command === "create") return [0, 1];
  if (parsed.command === "add") return parsed.positionals[0] === "extension" ? [1, 2, 3] : [0, 1];
  return [0];
}

/** Whether a value has the shape a flag's `<service>=<port>` says: `=` where it has one, digits for a port. */
function fitsShape(option: OptionDef, value: string): boolean {
  if (!isValueOption(option)) return false;
  const parts = option.value.split(/(<[^>]+>)/).filter(Boolean);
  const pattern = parts
    .map((part, index) => {
      if (part === "<port>") return "\\d+";
      if (!part.startsWith("<")) return part.includes("|") ? `(?:${part})` : escapeRegExp(part);
      return index === parts.length - 1 && option.value.includes("=") ? ".+" : "[^=]+";
    })
    .join("");
  return new RegExp(`^${pattern}$`).test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()[\]\\]/g, "\\$&");
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

/** argv without one occurrence of each word, counting from the end (the values follow the own words). */
function withoutWords(argv: readonly string[], words: readonly string[]): string[] {
  const kept = [...argv];
  for (const word of words) {
    const at = kept.lastIndexOf(word);
    if (at >= 0) kept.splice(at, 1);
  }
  return kept;
}

function asArgs({ option, values, carried }: Swallowed): string[] {
  if (!isValueOption(option)) return [`--${option.name}`, ...carried];
  return values.flatMap((value) => [`--${option.name}`, value]);
}

function flagShape(option: OptionDef): string {
  return isValueOption(option) ? `--${option.name} ${option.value}` : `--${option.name}`;
}

function problemFor({ option, envName, lost }: Swallowed): Problem {
  return {
    path: `--${option.name}`,
    message: `npm kept this flag for itself (${envName.includes(", ") ? `it read it as its shorthands: ${envName}` : `it is in ${envName}`}), so create-dagger-stack never saw it${
      lost ? "; npm did not know it, so its value was left among the folder names" : ""
    }`,
  };
}
