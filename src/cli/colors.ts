import type { Env, OutputStream } from "./context.js";

const CODES = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
} as const;

export type Colors = Record<keyof typeof CODES, (text: string) => string>;

/** Colours for one stream: on a TTY unless NO_COLOR; FORCE_COLOR wins over both, as in Node itself. */
export function colorsFor(stream: OutputStream, env: Env): Colors {
  const enabled = colorEnabled(stream, env);
  const entries = Object.entries(CODES).map(([name, [open, close]]) => [
    name,
    enabled ? (text: string) => `\x1b[${open}m${text}\x1b[${close}m` : (text: string) => text,
  ]);
  return Object.fromEntries(entries) as Colors;
}

export function colorEnabled(stream: OutputStream, env: Env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR) return false;
  return stream.isTTY === true && env.TERM !== "dumb";
}
