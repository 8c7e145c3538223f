import type { Port } from "../readers/inventory.js";
import { findKind } from "../spec/catalog/services.js";
import type { PortSpec } from "../spec/schema.js";
import { environmentEntries } from "./environment.js";
import { type CatalogMatch, catalogMatch } from "./images.js";
import type { ServicePlan, SourceService } from "./model.js";

/**
 * What the converter decides about every carried-over service before it converts any key, because keys
 * of one service depend on others: an app's DATABASE_URL is rebuilt from the database's login, a
 * dependency with `service_completed_successfully` makes its target a one-shot job.
 */
export function planService(
  source: SourceService,
  name: string,
  sources: readonly SourceService[],
): ServicePlan {
  const catalog = catalogOf(source);
  const kind = catalog?.kind ?? "custom";
  const job = sources.some(
    (other) => other.config.depends_on?.[source.name]?.condition === "service_completed_successfully",
  );
  const plan: ServicePlan = {
    source,
    name,
    kind,
    job,
    ports: job ? [] : portsOf(source),
    hosts: hostsOf(source),
  };
  if (catalog) plan.catalog = catalog;
  Object.assign(plan, loginOf(source, kind));
  return plan;
}

function catalogOf(source: SourceService): CatalogMatch | undefined {
  if (source.proposal) return { kind: source.proposal.kind, extensions: [...source.proposal.extensions] };
  const image = resolvedImage(source).image;
  return image === undefined ? undefined : catalogMatch(image);
}

/**
 * The image as written, with a workflow's `${{ matrix.X }}` filled in by the matrix's last value (the
 * newest, as matrices are usually written); other expressions leave no image to read.
 */
export function resolvedImage(source: SourceService): { image?: string; matrix?: string } {
  const image = source.config.image;
  if (image === undefined || !image.includes("${{")) return { image };
  let matrix: string | undefined;
  const filled = image.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (whole, key: string) => {
    const values = source.matrix?.[key];
    const last = values?.at(-1);
    if (last === undefined) return whole;
    matrix = `the job's matrix runs ${key} ${values?.map(String).join(", ")}; the stack uses ${String(last)}`;
    return String(last);
  });
  return filled.includes("${{") ? {} : { image: filled, ...(matrix && { matrix }) };
}

/**
 * The ports compose publishes or exposes. A Dockerfile's EXPOSE is not read: a worker built from the
 * app's Dockerfile inherits it without listening, and the stack would wait for it forever.
 */
function portsOf(source: SourceService): PortSpec[] {
  const published = (source.config.ports ?? []).filter((port) => port.target > 0).map(portSpec);
  const exposed = (source.config.expose ?? []).flatMap((text) => {
    const port = Number.parseInt(text, 10);
    return Number.isInteger(port) && port > 0 ? [{ container: port }] : [];
  });
  const ports = [...published];
  for (const port of exposed) {
    if (!ports.some((known) => known.container === port.container)) ports.push(port);
  }
  return ports;
}

function portSpec(port: Port): PortSpec {
  const spec: PortSpec = { container: port.target };
  const host = port.published === undefined ? Number.NaN : Number.parseInt(port.published, 10);
  if (Number.isInteger(host) && host > 0) spec.host = host;
  if (port.protocol === "udp") spec.protocol = "udp";
  return spec;
}

function hostsOf(source: SourceService): string[] {
  const { hostname, container_name: containerName, networks } = source.config;
  const aliases = Object.values(networks ?? {}).flatMap((network) =>
    Array.isArray(network?.aliases) ? network.aliases.map(String) : [],
  );
  return [...new Set([source.name, ...[hostname, containerName].filter(isText).map(String), ...aliases])];
}

function isText(value: unknown): boolean {
  return typeof value === "string" && value !== "";
}

/**
 * A catalog database's login as compose gives it: its user and database variables, and for Postgres the
 * image's own defaults (user postgres, a database named after the user), which the stack's defaults
 * (database app) would otherwise change.
 */
const IMAGE_LOGIN_DEFAULTS: Readonly<Record<string, { user: string; databaseIsUser: boolean }>> = {
  postgres: { user: "postgres", databaseIsUser: true },
};

function loginOf(source: SourceService, kind: string): Pick<ServicePlan, "user" | "database" | "password"> {
  const credentials = findKind(kind)?.credentials;
  if (!credentials) return {};
  const env = new Map(environmentEntries(source).map((entry) => [entry.name, entry.value]));
  // A proposal from dependencies has no image of its own: the stack's defaults are the only ones.
  const defaults = source.proposal ? undefined : IMAGE_LOGIN_DEFAULTS[kind];
  const user = (credentials.userEnv && env.get(credentials.userEnv)) || defaults?.user;
  const database =
    (credentials.databaseEnv && env.get(credentials.databaseEnv)) ||
    (defaults?.databaseIsUser ? user : undefined);
  const password = env.get(credentials.passwordEnv);
  return {
    ...(user && { user }),
    ...(database && { database }),
    ...(password && { password }),
  };
}

/**
 * A container of its own image with no port in the compose files (`ports` or `expose`): the stack runs
 * it as a container, not as a service, so nothing can wait for it, check its health or reach it by name.
 */
export function listensOnNoPort(plan: ServicePlan): boolean {
  return !plan.job && plan.kind === "custom" && plan.ports.length === 0;
}
