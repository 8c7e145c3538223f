/**
 * The short volume syntax `[SOURCE:]TARGET[:MODE]` in its long form. A source that is a path (`.`, `/`,
 * `~` or a drive letter) is a bind mount; any other source names a volume; no source is an anonymous
 * volume. Modes: ro/rw, z/Z (SELinux labels), nocopy, and the bind propagation flags.
 */
export interface VolumeMount {
  type: "bind" | "volume" | "tmpfs" | "npipe" | "cluster" | "image";
  source?: string;
  target: string;
  read_only?: boolean;
  /** Mode flags other than ro/rw, as written: z, Z, nocopy, rshared, ... */
  options?: string[];
}

export function parseVolumeShort(spec: string): VolumeMount {
  const parts = splitVolume(spec);
  const [first = "", second, third] = parts;
  const source = second === undefined ? undefined : first;
  const target = second === undefined ? first : second;
  const modes = (third ?? "").split(",").filter((mode) => mode !== "");
  const mount: VolumeMount = { type: source === undefined || !isPath(source) ? "volume" : "bind", target };
  if (source !== undefined) mount.source = source;
  if (modes.includes("ro")) mount.read_only = true;
  const options = modes.filter((mode) => mode !== "ro" && mode !== "rw");
  if (options.length > 0) mount.options = options;
  return mount;
}

/** Splits on `:` but keeps a Windows drive (`C:\data`) in one piece. */
function splitVolume(spec: string): string[] {
  const parts: string[] = [];
  let current = "";
  for (let index = 0; index < spec.length; index++) {
    const char = spec[index];
    const isDrive =
      char === ":" && current.length === 1 && /[a-zA-Z]/.test(current) && /[\\/]/.test(spec[index + 1] ?? "");
    if (char === ":" && !isDrive) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

export function isPath(source: string): boolean {
  return /^(\.|\/|~|[a-zA-Z]:[\\/]|\\\\)/.test(source);
}
