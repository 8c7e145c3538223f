import { type Colors, colorsFor } from "./colors.js";
import type { CliContext, OutputStream } from "./context.js";

/** Line-oriented output: results to stdout, errors to stderr, each with its own colour decision. */
export interface Io {
  print(text?: string): void;
  printError(text?: string): void;
  colors: Colors;
  errorColors: Colors;
}

export function createIo(ctx: CliContext): Io {
  ignoreClosedPipe(ctx.stdout);
  ignoreClosedPipe(ctx.stderr);
  return {
    print: (text = "") => ctx.stdout.write(`${text}\n`),
    printError: (text = "") => ctx.stderr.write(`${text}\n`),
    colors: colorsFor(ctx.stdout, ctx.env),
    errorColors: colorsFor(ctx.stderr, ctx.env),
  };
}

/** `create-dagger-stack --help | head` closes the pipe early; the run goes on instead of crashing on EPIPE. */
function ignoreClosedPipe(stream: OutputStream): void {
  if (stream.listenerCount("error") > 0) return;
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
}
