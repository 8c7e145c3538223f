import type { PostgresExtension } from "../spec/catalog/extensions.js";
import { isService, type NormalizedService, type NormalizedStack, serviceByName } from "../spec/model.js";

/**
 * How each container is built, as language-neutral data. The TypeScript and Python renderers turn the
 * same steps into a method chain, so the rules (secrets for credentials, packages before config, one
 * `apt-get update && install` exec, cache volumes for package caches) live in one place.
 */
export type Value =
  | { type: "text"; text: string }
  /** A field of this service's config, e.g. `database`. */
  | { type: "config"; field: string }
  /** The in-stack URL of a dependency (its alias and container port). */
  | { type: "internalUrl"; service: string };

export type Step =
  | { op: "aptInstall"; packages: string[]; comment?: string }
  | { op: "pipInstall"; packages: string[]; comment?: string }
  | { op: "env"; name: string; value: Value; comment?: string }
  /** A secret made at run time from a value: named `<namespace>/<secretName>`; names cannot contain `/`. */
  | { op: "secretEnv"; name: string; secretName: string; value: Value; comment?: string }
  /** A credential read from the caller's environment (`env://VAR`). */
  | { op: "hostSecretEnv"; name: string; variable: string; comment?: string }
  | { op: "bind"; alias: string; service: string; comment?: string }
  | { op: "mount"; source: string; target: string; comment?: string }
  | { op: "args"; args: string[]; comment?: string }
  | { op: "expose"; port: Value; comment?: string };

export type Origin =
  | { from: "image"; image: Value; comment?: string }
  | { from: "dockerfile"; context: Value; dockerfile: Value; comment?: string };

export interface BuilderModel {
  service: NormalizedService;
  origin: Origin;
  steps: Step[];
  /** Config fields the chain reads; renderers destructure exactly these. */
  fields: string[];
}

const config = (field: string): Value => ({ type: "config", field });
const text = (value: string): Value => ({ type: "text", text: value });

export function builderModel(stack: NormalizedStack, service: NormalizedService): BuilderModel {
  const steps = [
    ...packageSteps(service),
    ...credentialSteps(service),
    ...dependencySteps(stack, service),
    ...userEnvSteps(service),
    ...mountSteps(service),
    ...argsSteps(service),
    ...exposeSteps(service),
  ];
  const origin = originOf(service);
  return { service, origin, steps, fields: fieldsRead(origin, steps) };
}

function originOf(service: NormalizedService): Origin {
  if (service.build) {
    return {
      from: "dockerfile",
      context: config("context"),
      dockerfile: config("dockerfile"),
      comment: "Built from the project's own Dockerfile; the Dagger engine caches its layers.",
    };
  }
  const viaImage = service.extensions.find((extension) => extension.install.via === "image");
  return {
    from: "image",
    image: config("image"),
    comment: viaImage
      ? `A ready image for ${viaImage.id}: ParadeDB ships pg_search as images and .deb files. The seed's \`cargo build\` inside postgres:16 cannot work: that image has no Rust toolchain.`
      : "A pinned tag, never `latest`: the same version on every machine and in CI.",
  };
}

function packageSteps(service: NormalizedService): Step[] {
  const steps: Step[] = [];
  const apt = [...aptPackagesForExtensions(service), ...service.packages.apt];
  if (apt.length > 0) {
    const provided = providedByImage(service);
    const fromExtensions = service.extensions.filter(
      (extension) => extension.install.via === "apt" && !provided.has(extension.id),
    );
    steps.push({
      op: "aptInstall",
      packages: apt,
      comment:
        fromExtensions.length > 0
          ? `${fromExtensions.map((extension) => extension.id).join(", ")} from the PGDG apt repository the image already carries: packages install in seconds, no source build.`
          : "System packages; update and install in one step so a cached update never goes stale.",
    });
  }
  if (service.packages.pip.length > 0) {
    steps.push({
      op: "pipInstall",
      packages: service.packages.pip,
      comment: "Python packages, with pip's cache kept in a cache volume.",
    });
  }
  return steps;
}

