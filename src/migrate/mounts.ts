import type { ServiceVolume } from "../readers/inventory.js";
import { findKind } from "../spec/catalog/services.js";
import type { MountSpec } from "../spec/schema.js";
import type { ServicePlan, Verdict } from "./model.js";

/**
 * Compose's volumes and tmpfs as the stack's mounts. Host folders and files inside the project are
 * mounted (Dagger snapshots them: writes never reach the host). A named volume holding a server's data
 * becomes nothing, since tests want fresh state each run; one holding a cache becomes a Dagger cache
 * volume, kept between runs. Each entry that is not carried over as it was is named in the note.
 */
export interface MountsResult {
  mounts: MountSpec[];
  verdict: Verdict;
}

interface EntryResult {
  mount?: MountSpec;
  /** Why the entry is not carried over as it was; absent when it is. */
  note?: string;
  dropped: boolean;
}

export function convertVolumes(volumes: readonly ServiceVolume[], plan: ServicePlan): MountsResult {
  return combine(volumes.map((volume) => convertVolume(volume, plan)));
}

export function convertTmpfs(paths: readonly string[]): MountsResult {
  return combine(
    paths.map((path): EntryResult => {
      const [target = path, options] = splitOnce(path, ":");
      return options === undefined
        ? { mount: { tmpfs: target }, dropped: false }
        : { mount: { tmpfs: target }, note: `${target}: options ${options} are not kept`, dropped: false };
    }),
  );
}

function convertVolume(volume: ServiceVolume, plan: ServicePlan): EntryResult {
  const { target } = volume;
  if (volume.type === "tmpfs") return { mount: { tmpfs: target }, dropped: false };
  if (volume.type === "bind") return bindMount(volume);
  if (volume.type !== "volume") {
    return { note: `${target}: a ${volume.type} mount has no equivalent in the stack`, dropped: true };
  }
  if (volume.source === undefined) {
    return { note: `${target}: an anonymous volume; the stack starts it empty each run`, dropped: true };
  }
  if (!holdsServerData(plan, target) && isCache(volume.source, target)) {
    const note = `${volume.source} holds a cache: a Dagger cache volume, kept between runs`;
    return { mount: { cache: volume.source, target }, note: withMode(note, volume), dropped: false };
  }
  return {
    note: `${volume.source} holds ${dataOwner(plan, target)} data: nothing, so each run starts from fresh state, as tests want`,
    dropped: true,
  };
}

function bindMount(volume: ServiceVolume): EntryResult {
  const source = volume.source ?? "";
  const { target } = volume;
  if (isOutside(source)) {
    return { note: `${source} is outside the project, so the stack cannot rely on it`, dropped: true };
  }
  if (volume.host === "missing") return { note: `${source} does not exist in the project`, dropped: true };
  const path = source === "." || source.startsWith("./") ? source : `./${source}`;
  const mount: MountSpec =
    volume.host === "file" ? { source: path, target, type: "file" } : { source: path, target };
  return { mount, note: modeNote(volume), dropped: false };
}

function withMode(note: string, volume: ServiceVolume): string {
  const mode = modeNote(volume);
  return mode ? `${note}; ${mode}` : note;
}

function modeNote(volume: ServiceVolume): string | undefined {
  const options = volume.options ?? [];
  return options.length > 0 ? `${volume.target}: mode ${options.join(",")} is not kept` : undefined;
}

/** Paths and names that hold caches, which are worth keeping between runs. */
const CACHE_SEGMENTS = new Set([
  "cache",
  ".cache",
  "caches",
  "node_modules",
  ".npm",
  ".pnpm-store",
  ".yarn",
  ".m2",
  ".gradle",
  ".cargo",
  ".ccache",
]);

function isCache(name: string, target: string): boolean {
  const segments = target.split("/");
  return (
    /cache/i.test(name) ||
    segments.some((segment) => CACHE_SEGMENTS.has(segment)) ||
    target.includes("/go/pkg/mod")
  );
}

/** Whether the target is where a catalog server keeps its data (a volume named "redis-cache" included). */
function holdsServerData(plan: ServicePlan, target: string): boolean {
  const dataPath = plan.catalog ? findKind(plan.kind)?.dataPath : undefined;
  return dataPath !== undefined && (target === dataPath || target.startsWith(`${dataPath}/`));
}

function dataOwner(plan: ServicePlan, target: string): string {
  return holdsServerData(plan, target) ? `${plan.kind}'s` : `${plan.source.name}'s`;
}

function isOutside(source: string): boolean {
  return (
    source.startsWith("/") ||
    source.startsWith("~") ||
    /^[A-Za-z]:[\\/]/.test(source) ||
    source.split(/[\\/]/).includes("..")
  );
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index < 0 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}

function combine(entries: readonly EntryResult[]): MountsResult {
  const mounts = entries.flatMap((entry) => (entry.mount ? [entry.mount] : []));
  const notes = entries.flatMap((entry) => (entry.note ? [entry.note] : []));
  const note = notes.join("; ");
  if (entries.length > 0 && entries.every((entry) => entry.dropped)) {
    return { mounts, verdict: { status: "dropped", note } };
  }
  if (entries.some((entry) => entry.dropped)) return { mounts, verdict: { status: "approximated", note } };
  return { mounts, verdict: note === "" ? { status: "converted" } : { status: "converted", note } };
}
