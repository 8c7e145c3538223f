import { UsageError } from "../../errors.js";
import { pointerOf } from "../pointer.js";
import type { ReaderWarning, SourceLocation } from "../source.js";
import { canonicalService, projectPath } from "./canonical.js";
import { DotenvError, parseDotenv } from "./dotenv.js";
import { isPlainObject } from "./interpolate.js";
import type { ComposeLoadInput, ComposeLoadResult } from "./load.js";
import type { ComposeInventory, ComposeResource, ComposeService, EnvFile, ServiceConfig } from "./model.js";
import { keyEntries, type Tracks, type VariableRecord } from "./tracks.js";
import { collectVariables } from "./variables.js";

/**
 * The merged model made into the inventory: profiles decide which services are active, every key gets
 * its long form, env files are read (their values, for the converter to sort into secrets and plain
 * settings), bind mount sources and secret files are looked up (never read), and the variables used
 * are listed with what became of each.
 */
export interface ServiceState {
  declaredAt: SourceLocation;
  tracks: Tracks;
}

export interface FinishInput {
  input: ComposeLoadInput;
  data: Record<string, unknown>;
  services: ReadonlyMap<string, ServiceState>;
  topTracks: Tracks;
  /** Where the merged model's value at a JSON pointer was written (or its closest parent). */
  locate: (pointer: string) => SourceLocation | undefined;
}

export function finishProject({ input, data, services, topTracks, locate }: FinishInput): ComposeLoadResult {
  const warnings: ReaderWarning[] = [];
  const passthrough: VariableRecord[] = [];
  const merged = isPlainObject(data.services) ? data.services : {};
  const selected = new Set(input.profiles);
  const inventoryServices = [...services].map(([name, state]) => {
    const raw = merged[name];
    const config = canonicalService(isPlainObject(raw) ? raw : {}, input.workingDir);
    passthrough.push(...resolvePassthrough(name, config, state, input, locate));
    readEnvFiles(config, input);
    lookUpBindSources(config, input);
    return service(name, state, config, selected);
  });
  const secrets = resources(data.secrets, "secrets", inventoryServices, input);
  const configs = resources(data.configs, "configs", inventoryServices, input);
  const records = [
    ...[topTracks, ...[...services.values()].map((state) => state.tracks)].flatMap(trackUses),
    ...passthrough,
    ...resourceVariables({ secrets, configs }, topTracks, input),
  ];
  const variables = collectVariables(records, input.variables, warnings);
  warnings.push(...serviceWarnings(inventoryServices, secrets, configs), ...includeWarnings(data, topTracks));
  const inventory: ComposeInventory = {
    files: [...input.files],
    envFiles: [...input.envFiles],
    profiles: { selected: [...input.profiles], declared: declaredProfiles(inventoryServices) },
    keys: keyEntries(topTracks),
    services: inventoryServices,
    secrets,
    configs,
    volumes: namedMappings(data.volumes),
    networks: namedMappings(data.networks),
    variables,
  };
  if (typeof data.name === "string") inventory.name = data.name;
  return { inventory, warnings };
}

/** `include:` pulls in other compose projects; this reader does not follow it, and says so. */
function includeWarnings(data: Record<string, unknown>, topTracks: Tracks): ReaderWarning[] {
  if (!Array.isArray(data.include)) return [];
  const paths = data.include.flatMap((entry) => {
    const path = isPlainObject(entry) ? entry.path : entry;
    return Array.isArray(path) ? path.map(String) : [String(path)];
  });
  return [
    {
      reader: "compose",
      code: "include-not-read",
      message: `include: ${paths.join(", ")} is not read; name those files with -f to carry their services over`,
      at: topTracks.get("include")?.at[0],
      key: "include",
    },
  ];
}

function service(
  name: string,
  state: ServiceState,
  config: ServiceConfig,
  selected: ReadonlySet<string>,
): ComposeService {
  const profiles = config.profiles ?? [];
  const active =
    profiles.length === 0 || selected.has("*") || profiles.some((profile) => selected.has(profile));
  const result: ComposeService = {
    name,
    declaredAt: state.declaredAt,
    status: active ? "active" : "skipped",
    keys: keyEntries(state.tracks),
    config,
  };
  if (!active) {
    result.reason = `${profiles.length === 1 ? "profile" : "profiles"} ${profiles.join(", ")} not selected`;
  }
  return result;
}

/** `environment: [NAME]` or `NAME:` with no value takes the variable from compose's environment. */
function resolvePassthrough(
  name: string,
  config: ServiceConfig,
  state: ServiceState,
  input: ComposeLoadInput,
  locate: FinishInput["locate"],
): VariableRecord[] {
  const environment = config.environment ?? {};
  const keyAt = state.tracks.get("environment")?.at.at(-1);
  const records: VariableRecord[] = [];
  for (const [variable, value] of Object.entries(environment)) {
    if (value !== null || !keyAt) continue;
    const found = input.variables.get(variable);
    if (found) environment[variable] = found.value;
    const pointer = pointerOf("services", name, "environment", variable);
    records.push({
      name: variable,
      outcome: found ? "set" : "unset",
      pointer,
      at: locate(pointer) ?? keyAt,
      passthrough: true,
    });
  }
  return records;
}

function trackUses(tracks: Tracks): VariableRecord[] {
  return [...tracks.values()].flatMap((track) => track.uses);
}