/** Extensions already in the base image (ParadeDB's image carries pgvector). */
function providedByImage(service: NormalizedService): Set<string> {
  return new Set(
    service.extensions.flatMap((extension) =>
      extension.install.via === "image" ? extension.install.provides : [],
    ),
  );
}

function aptPackagesForExtensions(service: NormalizedService): string[] {
  const provided = providedByImage(service);
  const major = Number(service.version);
  return service.extensions.flatMap((extension: PostgresExtension) =>
    extension.install.via === "apt" && !provided.has(extension.id) ? extension.install.packages(major) : [],
  );
}

function credentialSteps(service: NormalizedService): Step[] {
  const credentials = service.kind.credentials;
  if (!credentials) return [];
  const steps: Step[] = [];
  if (credentials.userEnv) steps.push({ op: "env", name: credentials.userEnv, value: config("user") });
  if (credentials.databaseEnv)
    steps.push({ op: "env", name: credentials.databaseEnv, value: config("database") });
  steps.push({
    op: "secretEnv",
    name: credentials.passwordEnv,
    secretName: `${service.name}/password`,
    value: config("password"),
    comment: "A Dagger secret, not an env variable: plain env values end up in IDs, cache keys and traces.",
  });
  return steps;
}

function dependencySteps(stack: NormalizedStack, service: NormalizedService): Step[] {
  return service.dependsOn.flatMap((name): Step[] => {
    const dependency = serviceByName(stack, name);
    const variable = `${dependency.names.constant}_URL`;
    const url: Value = { type: "internalUrl", service: name };
    const bind: Step = {
      op: "bind",
      alias: name,
      service: name,
      comment: `"${name}" resolves to the ${name} service only inside this container.`,
    };
    const urlStep: Step = dependency.kind.credentials
      ? { op: "secretEnv", name: variable, secretName: `${service.name}/${name}-url`, value: url }
      : { op: "env", name: variable, value: url };
    return [bind, urlStep];
  });
}

function userEnvSteps(service: NormalizedService): Step[] {
  return service.env.map(
    (entry): Step =>
      entry.fromHostEnv
        ? {
            op: "hostSecretEnv",
            name: entry.name,
            variable: entry.value,
            comment: `Read from $${entry.value} where the stack runs.`,
          }
        : { op: "env", name: entry.name, value: text(entry.value) },
  );
}

function mountSteps(service: NormalizedService): Step[] {
  return service.mounts.map((mount): Step => ({ op: "mount", source: mount.source, target: mount.target }));
}

function argsSteps(service: NormalizedService): Step[] {
  const settings = service.extensions.flatMap((extension) =>
    Object.entries(extension.settings).map(
      ([key, value]) => `${key}=${value.replace("{database}", service.database ?? "")}`,
    ),
  );
  const preload = service.extensions.flatMap((extension) => extension.preload);
  if (preload.length > 0) settings.unshift(`shared_preload_libraries=${preload.join(",")}`);
  if (settings.length > 0) {
    return [
      {
        op: "args",
        args: ["postgres", ...settings.flatMap((setting) => ["-c", setting])],
        comment: "Server settings the extensions need before CREATE EXTENSION works.",
      },
    ];
  }
  return service.command.length > 0 ? [{ op: "args", args: service.command }] : [];
}

function exposeSteps(service: NormalizedService): Step[] {
  if (!isService(service)) return [];
  return [
    {
      op: "expose",
      port: config("port"),
      comment: `Ready when the port accepts connections: ${service.kind.readiness}.`,
    },
  ];
}

function fieldsRead(origin: Origin, steps: Step[]): string[] {
  const values: Value[] = origin.from === "image" ? [origin.image] : [origin.context, origin.dockerfile];
  for (const step of steps) {
    if ("value" in step) values.push(step.value);
    if (step.op === "expose") values.push(step.port);
  }
  const fields = values.flatMap((value) => (value.type === "config" ? [value.field] : []));
  return [...new Set(fields)];
}
