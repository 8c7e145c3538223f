import type { Args } from "./state.js";

/** Readers for coerced GraphQL arguments; they return undefined rather than guessing. */

export function stringArg(args: Args, name: string): string | undefined {
  const value = args[name];
  return typeof value === "string" ? value : undefined;
}

export function numberArg(args: Args, name: string): number | undefined {
  const value = args[name];
  return typeof value === "number" ? value : undefined;
}

export function booleanArg(args: Args, name: string): boolean | undefined {
  const value = args[name];
  return typeof value === "boolean" ? value : undefined;
}

export function stringListArg(args: Args, name: string): string[] | undefined {
  const value = args[name];
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === "string");
}

export function objectListArg(args: Args, name: string): Args[] {
  const value = args[name];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is Args => typeof item === "object" && item !== null);
}
