import type { Problem } from "../errors.js";
import { choicesHint } from "../util/did-you-mean.js";
import { findExtension, POSTGRES_EXTENSIONS } from "./catalog/extensions.js";
import { findKind, type KindOption, kindNames, type ServiceKind } from "./catalog/services.js";
import { checkGeneratedNames, checkProjectTypes } from "./identifiers.js";
import { namesOf, SERVICE_NAME, suggestName } from "./names.js";
import { containerPathProblem, dockerfilePathProblem, hostPathProblem, type PathProblem } from "./paths.js";
import { RESERVED_NAMES } from "./reserved.js";
import type { ServiceSpec, StackSpec } from "./schema.js";
import { ANY_KIND, checkFeatures } from "./validate-features.js";
import { checkReferences, listens } from "./validate-references.js";

/**
 * Cross-field checks on a parsed spec. Returns every problem found, each with its spec path and a hint;
 * an empty list means normalize() may run.
 */
const PROJECT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const FIXTURE_NAME = /^[a-z][a-z0-9_]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FROM_HOST_ENV = /^env:\/\/[A-Za-z_][A-Za-z0-9_]*$/;

const OPTION_FIELDS: Readonly<Record<KindOption, keyof ServiceSpec>> = {
  version: "version",
  extensions: "extensions",
  database: "database",
  user: "user",
  build: "build",
  image: "image",
  packages: "packages",
  mounts: "mounts",
  command: "command",
  healthPath: "healthPath",
};

export function validateSpec(spec: StackSpec): Problem[] {
  return [
    ...checkProjectName(spec.name),
    ...checkServices(spec),
    ...checkPorts(spec.services),
    ...checkReferences(spec),
    ...checkFeatures(spec),
    ...checkMatrix(spec),
    ...checkGeneratedNames(spec),
    ...checkRuntimeVersions(spec.nodeVersions, "nodeVersions", "Node", "20, 22"),
    ...checkRuntimeVersions(spec.pythonVersions, "pythonVersions", "Python", "3.11, 3.12"),
    ...checkModule(spec),
  ];
}

/** The Dagger module (`module: true`): each service's function must not clash with the object's own. */
function checkModule(spec: StackSpec): Problem[] {
  return spec.module ? checkModuleFunctionNames(spec.services) : [];
}

/** The module's object already has these members beside one function per service. */
const MODULE_MEMBERS = new Set(["test", "stack", "password", "constructor"]);

function checkModuleFunctionNames(services: readonly ServiceSpec[]): Problem[] {
  return services.flatMap((service, index): Problem[] =>
    MODULE_MEMBERS.has(namesOf(service.name).camel)
      ? [
          {
            path: `services[${index}].name`,
            message: `"${service.name}" would be a second \`${namesOf(service.name).camel}\` in the Dagger module (--module)`,
            hint: "rename the service, e.g. test-db",
          },
        ]
      : [],
  );
}

/** Versions land in the CI matrix and image tags as written, so only version numbers are taken. */
const RUNTIME_VERSION = /^\d{1,3}(\.\d{1,3}){0,2}$/;

function checkRuntimeVersions(
  versions: string[] | undefined,
  field: string,
  runtime: string,
  example: string,
): Problem[] {
  if (versions === undefined) return [];
  if (versions.length === 0) return [{ path: field, message: "lists no version", hint: `e.g. [${example}]` }];
  return versions.flatMap((version, index): Problem[] => {
    const path = `${field}[${index}]`;
    if (!RUNTIME_VERSION.test(version)) {
      return [
        {
          path,
          message: `${JSON.stringify(version)} is not a ${runtime} version`,
          hint: `use version numbers, e.g. [${example}]; CI runs each one and uses it as an image tag`,
        },
      ];
    }
    const first = versions.indexOf(version);
    return first < index
      ? [{ path, message: `${version} is already ${field}[${first}]`, hint: "list each version once" }]
      : [];
  });
}

function checkProjectName(name: string): Problem[] {
  if (PROJECT_NAME.test(name)) return checkProjectTypes(name);
  return [
    {
      path: "name",
      message: `"${name}" is not a valid project name`,
      hint: `use ASCII letters, digits, - or _, starting with a letter, e.g. "${suggestName(name)}"`,
    },
  ];
}

function checkServices(spec: StackSpec): Problem[] {
  if (spec.services.length === 0) {
    return [{ path: "services", message: "no services", hint: "add at least one, e.g. --services postgres" }];
  }
  const seen = new Map<string, number>();
  return spec.services.flatMap((service, index) => {
    const path = `services[${index}]`;
    const problems = checkServiceName(service.name, `${path}.name`);
    const first = seen.get(service.name);
    if (first !== undefined) {
      problems.push({
        path: `${path}.name`,
        message: `"${service.name}" is already the name of services[${first}]`,
        hint: "give each service its own name, e.g. name: postgres-2",
      });
    } else seen.set(service.name, index);
    const kind = findKind(service.kind);
    if (!kind) {
      problems.push({
        path: `${path}.kind`,
        message: `unknown kind "${service.kind}"`,
        hint: choicesHint(service.kind, kindNames()),
      });
      return problems;
    }
    return [...problems, ...checkServiceOptions(service, kind, path)];
  });
}

