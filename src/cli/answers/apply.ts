import { type Problem, UsageError } from "../../errors.js";
import { shellWord } from "../../render/escape.js";
import { type ParsedArgs, valuesOf } from "../argv.js";
import { specOptions, specSwitches } from "../options/table.js";
import type { Applied, RawSpec, ValueOption } from "../options/types.js";
import { FlagValueError } from "../options/values.js";
import type { Origins } from "./origins.js";

/** Flags and prompt answers land in the raw spec through the same per-option apply(). */
export function applyText(option: ValueOption, raw: RawSpec, text: string): Applied[] {
  if (!option.target) throw new Error(`--${option.name} does not set anything in the spec`);
  return option.target.apply(raw, text);
}

export function flagText(option: ValueOption, text: string): string {
  return `--${option.name} ${shellWord(text)}`;
}

/** Applies flags in option-table order (the service list before per-service options), each in argv order. */
export function applyFlags(raw: RawSpec, parsed: ParsedArgs, origins: Origins): void {
  const problems: Problem[] = [];
  for (const option of specOptions()) {
    for (const text of valuesOf(parsed, option)) {
      try {
        for (const { path, shown } of applyText(option, raw, text))
          origins.recordFlag(path, flagText(option, shown ?? text));
      } catch (error) {
        if (!(error instanceof FlagValueError)) throw error;
        problems.push({ path: flagText(option, text), message: error.message, hint: error.hint });
      }
    }
  }
  if (problems.length > 0) throw new UsageError(problems);
  applySwitches(raw, parsed, origins);
}

/** `--module` sets its spec field to true, `--no-module` to false; left out, the field keeps its value. */
function applySwitches(raw: RawSpec, parsed: ParsedArgs, origins: Origins): void {
  for (const option of specSwitches()) {
    const on = parsed.switches[option.name as keyof ParsedArgs["switches"]];
    if (on === undefined) continue;
    for (const { path } of option.target.apply(raw, String(on)))
      origins.recordFlag(path, on ? `--${option.name}` : `--no-${option.name}`);
  }
}
