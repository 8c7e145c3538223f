/** Parsers for flag values. Each throws FlagValueError with a hint showing the expected form. */
export class FlagValueError extends Error {
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
    this.name = "FlagValueError";
  }
}

export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

/** `key=value` → [key, value]; the value may itself contain `=`. */
export function splitKeyed(text: string, example: string, key = "<service>"): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) throw new FlagValueError(`expected ${key}=<value>, got "${text}"`, `e.g. ${example}`);
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}

export function parsePort(text: string, example: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(port)) {
    throw new FlagValueError(`"${text}" is not a port number`, `e.g. ${example}`);
  }
  return port;
}

/** `./data:/data` → a mount. */
export function parseMount(text: string, example: string): { source: string; target: string } {
  const match = /^([^:]+):([^:]+)$/.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new FlagValueError(`expected <source>:<target>, got "${text}"`, `e.g. ${example}`);
  }
  return { source: match[1], target: match[2] };
}