function checkServiceName(name: string, path: string): Problem[] {
  if (!SERVICE_NAME.test(name)) {
    return [
      {
        path,
        message: `"${name}" is not a valid service name`,
        hint: `it becomes a hostname and a method name: lowercase letters, digits and -, starting with a letter and not ending with -, e.g. "${suggestServiceName(name)}"`,
      },
    ];
  }
  if (RESERVED_NAMES.has(name)) {
    return [
      { path, message: `"${name}" is a reserved word in generated code`, hint: `e.g. "${name}-service"` },
    ];
  }
  return [];
}

function suggestServiceName(name: string): string {
  const suggestion = suggestName(name);
  return RESERVED_NAMES.has(suggestion) ? `${suggestion}-service` : suggestion;
}

function checkServiceOptions(service: ServiceSpec, kind: ServiceKind, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const [option, field] of Object.entries(OPTION_FIELDS) as [KindOption, keyof ServiceSpec][]) {
    const allowed =
      kind.options.includes(option) ||
      (option === "image" && kind.source === "image") ||
      ANY_KIND.has(option);
    if (service[field] !== undefined && !allowed) {
      problems.push({
        path: `${path}.${field}`,
        message: `${kind.kind} does not take "${field}"`,
        hint: `${kind.kind} takes: ${["port", "dependsOn", "env", ...kind.options].join(", ")}`,
      });
    }
  }
  problems.push(
    ...checkVersion(service, kind, path),
    ...checkExtensions(service, kind, path),
    ...checkImage(service, kind, path),
    ...checkBuild(service, path),
    ...checkMounts(service, path),
    ...checkEnv(service, path),
  );
  if (service.healthPath !== undefined && !service.healthPath.startsWith("/")) {
    problems.push({ path: `${path}.healthPath`, message: "must start with /", hint: "e.g. /health" });
  }
  return problems;
}

function checkVersion(service: ServiceSpec, kind: ServiceKind, path: string): Problem[] {
  if (service.version === undefined || !kind.images || Object.hasOwn(kind.images, service.version)) return [];
  return [
    {
      path: `${path}.version`,
      message: `${kind.kind} ${service.version} is not in the catalog`,
      hint: `${choicesHint(service.version, Object.keys(kind.images))}; or set image: to a pinned image of your own`,
    },
  ];
}

function checkExtensions(service: ServiceSpec, kind: ServiceKind, path: string): Problem[] {
  if (!service.extensions || !kind.options.includes("extensions")) return [];
  const major = Number(service.version ?? kind.defaultVersion);
  const known = POSTGRES_EXTENSIONS.map((extension) => extension.id);
  return service.extensions.flatMap((id, index): Problem[] => {
    const extension = findExtension(id);
    const at = `${path}.extensions[${index}]`;
    if (!extension) return [{ path: at, message: `unknown extension "${id}"`, hint: choicesHint(id, known) }];
    if (service.extensions?.indexOf(id) !== index) {
      return [{ path: at, message: `"${id}" is listed twice`, hint: "list each extension once" }];
    }
    if (!extension.majors.includes(major)) {
      return [
        {
          path: at,
          message: `${extension.id} is not available for postgres ${major}`,
          hint: extension.unsupportedHint ?? `available for postgres ${extension.majors.join(", ")}`,
        },
      ];
    }
    return [];
  });
}

function checkImage(service: ServiceSpec, kind: ServiceKind, path: string): Problem[] {
  if (kind.source === "custom" && !service.image && !service.build) {
    return [
      {
        path: `${path}.image`,
        message: "a custom service needs an image or a build",
        hint: "e.g. image: python:3.12.14-slim-bookworm, or build: ./worker",
      },
    ];
  }
  if (service.image !== undefined && !/^[a-z0-9][a-z0-9._\-/:@]*$/.test(service.image)) {
    return [
      {
        path: `${path}.image`,
        message: `"${service.image}" is not an image reference`,
        hint: "e.g. python:3.12.14-slim-bookworm",
      },
    ];
  }
  return [];
}

function checkBuild(service: ServiceSpec, path: string): Problem[] {
  if (!service.build) return [];
  const { context, dockerfile } = service.build;
  return [
    at(`${path}.build.context`, hostPathProblem(context, "./backend")),
    at(`${path}.build.dockerfile`, dockerfile === undefined ? undefined : dockerfilePathProblem(dockerfile)),
  ].flat();
}

