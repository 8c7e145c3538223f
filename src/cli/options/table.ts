import { ADD_OPTIONS } from "./add-options.js";
import { MIGRATE_OPTIONS } from "./migrate-options.js";
import { PROJECT_OPTIONS } from "./project-options.js";
import { RUN_OPTIONS } from "./run-options.js";
import { SERVICE_OPTIONS } from "./service-options.js";
import type { OptionDef, StackTarget, SwitchOption, ValueOption } from "./types.js";

/** Every flag of `create`, in the order --help lists them and flags are applied to the spec. */
export const OPTIONS: readonly OptionDef[] = [...PROJECT_OPTIONS, ...SERVICE_OPTIONS, ...RUN_OPTIONS];

/** The commands: `create` takes no command word, the others are named first (`add redis`, `schema`). */
export type CommandName = "create" | "add" | "migrate" | "schema";

export const SUBCOMMANDS: readonly Exclude<CommandName, "create">[] = ["add", "migrate", "schema"];

/** Each command's flags; `schema` takes none but parses like create, so `schema --help` still works. */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionDef[]>> = {
  create: OPTIONS,
  add: ADD_OPTIONS,
  migrate: MIGRATE_OPTIONS,
  schema: OPTIONS,
};

export function findOption(name: string, options: readonly OptionDef[] = OPTIONS): OptionDef | undefined {
  return options.find(
    (option) => option.name === name || option.short === name || option.aliases?.includes(name),
  );
}

export function isValueOption(option: OptionDef): option is ValueOption {
  return option.type === "string";
}

/** The options that put something into the spec, in application order. */
export function specOptions(): ValueOption[] {
  return OPTIONS.filter(isValueOption).filter((option) => option.target !== undefined);
}

/** The switches that put something into the spec (`--module`), in application order. */
export function specSwitches(): (SwitchOption & { target: StackTarget })[] {
  return OPTIONS.filter(
    (option): option is SwitchOption & { target: StackTarget } =>
      option.type === "boolean" && option.target !== undefined,
  );
}

type ParseArgsOption = { type: "string" | "boolean"; short?: string; multiple?: boolean };

export function parseArgsOptions(options: readonly OptionDef[] = OPTIONS): Record<string, ParseArgsOption> {
  return Object.fromEntries(
    options.flatMap((option) => {
      const config: ParseArgsOption = {
        type: option.type,
        ...(isValueOption(option) && option.multiple && { multiple: true }),
      };
      const aliases = (option.aliases ?? []).map((alias) => [alias, config]);
      return [[option.name, { ...config, ...(option.short && { short: option.short }) }], ...aliases];
    }),
  );
}

export function flagNames(options: readonly OptionDef[] = OPTIONS): string[] {
  return options.flatMap((option) => [option.name, ...(option.aliases ?? [])]).map((name) => `--${name}`);
}