/** `secrets: {x: {environment: NAME}}` reads NAME from compose's environment. */
function resourceVariables(
  declared: Record<"secrets" | "configs", Record<string, ComposeResource>>,
  topTracks: Tracks,
  input: ComposeLoadInput,
): VariableRecord[] {
  return (["secrets", "configs"] as const).flatMap((key) => {
    const at = topTracks.get(key)?.at.at(-1);
    if (!at) return [];
    return Object.entries(declared[key])
      .filter(([, resource]) => resource.environment !== undefined)
      .map(([name, resource]) => ({
        name: resource.environment ?? "",
        outcome: input.variables.has(resource.environment ?? "") ? ("set" as const) : ("unset" as const),
        pointer: `/${key}/${name}/environment`,
        at,
      }));
  });
}

function readEnvFiles(config: ServiceConfig, input: ComposeLoadInput): void {
  for (const envFile of config.env_file ?? []) readEnvFile(envFile, input);
}

function readEnvFile(envFile: EnvFile, input: ComposeLoadInput): void {
  const text = input.project.read(envFile.path);
  if (text === undefined) return;
  envFile.found = true;
  if (envFile.format === "raw") {
    envFile.values = rawEnvFile(text);
    return;
  }
  try {
    const entries = parseDotenv(text, (name) => input.variables.get(name)?.value);
    envFile.values = Object.fromEntries([...entries].map(([key, entry]) => [key, entry.value]));
  } catch (error) {
    if (!(error instanceof DotenvError)) throw error;
    throw new UsageError(
      {
        path: `${envFile.path}:${error.line}`,
        message: error.message,
        hint: "env files hold KEY=value lines",
      },
      envFile.path,
    );
  }
}

/** `format: raw`: each line is KEY=value taken literally (no quotes, comments or substitution). */
function rawEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf("=");
    if (separator > 0) values[line.slice(0, separator)] = line.slice(separator + 1);
  }
  return values;
}

function lookUpBindSources(config: ServiceConfig, input: ComposeLoadInput): void {
  for (const volume of config.volumes ?? []) {
    const source = volume.source;
    if (volume.type !== "bind" || source === undefined || /^(\/|~|[a-zA-Z]:)/.test(source)) continue;
    volume.host = input.project.kind(source);
  }
}

function resources(
  value: unknown,
  key: "secrets" | "configs",
  services: readonly ComposeService[],
  input: ComposeLoadInput,
): Record<string, ComposeResource> {
  const declared = isPlainObject(value) ? value : {};
  return Object.fromEntries(
    Object.entries(declared).map(([name, raw]) => {
      const entry = isPlainObject(raw) ? raw : {};
      const resource: ComposeResource = { usedBy: usersOf(name, key, services) };
      if (typeof entry.file === "string") {
        resource.file = projectPath(entry.file, input.workingDir);
        resource.found = input.project.kind(resource.file) === "file";
      }
      for (const field of ["environment", "content", "name"] as const) {
        if (typeof entry[field] === "string") resource[field] = entry[field];
      }
      if (typeof entry.external === "boolean") resource.external = entry.external;
      return [name, resource];
    }),
  );
}

function usersOf(name: string, key: "secrets" | "configs", services: readonly ComposeService[]): string[] {
  return services
    .filter((service) => (service.config[key] ?? []).some((mount) => mount.source === name))
    .map((service) => service.name);
}

function namedMappings(value: unknown): Record<string, Record<string, unknown>> {
  const declared = isPlainObject(value) ? value : {};
  return Object.fromEntries(
    Object.entries(declared).map(([name, entry]) => [name, isPlainObject(entry) ? entry : {}]),
  );
}

function declaredProfiles(services: readonly ComposeService[]): string[] {
  return [...new Set(services.flatMap((service) => service.config.profiles ?? []))].sort();
}

function serviceWarnings(
  services: readonly ComposeService[],
  secrets: Record<string, ComposeResource>,
  configs: Record<string, ComposeResource>,
): ReaderWarning[] {
  return [
    ...services.flatMap(skippedDependencies(services)),
    ...services.flatMap(missingEnvFiles),
    ...missingResourceFiles(secrets, "secret"),
    ...missingResourceFiles(configs, "config"),
  ];
}

function skippedDependencies(services: readonly ComposeService[]) {
  const skipped = new Map(
    services.filter((service) => service.status === "skipped").map((service) => [service.name, service]),
  );
  return (service: ComposeService): ReaderWarning[] => {
    if (service.status === "skipped") return [];
    return Object.keys(service.config.depends_on ?? {})
      .filter((dependency) => skipped.has(dependency))
      .map((dependency) => ({
        reader: "compose",
        code: "dependency-skipped",
        message: `${service.name} depends on ${dependency}, which is skipped (${skipped.get(dependency)?.reason})`,
        service: service.name,
        key: "depends_on",
        at: service.keys.find((entry) => entry.key === "depends_on")?.at.at(-1),
      }));
  };
}

function missingEnvFiles(service: ComposeService): ReaderWarning[] {
  return (service.config.env_file ?? [])
    .filter((envFile) => !envFile.found && envFile.required)
    .map((envFile) => ({
      reader: "compose",
      code: "env-file-missing",
      message: `${service.name} reads ${envFile.path}, which does not exist; its variables are unknown`,
      service: service.name,
      key: "env_file",
      at: service.keys.find((entry) => entry.key === "env_file")?.at.at(-1),
    }));
}

function missingResourceFiles(resources: Record<string, ComposeResource>, what: string): ReaderWarning[] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.file !== undefined && !resource.found)
    .map(([name, resource]) => ({
      reader: "compose",
      code: `${what}-file-missing`,
      message: `${what} ${name} reads ${resource.file}, which does not exist`,
      key: `${what}s`,
    }));
}
