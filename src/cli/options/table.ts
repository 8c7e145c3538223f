import { PROJECT_OPTIONS } from "./project-options.js";
import { RUN_OPTIONS } from "./run-options.js";
import { SERVICE_OPTIONS } from "./service-options.js";
import type { OptionDef, ValueOption } from "./types.js";

/** Every flag of `create`, in the order --help lists them and flags are applied to the spec. */
export const OPTIONS: readonly OptionDef[] = [...PROJECT_OPTIONS, ...SERVICE_OPTIONS, ...RUN_OPTIONS];

export function findOption(name: string): OptionDef | undefined {
  return OPTIONS.find((option) => option.name === name || option.short === name);
}

export function isValueOption(option: OptionDef): option is ValueOption {
  return option.type === "string";
}

/** The options that put something into the spec, in application order. */
export function specOptions(): ValueOption[] {
  return OPTIONS.filter(isValueOption).filter((option) => option.target !== undefined);
}

type ParseArgsOption = { type: "string" | "boolean"; short?: string; multiple?: boolean };

export function parseArgsOptions(): Record<string, ParseArgsOption> {
  return Object.fromEntries(
    OPTIONS.map((option) => [
      option.name,
      {
        type: option.type,
        ...(option.short && { short: option.short }),
        ...(isValueOption(option) && option.multiple && { multiple: true }),
      },
    ]),
  );
}

export function flagNames(): string[] {
  return OPTIONS.map((option) => `--${option.name}`);
}
