import { rawServices } from "../options/raw.js";
import { specOptions } from "../options/table.js";
import type { RawSpec, ValueOption } from "../options/types.js";

/**
 * Where each spec value came from, so a problem at `services[1].port` can name what the user typed:
 * `--port redis=5432`, the spec file, or (for a default or an answer) the flag that would set it.
 */
export class Origins {
  private readonly flags = new Map<string, string>();

  constructor(private readonly specFile?: string) {}

  /** Records that a flag set this spec path. */
  recordFlag(path: string, flag: string): void {
    this.flags.set(path, flag);
  }

  has(path: string): boolean {
    return this.flagFor(path) !== undefined;
  }

  /** The label shown after a spec path, e.g. `--port redis=5432` or `in stack.yaml`. */
  labelFor(path: string, raw: RawSpec): string | undefined {
    return this.flagFor(path) ?? (this.specFile ? `in ${this.specFile}` : settingFlag(path, raw));
  }

  /** A hint for a problem that came without one: the option's example, or the schema for spec files. */
  hintFor(path: string): string | undefined {
    const option = settingOption(path);
    if (this.has(path) || !this.specFile) return option && `e.g. ${option.example}`;
    return "`create-dagger-stack schema` prints what a spec file may contain";
  }

  /** The most specific recorded path that is `path` or contains it. */
  private flagFor(path: string): string | undefined {
    const matches = [...this.flags.keys()].filter((key) => covers(key, path));
    const best = matches.sort((a, b) => b.length - a.length)[0];
    return best === undefined ? undefined : this.flags.get(best);
  }
}

export function covers(key: string, path: string): boolean {
  return path === key || path.startsWith(`${key}.`) || path.startsWith(`${key}[`);
}

/** The flag that sets a spec path, with the service filled in: `--port redis=<port>`. */
export function settingFlag(path: string, raw: RawSpec): string | undefined {
  const option = settingOption(path);
  if (!option) return undefined;
  const index = /^services\[(\d+)\]\./.exec(path)?.[1];
  const service = index === undefined ? undefined : rawServices(raw)[Number(index)]?.name;
  return `--${option.name} ${option.value.replace("<service>", String(service ?? "<service>"))}`;
}

/** The option whose values land at a spec path. */
export function settingOption(path: string): ValueOption | undefined {
  const field = /^services\[\d+\]\.(.+)$/.exec(path)?.[1];
  if (field === undefined || field === "name" || field === "kind") {
    return specOptions().find(
      (option) => option.target?.scope === "stack" && covers(option.target.specPath, path),
    );
  }
  return specOptions().find(
    (option) => option.target?.scope === "service" && covers(option.target.field, field),
  );
}
