import { posix } from "node:path";
import { UsageError } from "../../errors.js";
import { pointerOf } from "../pointer.js";
import type { InterpolatedDocument } from "./interpolate.js";
import { isPlainObject } from "./interpolate.js";
import { extendService, stripTags } from "./merge.js";
import { composeProblem } from "./problems.js";
import { combineTracks, type Tracks, tracksOf } from "./tracks.js";
import { isPath } from "./volumes.js";

/**
 * `extends`, as compose applies it to each file before merging it: the service starts from the service it
 * names (in the same file, or in `file:`, whose relative paths are rebased onto the project folder) and
 * its own keys merge on top with the usual rules. The `extends` key itself stays, so the report can say
 * where the inherited keys came from; the keys inherited keep the lines of the file that wrote them.
 */
export interface ServiceDefinition {
  data: Record<string, unknown>;
  tracks: Tracks;
}

export type LoadDocument = (file: string, from: { file: string; pointer: string }) => InterpolatedDocument;

export function resolveServices(
  document: InterpolatedDocument,
  load: LoadDocument,
): Map<string, ServiceDefinition> {
  const services = servicesOf(document);
  return new Map(Object.keys(services).map((name) => [name, resolve(document, name, load, [])]));
}

function servicesOf(document: InterpolatedDocument): Record<string, unknown> {
  const services = document.data.services;
  return isPlainObject(services) ? services : {};
}

function resolve(
  document: InterpolatedDocument,
  name: string,
  load: LoadDocument,
  chain: readonly string[],
): ServiceDefinition {
  const pointer = pointerOf("services", name);
  const raw = servicesOf(document)[name];
  const data = isPlainObject(raw) ? raw : {};
  const own = tracksOf(document, pointer, data);
  const reference = extendsReference(data.extends);
  if (!reference) return { data, tracks: own };
  const link = `${document.file}#${name}`;
  if (chain.includes(link))
    fail(document, `${pointer}/extends`, `extends itself through ${chain.join(" → ")}`);
  const base = baseDefinition(document, name, reference, load, [...chain, link]);
  const { extends: _, ...baseData } = base.data;
  const baseTracks = new Map(base.tracks);
  baseTracks.delete("extends");
  return {
    data: extendService(stripTags(baseData) as Record<string, unknown>, data),
    tracks: combineTracks(baseTracks, own, data),
  };
}

function baseDefinition(
  document: InterpolatedDocument,
  name: string,
  reference: { service: string; file?: string },
  load: LoadDocument,
  chain: readonly string[],
): ServiceDefinition {
  const pointer = pointerOf("services", name, "extends");
  const source = reference.file
    ? load(posix.join(posix.dirname(document.file), reference.file), { file: document.file, pointer })
    : document;
  if (!(reference.service in servicesOf(source))) {
    fail(document, pointer, `extends service "${reference.service}", which ${source.file} does not define`);
  }
  const base = resolve(source, reference.service, load, chain);
  const folder = posix.relative(posix.dirname(document.file), posix.dirname(source.file));
  return folder === "" ? base : { ...base, data: rebasePaths(base.data, folder) };
}

function extendsReference(value: unknown): { service: string; file?: string } | undefined {
  if (typeof value === "string") return { service: value };
  if (!isPlainObject(value) || typeof value.service !== "string") return undefined;
  return typeof value.file === "string"
    ? { service: value.service, file: value.file }
    : { service: value.service };
}

function fail(document: InterpolatedDocument, pointer: string, message: string): never {
  throw new UsageError(composeProblem(document.file, document.positions, pointer, message), document.file);
}

/** Relative paths of a service read from a file in another folder, rewritten relative to this one. */
function rebasePaths(service: Record<string, unknown>, folder: string): Record<string, unknown> {
  const result = { ...service };
  if (typeof result.build === "string") result.build = rebase(folder, result.build);
  if (isPlainObject(result.build) && typeof result.build.context === "string") {
    result.build = { ...result.build, context: rebase(folder, result.build.context) };
  }
  for (const key of ["env_file", "label_file"]) {
    if (key in result) result[key] = rebaseFileList(result[key], folder);
  }
  if (Array.isArray(result.volumes))
    result.volumes = result.volumes.map((volume) => rebaseVolume(volume, folder));
  return result;
}

function rebaseFileList(value: unknown, folder: string): unknown {
  const one = (entry: unknown) => {
    if (typeof entry === "string") return rebase(folder, entry);
    if (isPlainObject(entry) && typeof entry.path === "string")
      return { ...entry, path: rebase(folder, entry.path) };
    return entry;
  };
  return Array.isArray(value) ? value.map(one) : one(value);
}

function rebaseVolume(volume: unknown, folder: string): unknown {
  if (typeof volume === "string") {
    const [source, ...rest] = volume.split(":");
    return source && rest.length > 0 && isRelative(source)
      ? [rebase(folder, source), ...rest].join(":")
      : volume;
  }
  if (isPlainObject(volume) && volume.type === "bind" && typeof volume.source === "string") {
    return { ...volume, source: rebase(folder, volume.source) };
  }
  return volume;
}

function isRelative(path: string): boolean {
  return isPath(path) && path.startsWith(".");
}

export function rebase(folder: string, path: string): string {
  if (!isPath(path) && path.includes("://")) return path;
  if (posix.isAbsolute(path) || path.startsWith("~")) return path;
  const joined = posix.normalize(posix.join(folder, path));
  return joined.startsWith(".") ? joined : `./${joined}`;
}
