import { type Lookup, substitute } from "./template.js";

/**
 * A `.env` file the way compose reads it: `KEY=value` or `KEY: value` lines, `export ` prefixes,
 * `#` comments (inline after a space in unquoted values), single quotes taken literally, double quotes
 * with escapes (\n, \t, \", \\, \$) and both spanning lines, `${VAR}` substitution in unquoted and
 * double-quoted values from the environment and the lines above, and a bare `KEY` taking the
 * environment's value when it has one.
 */
export interface DotenvEntry {
  value: string;
  line: number;
}

export class DotenvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "DotenvError";
  }
}

const KEY = /^[\p{L}\p{N}_.\-[\]]+$/u;

/** `lookup` is compose's environment; `earlier` the values of env files read before this one. */
export function parseDotenv(
  text: string,
  lookup: Lookup,
  earlier: Lookup = () => undefined,
): Map<string, DotenvEntry> {
  const entries = new Map<string, DotenvEntry>();
  const resolve: Lookup = (name) => lookup(name) ?? entries.get(name)?.value ?? earlier(name);
  const source = text.replace(/^\uFEFF/, "").replaceAll("\r\n", "\n");
  let offset = 0;
  let line = 1;
  let counted = 0;
  while (offset < source.length) {
    for (; counted < offset; counted++) if (source[counted] === "\n") line++;
    const end = source.indexOf("\n", offset);
    const raw = source.slice(offset, end < 0 ? source.length : end);
    const statement = raw.trim();
    if (statement === "" || statement.startsWith("#")) {
      offset = end < 0 ? source.length : end + 1;
      continue;
    }
    const parsed = parseStatement(source, offset, line, resolve);
    if (parsed.key !== undefined && parsed.value !== undefined)
      entries.set(parsed.key, { value: parsed.value, line });
    offset = parsed.next;
  }
  return entries;
}

interface Statement {
  key?: string;
  value?: string;
  next: number;
}

function parseStatement(source: string, start: number, line: number, resolve: Lookup): Statement {
  const body = source.slice(start).replace(/^\s*(export\s+)?/, "");
  const skipped = source.length - start - body.length;
  const separator = /[=:\n]/.exec(body);
  const key = (separator ? body.slice(0, separator.index) : body).trim();
  if (!KEY.test(key)) throw new DotenvError(line, `"${key}" is not a variable name`);
  const afterKey = start + skipped + (separator ? separator.index + 1 : body.length);
  if (!separator || separator[0] === "\n") {
    const inherited = resolve(key);
    return { key, ...(inherited === undefined ? {} : { value: inherited }), next: afterKey };
  }
  const valueStart = afterKey + (/^[ \t]*/.exec(source.slice(afterKey))?.[0].length ?? 0);
  const quote = source[valueStart];
  if (quote === '"' || quote === "'") return quoted(source, valueStart, line, key, resolve);
  const end = source.indexOf("\n", valueStart);
  const text = source.slice(valueStart, end < 0 ? source.length : end);
  const value = text.split(" #")[0]?.trimEnd() ?? "";
  return { key, value: substitute(value, resolve).value, next: end < 0 ? source.length : end + 1 };
}

function quoted(source: string, start: number, line: number, key: string, resolve: Lookup): Statement {
  const quote = source[start];
  let value = "";
  for (let index = start + 1; index < source.length; index++) {
    const char = source[index];
    if (char === "\\" && index + 1 < source.length) {
      value += `\\${source[index + 1]}`;
      index++;
      continue;
    }
    if (char !== quote) {
      value += char;
      continue;
    }
    const end = source.indexOf("\n", index);
    const next = end < 0 ? source.length : end + 1;
    if (quote === "'") return { key, value: value.replaceAll("\\'", "'"), next };
    return { key, value: substitute(unescapeDoubleQuoted(value), resolve).value, next };
  }
  throw new DotenvError(line, `the quoted value of ${key} is not closed`);
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  '"': '"',
  "\\": "\\",
  $: "$$",
  a: "\x07",
  b: "\b",
  f: "\f",
  v: "\v",
};

/** Double-quoted escapes; `\$` becomes `$$` so that substitution leaves a literal dollar. */
function unescapeDoubleQuoted(value: string): string {
  return value.replace(/\\(.)/gs, (match, char: string) => ESCAPES[char] ?? match);
}
