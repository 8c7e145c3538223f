import type { CliContext } from "./context.js";

/** Prompts only with a person at a terminal: stdin and stdout are TTYs and CI is unset, unless forced. */
export function isInteractive(ctx: Pick<CliContext, "stdin" | "stdout" | "env">, forced?: boolean): boolean {
  if (forced !== undefined) return forced;
  return ctx.stdin.isTTY === true && ctx.stdout.isTTY === true && !isCi(ctx.env.CI);
}

function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}
