import type { Port, ServiceVolume } from "../compose/model.js";
import { parsePortShort } from "../compose/ports.js";
import { parseVolumeShort } from "../compose/volumes.js";
import type { LocatedDocument } from "../located-yaml.js";
import { childPointer, pointerOf } from "../pointer.js";
import type { KeyEntry, ReaderWarning, SourceLocation } from "../source.js";
import { type DockerOptions, parseDockerOptions } from "./options.js";

/**
 * The `services:` of each job in one workflow: the containers a project starts today for its integration
 * tests. Values are kept as written, `${{ ... }}` expressions included (listed apart, with the job's
 * matrix values they refer to), and ports, volumes and options are brought to the compose reader's shapes.
 */
export interface GithubService {
  workflow: string;
  job: string;
  name: string;
  declaredAt: SourceLocation;
  keys: KeyEntry[];
  config: GithubServiceConfig;
  /** The `${{ ... }}` expressions the service uses, e.g. "secrets.DB_PASSWORD", "matrix.postgres". */
  expressions: string[];
  /** The job matrix's values for each `matrix.X` the service uses. */
  matrix?: Record<string, unknown[]>;
}

export interface GithubServiceConfig {
  image?: string;
  env?: Record<string, string>;
  ports?: Port[];
  volumes?: ServiceVolume[];
  options?: DockerOptions;
  credentials?: Record<string, string>;
  [key: string]: unknown;
}

export function workflowServices(document: LocatedDocument, warnings: ReaderWarning[]): GithubService[] {
  const jobs = asRecord(document.data.jobs);
  return Object.entries(jobs).flatMap(([job, definition]) => {
    const services = asRecord(asRecord(definition).services);
    const matrix = asRecord(asRecord(asRecord(definition).strategy).matrix);
    return Object.entries(services).flatMap(([name, value]) => {
      const pointer = pointerOf("jobs", job, "services", name);
      const at = document.positions.get(pointer) ?? { file: document.file, line: 1, column: 1 };
      if (!isRecord(value)) {
        warnings.push({
          reader: "github-actions",
          code: "workflow-service-unreadable",
          message: `${document.file}: service ${name} of job ${job} is not a mapping (an expression?); it is not read`,
          at,
        });
        return [];
      }
      return [service(document, job, name, value, matrix, at)];
    });
  });
}

function service(
  document: LocatedDocument,
  job: string,
  name: string,
  value: Record<string, unknown>,
  matrix: Record<string, unknown>,
  declaredAt: SourceLocation,
): GithubService {
  const pointer = pointerOf("jobs", job, "services", name);
  const keys = Object.keys(value).map((key) => ({
    key,
    at: [document.positions.get(childPointer(pointer, key)) ?? declaredAt],
  }));
  const expressions = [...new Set(expressionsIn(value))];
  const result: GithubService = {
    workflow: document.file,
    job,
    name,
    declaredAt,
    keys,
    config: serviceConfig(value),
    expressions,
  };
  const used = matrixValues(expressions, matrix);
  if (used) result.matrix = used;
  return result;
}

function serviceConfig(value: Record<string, unknown>): GithubServiceConfig {
  const config: GithubServiceConfig = { ...value };
  if (value.image !== undefined) config.image = String(value.image);
  if (isRecord(value.env)) config.env = stringValues(value.env);
  if (Array.isArray(value.ports)) config.ports = value.ports.flatMap((port) => portsOf(port));
  if (Array.isArray(value.volumes))
    config.volumes = value.volumes.map((volume) => parseVolumeShort(String(volume)));
  if (typeof value.options === "string") config.options = parseDockerOptions(value.options);
  if (isRecord(value.credentials)) config.credentials = stringValues(value.credentials);
  return config;
}

function portsOf(port: unknown): Port[] {
  const text = String(port);
  // An expression cannot be parsed until GitHub fills it in; keep it as the published side.
  return text.includes("${{") ? [{ target: 0, published: text }] : parsePortShort(text);
}

function stringValues(record: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, String(item ?? "")]));
}

function expressionsIn(value: unknown): string[] {
  if (typeof value === "string")
    return [...value.matchAll(/\$\{\{\s*(.*?)\s*\}\}/g)].map((match) => match[1] ?? "");
  if (Array.isArray(value)) return value.flatMap(expressionsIn);
  if (isRecord(value)) return Object.values(value).flatMap(expressionsIn);
  return [];
}

function matrixValues(expressions: readonly string[], matrix: Record<string, unknown>) {
  const names = expressions.flatMap((expression) =>
    [...expression.matchAll(/\bmatrix\.([\w-]+)/g)].map((m) => m[1] ?? ""),
  );
  const entries = [...new Set(names)]
    .filter((name) => Array.isArray(matrix[name]))
    .map((name) => [name, matrix[name] as unknown[]] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