function checkMounts(service: ServiceSpec, path: string): Problem[] {
  const targets = new Set<string>();
  return (service.mounts ?? []).flatMap((mount, index): Problem[] => {
    if (!("source" in mount)) return [];
    const prefix = `${path}.mounts[${index}]`;
    const problems = [
      at(`${prefix}.source`, hostPathProblem(mount.source, "./audio_files")),
      at(`${prefix}.target`, containerPathProblem(mount.target, "/audio_files")),
    ].flat();
    if (targets.has(mount.target)) {
      problems.push({
        path: `${prefix}.target`,
        message: `${mount.target} is mounted twice`,
        hint: "mount each path once",
      });
    }
    targets.add(mount.target);
    return problems;
  });
}

function at(path: string, problem: PathProblem | undefined): Problem[] {
  return problem ? [{ path, ...problem }] : [];
}

function checkEnv(service: ServiceSpec, path: string): Problem[] {
  return Object.entries(service.env ?? {}).flatMap(([name, value]): Problem[] => {
    const at = `${path}.env.${name}`;
    if (typeof value !== "string") return [];
    if (!ENV_NAME.test(name)) {
      return [
        { path: at, message: `"${name}" is not an environment variable name`, hint: "letters, digits and _" },
      ];
    }
    if (value.startsWith("env://") && !FROM_HOST_ENV.test(value)) {
      return [
        {
          path: at,
          message: "is not a host variable reference",
          hint: `env:// takes a variable name: e.g. env://${name}`,
        },
      ];
    }
    return [];
  });
}

function checkPorts(services: ServiceSpec[]): Problem[] {
  const owners = new Map<number, number>();
  return services.flatMap((service, index): Problem[] => {
    const problems: Problem[] = [];
    for (const field of ["port", "containerPort"] as const) {
      const port = service[field];
      if (port !== undefined && (port < 1 || port > 65535)) {
        problems.push({
          path: `services[${index}].${field}`,
          message: `${port} is not a TCP port`,
          hint: "use 1 to 65535",
        });
      }
    }
    if (service.port === undefined) return problems;
    const owner = owners.get(service.port);
    if (owner !== undefined) {
      problems.push({
        path: `services[${index}].port`,
        message: `port ${service.port} is already used by services[${owner}] (${services[owner]?.name})`,
        hint: "give each service its own host port",
      });
    } else owners.set(service.port, index);
    return problems;
  });
}

function checkMatrix(spec: StackSpec): Problem[] {
  const names = spec.services.map((service) => service.name);
  return Object.entries(spec.matrix ?? {}).flatMap(([axis, targets]): Problem[] => {
    const problems: Problem[] = [];
    if (!FIXTURE_NAME.test(axis) || RESERVED_NAMES.has(axis)) {
      problems.push({
        path: `matrix.${axis}`,
        message: `"${axis}" cannot be a fixture name`,
        hint: "lowercase letters, digits and _, not a reserved word, e.g. vector_backend",
      });
    }
    if (targets.length === 0)
      problems.push({ path: `matrix.${axis}`, message: "no entries", hint: "e.g. [chromadb, postgres]" });
    const seen = new Map<string, number>();
    targets.forEach((target, index) => {
      const service = spec.services.find((candidate) => candidate.name === target);
      const sameKind = spec.services.filter((candidate) => candidate.kind === target);
      const at = `matrix.${axis}[${index}]`;
      // A kind names its one service of that kind (or the service the matrix adds), so both can be listed.
      const resolved = service?.name ?? (sameKind.length === 1 ? sameKind[0]?.name : undefined) ?? target;
      const first = seen.get(resolved);
      if (first === undefined) seen.set(resolved, index);
      if (first !== undefined) {
        problems.push({
          path: at,
          message: `${resolved === target ? `"${target}"` : `"${target}" (the service ${resolved})`} is already matrix.${axis}[${first}]`,
          hint: "list each service once",
        });
      } else if (!service && !findKind(target)) {
        problems.push({
          path: at,
          message: `"${target}" is neither a service nor a catalog kind`,
          hint: choicesHint(target, names),
        });
      } else if (!service && sameKind.length > 1) {
        problems.push({
          path: at,
          message: `"${target}" could be any of ${sameKind.map((candidate) => candidate.name).join(", ")}`,
          hint: "name the service instead of its kind",
        });
      } else if (service?.run === "once") {
        problems.push({
          path: at,
          message: `"${target}" is a one-shot job: it runs to completion when the stack starts, so tests cannot reach it`,
          hint: "list services with a port",
        });
      } else if (!listens(service ?? { name: target, kind: target })) {
        problems.push({
          path: at,
          message: `"${target}" has no port, so tests cannot reach it`,
          hint: "give it a port",
        });
      }
    });
    return problems;
  });
}
