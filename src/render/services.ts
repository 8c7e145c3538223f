import { type NormalizedService, protocolOf } from "../spec/model.js";

/**
 * What every language's renderer says about a service: its one-line summary, the smoke test that proves
 * it works, the checks of a container that is not a service, and its URL written from the kind's shape.
 */

/** `db: postgres 16 with pgvector, postgis`, and ` from <image>` for a custom one. */
export function summaryOf(service: NormalizedService): string {
  const version = service.version ? ` ${service.version}` : "";
  const extensions = service.extensions.length
    ? ` with ${service.extensions.map((e) => e.id).join(", ")}`
    : "";
  const origin = service.build ? ` built from ${service.build.context}` : ` from ${service.image}`;
  const image = service.kind.source === "custom" ? origin : "";
  return `${service.name}: ${service.kind.kind}${version}${extensions}${image}`;
}

/** Which smoke template proves a service works, by the protocol a client speaks to it. */
const SMOKE_TEMPLATES = {
  postgres: "postgres",
  redis: "redis",
  mysql: "mysql",
  mongodb: "mongodb",
  http: "http",
  tcp: "tcp",
  none: "container",
} as const;

/** The name of the smoke template for a service; each language keeps its templates in its own folder. */
export function smokeTemplateName(service: NormalizedService): string {
  return SMOKE_TEMPLATES[protocolOf(service)];
}

/** For a container that is not a service: its packages are installed and its folders mounted. */
export function containerChecks(service: NormalizedService): { note: string; args: string[] }[] {
  const checks: { note: string; args: string[] }[] = [];
  if (service.packages.apt.length > 0) {
    checks.push({
      note: "Its system packages are installed.",
      args: ["dpkg", "-s", ...service.packages.apt],
    });
  }
  if (service.packages.pip.length > 0) {
    checks.push({
      note: "Its Python packages are installed.",
      args: ["pip", "show", ...service.packages.pip],
    });
  }
  for (const mount of service.mounts) {
    checks.push({
      note: `${mount.target} is mounted.`,
      args: ["test", mount.type === "file" ? "-f" : "-d", mount.target],
    });
  }
  return checks;
}

/**
 * A URL shape (`postgresql://{user}:{password}@{host}:{port}`) written in a language: `literal` writes the
 * text between placeholders, `placeholder` each `{field}`. `fields` are the config values the URL reads,
 * each once; host and port are not among them (they come from where the service is reached).
 */
export function writeUrlShape(
  shape: string,
  write: { literal(text: string): string; placeholder(field: string): string },
): { text: string; fields: string[] } {
  const fields: string[] = [];
  const text = shape
    .split(/(\{[a-zA-Z]+\})/)
    .map((part) => {
      const field = /^\{([a-zA-Z]+)\}$/.exec(part)?.[1];
      if (field === undefined) return write.literal(part);
      if (field !== "host" && field !== "port" && !fields.includes(field)) fields.push(field);
      return write.placeholder(field);
    })
    .join("");
  return { text, fields };
}
