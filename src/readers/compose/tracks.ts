import { OverrideTag, ResetTag } from "../located-yaml.js";
import { childPointer } from "../pointer.js";
import type { KeyEntry, SourceLocation } from "../source.js";
import type { LocatedUse } from "./interpolate.js";
import { nearestPosition } from "./problems.js";

/**
 * Where each top-level key of a service (or of the file) came from, kept through extends and merges with
 * compose's rule: a value that replaces (a scalar, `command`, `entrypoint`, `!override`) starts over; a
 * mapping or list that merges adds its place after the earlier ones. The variables a key uses follow
 * the same rule, so a variable only counts while the value it was written in is still there.
 */
export interface VariableRecord extends LocatedUse {
  at: SourceLocation;
  /** A bare `NAME` under environment, passed through from compose's environment rather than interpolated. */
  passthrough?: boolean;
}

export interface Track {
  at: SourceLocation[];
  uses: VariableRecord[];
}

export type Tracks = Map<string, Track>;

const REPLACED_KEYS = new Set(["command", "entrypoint"]);

export interface TrackSource {
  positions: ReadonlyMap<string, SourceLocation>;
  uses: readonly LocatedUse[];
  file: string;
}

/** The tracks of one mapping (a service, or the file's top level) as a single file wrote it. */
export function tracksOf(source: TrackSource, pointer: string, mapping: Record<string, unknown>): Tracks {
  const tracks: Tracks = new Map();
  for (const key of Object.keys(mapping)) {
    const keyPointer = childPointer(pointer, key);
    const at = source.positions.get(keyPointer) ?? { file: source.file, line: 1, column: 1 };
    const uses = source.uses
      .filter((use) => use.pointer === keyPointer || use.pointer.startsWith(`${keyPointer}/`))
      .map((use) => ({ ...use, at: nearestPosition(source.positions, use.pointer) ?? at }));
    tracks.set(key, { at: [at], uses });
  }
  return tracks;
}

/** Applies a later mapping's tracks over earlier ones; `values` is that later mapping as written. */
export function combineTracks(earlier: Tracks, later: Tracks, values: Record<string, unknown>): Tracks {
  const combined: Tracks = new Map(earlier);
  for (const [key, track] of later) {
    const value = values[key];
    const previous = combined.get(key);
    if (value instanceof ResetTag) combined.delete(key);
    else if (!previous || replaces(key, value)) combined.set(key, track);
    else combined.set(key, { at: [...previous.at, ...track.at], uses: [...previous.uses, ...track.uses] });
  }
  return combined;
}

function replaces(key: string, value: unknown): boolean {
  if (value instanceof OverrideTag || REPLACED_KEYS.has(key)) return true;
  // `build: ./dir` merges with an earlier `build:` mapping as its context.
  if (key === "build") return false;
  return value === null || typeof value !== "object";
}

/** The key entries of a mapping, in the order its keys were first declared. */
export function keyEntries(tracks: Tracks): KeyEntry[] {
  return [...tracks].map(([key, track]) => {
    const entry: KeyEntry = { key, at: track.at };
    const variables = [...new Set(track.uses.map((use) => use.name))].sort();
    if (variables.length > 0) entry.variables = variables;
    return entry;
  });
}
