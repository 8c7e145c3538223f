import { UsageError } from "../errors.js";
import type { CliContext } from "./context.js";

/**
 * Prompts only with a person at a terminal: stdin and stdout are TTYs and CI is unset, unless forced.
 * `--interactive` forces prompts, but not without a terminal to answer them on: that is a usage error
 * rather than a run that reads end-of-input and reports "cancelled".
 */
export function isInteractive(ctx: Pick<CliContext, "stdin" | "stdout" | "env">, forced?: boolean): boolean {
  if (forced === true && ctx.stdin.isTTY !== true) throw noTerminal();
  if (forced !== undefined) return forced;
  // stdin last: the bin builds process.stdin only when asked for it, which costs a few milliseconds.
  return !isCi(ctx.env.CI) && ctx.stdout.isTTY === true && ctx.stdin.isTTY === true;
}

function isCi(value: string | undefined): boolean {
  return value !== undefined && value !== "" && value !== "0" && value !== "false";
}

function noTerminal(): UsageError {
  return new UsageError({
    path: "--interactive",
    message: "stdin is not a terminal, so no one can answer the prompts",
    hint: "run it in a terminal, or drop --interactive and give the answers as flags or --spec (--yes takes the defaults)",
  });
}
