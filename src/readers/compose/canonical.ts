import { posix } from "node:path";
import { isPlainObject } from "./interpolate.js";
import type {
  BuildConfig,
  Dependency,
  DependencyCondition,
  EnvFile,
  Healthcheck,
  Port,
  ResourceMount,
  ServiceConfig,
  ServiceVolume,
} from "./model.js";
import { parsePortShort } from "./ports.js";
import { shellWords } from "./shell-words.js";
import { parseVolumeShort } from "./volumes.js";

/**
 * A validated service in compose's long form, so the converter reads one shape per key whatever the file
 * used: `ports: ["8080:80"]` and `ports: [{target: 80, published: "8080"}]` come out the same. Keys
 * without a long form keep their value. Relative paths are made relative to the project folder.
 */
type Canonicalizer = (value: unknown, workingDir: string) => unknown;

const CANONICAL: Readonly<Record<string, Canonicalizer>> = {
  build: canonicalBuild,
  command: canonicalCommand,
  entrypoint: canonicalCommand,
  environment: (value) => assignments(value),
  env_file: canonicalEnvFiles,
  ports: (value) => list(value).flatMap(canonicalPort),
  expose: (value) => list(value).map(String),
  volumes: (value, workingDir) => list(value).map((entry) => canonicalVolume(entry, workingDir)),
  tmpfs: (value) => list(value).map(String),
  healthcheck: canonicalHealthcheck,
  depends_on: canonicalDependsOn,
  profiles: (value) => list(value).map(String),
  secrets: (value) => list(value).map((entry) => canonicalMount(entry, "/run/secrets/")),
  configs: (value) => list(value).map((entry) => canonicalMount(entry, "/")),
  labels: (value) => stringsOnly(assignments(value)),
  networks: canonicalNetworks,
  extends: (value) => (typeof value === "string" ? { service: value } : value),
};

/** `workingDir`: the folder of the first compose file, relative to the project, which paths start from. */
export function canonicalService(data: Record<string, unknown>, workingDir: string): ServiceConfig {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, CANONICAL[key]?.(value, workingDir) ?? value]),
  ) as ServiceConfig;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** `KEY=value` lists and mappings as one mapping; a bare `KEY` (or a null value) stays null. */
export function assignments(value: unknown): Record<string, string | null> {
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        item === null || item === undefined ? null : String(item),
      ]),
    );
  }
  const result: Record<string, string | null> = {};
  for (const entry of list(value).map(String)) {
    const separator = entry.indexOf("=");
    if (separator < 0) result[entry] = null;
    else result[entry.slice(0, separator)] = entry.slice(separator + 1);
  }
  return result;
}

function stringsOnly(values: Record<string, string | null>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value ?? ""]));
}

function canonicalCommand(value: unknown): string[] | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? shellWords(value) : list(value).map(String);
}

function canonicalBuild(value: unknown, workingDir: string): BuildConfig {
  const build = typeof value === "string" ? { context: value } : isPlainObject(value) ? { ...value } : {};
  const result: BuildConfig = { ...build, context: projectPath(String(build.context ?? "."), workingDir) };
  if ("args" in build) result.args = assignments(build.args);
  return result;
}

function canonicalEnvFiles(value: unknown, workingDir: string): EnvFile[] {
  return list(value).map((entry) => {
    const file = isPlainObject(entry) ? entry : { path: entry };
    const result: EnvFile = {
      path: projectPath(String(file.path), workingDir),
      required: file.required === undefined ? true : file.required === true,
      found: false,
    };
    if (typeof file.format === "string") result.format = file.format;
    return result;
  });
}

function canonicalPort(entry: unknown): Port[] {
  if (!isPlainObject(entry)) return parsePortShort(entry as string | number);
  const port: Port = { target: Number(entry.target) };
  if (entry.published !== undefined && entry.published !== null) port.published = String(entry.published);
  for (const key of ["host_ip", "protocol", "app_protocol", "mode", "name"] as const) {
    const item = entry[key];
    if (typeof item === "string") port[key] = item;
  }
  return [port];
}

function canonicalVolume(entry: unknown, workingDir: string): ServiceVolume {
  const volume: ServiceVolume =
    typeof entry === "string" ? parseVolumeShort(entry) : ({ ...(entry as object) } as ServiceVolume);
  if (volume.type === "bind" && typeof volume.source === "string") {
    volume.source = projectPath(volume.source, workingDir);
  }
  return volume;
}

function canonicalHealthcheck(value: unknown): Healthcheck {
  const check = isPlainObject(value) ? { ...value } : {};
  const { test } = check;
  if (typeof test === "string") check.test = ["CMD-SHELL", test];
  else if (Array.isArray(test)) check.test = test.map(String);
  return check as Healthcheck;
}

function canonicalDependsOn(value: unknown): Record<string, Dependency> {
  if (!isPlainObject(value)) {
    return Object.fromEntries(list(value).map((name) => [String(name), started()]));
  }
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => {
      const entry = isPlainObject(item) ? item : {};
      const dependency: Dependency = {
        condition: (entry.condition as DependencyCondition | undefined) ?? "service_started",
        required: entry.required === undefined ? true : entry.required === true,
      };
      if (typeof entry.restart === "boolean") dependency.restart = entry.restart;
      return [name, dependency];
    }),
  );
}

function started(): Dependency {
  return { condition: "service_started", required: true };
}

function canonicalMount(entry: unknown, folder: string): ResourceMount {
  if (!isPlainObject(entry)) return { source: String(entry), target: `${folder}${String(entry)}` };
  const source = String(entry.source);
  const target = typeof entry.target === "string" ? entry.target : source;
  const mount: ResourceMount = { source, target: target.startsWith("/") ? target : `${folder}${target}` };
  for (const key of ["uid", "gid"] as const) if (entry[key] !== undefined) mount[key] = String(entry[key]);
  if (entry.mode !== undefined) mount.mode = entry.mode as number | string;
  return mount;
}

function canonicalNetworks(value: unknown): Record<string, Record<string, unknown> | null> {
  if (isPlainObject(value)) return value as Record<string, Record<string, unknown> | null>;
  return Object.fromEntries(list(value).map((name) => [String(name), null]));
}

/**
 * A path from a compose file (relative to `workingDir`) made relative to the project folder with `/`
 * separators (`./db/init` → `db/init`, `.` stays `.`); absolute paths, `~` and URLs are kept.
 */
export function projectPath(path: string, workingDir = "."): string {
  if (
    path.includes("://") ||
    posix.isAbsolute(path) ||
    path.startsWith("~") ||
    /^[a-zA-Z]:[\\/]/.test(path)
  ) {
    return path;
  }
  return posix.join(workingDir, path.replaceAll("\\", "/")).replace(/\/$/, "") || ".";
}
