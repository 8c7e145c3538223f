import type { Problem } from "../errors.js";
import { choicesHint } from "../util/did-you-mean.js";
import { findKind } from "./catalog/services.js";
import { findCycles } from "./graph.js";
import type { ServiceSpec, ServiceValue, StackSpec } from "./schema.js";

/**
 * Checks of what a spec refers to by name: dependencies (and their conditions), services referred to by
 * env and testEnv values, and stack-level secrets. Every problem carries its spec path and a hint.
 */
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function checkReferences(spec: StackSpec): Problem[] {
  return [
    ...checkDependencies(spec.services),
    ...spec.services.flatMap((service, index) => checkEnvReferences(spec, service, `services[${index}]`)),
    ...checkSecrets(spec),
    ...checkTestEnv(spec),
  ];
}

/** Whether a service listens on a port (a custom container without one, or a one-shot job, only runs). */
export function listens(service: ServiceSpec): boolean {
  if (service.run === "once") return false;
  return (
    findKind(service.kind)?.source !== "custom" ||
    service.port !== undefined ||
    service.containerPort !== undefined ||
    (service.ports?.length ?? 0) > 0
  );
}

const dependencyName = (entry: NonNullable<ServiceSpec["dependsOn"]>[number]): string =>
  typeof entry === "string" ? entry : entry.service;

function checkDependencies(services: ServiceSpec[]): Problem[] {
  const names = services.map((service) => service.name);
  const problems = services.flatMap((service, index) =>
    (service.dependsOn ?? []).flatMap((entry, depIndex): Problem[] => {
      const at = `services[${index}].dependsOn[${depIndex}]`;
      const dependency = dependencyName(entry);
      if (dependency === service.name)
        return [{ path: at, message: "a service cannot depend on itself", hint: "remove it" }];
      const target = services.find((candidate) => candidate.name === dependency);
      if (!target)
        return [
          { path: at, message: `no service named "${dependency}"`, hint: choicesHint(dependency, names) },
        ];
      const condition = typeof entry === "string" ? undefined : entry.condition;
      return checkCondition(target, condition, at);
    }),
  );
  const edges = new Map(services.map((service) => [service.name, waitsFor(service)]));
  for (const cycle of findCycles(edges)) {
    const index = services.findIndex((service) => service.name === cycle[0]);
    const field = services[index]?.dependsOn ? "dependsOn" : "env";
    problems.push({
      path: `services[${index}].${field}`,
      message: `dependency cycle: ${cycle.join(" → ")}`,
      hint: "a service cannot wait for something that waits for it; remove one of these dependencies",
    });
  }
  return problems;
}

/** dependsOn, plus the services the env refers to: a referred service is bound, so it starts first. */
function waitsFor(service: ServiceSpec): string[] {
  const referred = Object.values(service.env ?? {}).flatMap((value) =>
    typeof value !== "string" && "service" in value ? [value.service] : [],
  );
  const names = [...(service.dependsOn ?? []).map(dependencyName), ...referred];
  return [...new Set(names)].filter((name) => name !== service.name);
}

function checkCondition(target: ServiceSpec, condition: string | undefined, at: string): Problem[] {
  const name = target.name;
  if (target.run === "once") {
    if (condition === undefined || condition === "completed") return [];
    return [
      {
        path: `${at}.condition`,
        message: `"${name}" is a one-shot job: it has nothing to be ${condition}, it runs to completion`,
        hint: "use condition: completed",
      },
    ];
  }
  if (condition === "completed") {
    return [
      {
        path: `${at}.condition`,
        message: `"${name}" is a service, not a one-shot job: it never completes`,
        hint: `use started or healthy, or give ${name} run: once`,
      },
    ];
  }
  if (listens(target)) return [];
  return [
    {
      path: at,
      message: `"${name}" has no port, so it is a container, not a service others can reach`,
      hint: `give ${name} a port, or remove the dependency`,
    },
  ];
}

/** What a `{ service, value }` needs of that service: an address for url/host/port, credentials for the rest. */
function checkServiceReference(
  spec: StackSpec,
  reference: { service: string; value: ServiceValue },
  at: string,
  from?: ServiceSpec,
): Problem[] {
  const names = spec.services.map((service) => service.name);
  const target = spec.services.find((service) => service.name === reference.service);
  if (!target) {
    return [
      {
        path: `${at}.service`,
        message: `no service named "${reference.service}"`,
        hint: choicesHint(reference.service, names),
      },
    ];
  }
  if (target === from) {
    return [
      {
        path: `${at}.service`,
        message: "a service cannot refer to itself",
        hint: "write the value, or refer to another service",
      },
    ];
  }
  if (target.run === "once") {
    return [
      {
        path: `${at}.service`,
        message: `"${target.name}" is a one-shot job: it has no address or credentials to refer to`,
        hint: "refer to a service with a port",
      },
    ];
  }
  const missing = missingValue(target, reference.value);
  return missing ? [{ path: `${at}.value`, ...missing }] : [];
}

function missingValue(target: ServiceSpec, value: ServiceValue): Omit<Problem, "path"> | undefined {
  const kind = findKind(target.kind);
  const credentials = kind?.credentials;
  const offers: Record<ServiceValue, boolean> = {
    url: listens(target),
    host: listens(target),
    port: listens(target),
    user: credentials !== undefined,
    password: credentials !== undefined,
    database: credentials?.databaseEnv !== undefined,
  };
  if (offers[value]) return undefined;
  const offered = (Object.keys(offers) as ServiceValue[]).filter((key) => offers[key]);
  const lacks = value === "url" || value === "host" || value === "port" ? "port" : value;
  return {
    message: `"${target.name}" (${target.kind}) has no ${lacks}, so it has no ${value} to give`,
    hint:
      offered.length > 0
        ? `it offers ${offered.join(", ")}; or write the value as a literal or env://VAR`
        : "write the value as a literal or env://VAR",
  };
}

function checkSecretReference(spec: StackSpec, secret: string, at: string): Problem[] {
  const declared = Object.keys(spec.secrets ?? {});
  if (declared.includes(secret)) return [];
  return [
    {
      path: `${at}.secret`,
      message: `no stack secret named "${secret}"`,
      hint:
        declared.length > 0
          ? `${choicesHint(secret, declared)}; or declare it under secrets: { ${secret}: { generate: true } }`
          : `declare it: secrets: { ${secret}: { generate: true } } (or { fromEnv: VAR })`,
    },
  ];
}

function checkEnvReferences(spec: StackSpec, service: ServiceSpec, path: string): Problem[] {
  const credentials = findKind(service.kind)?.credentials;
  const ownVariables = new Map(
    credentials
      ? [
          [credentials.passwordEnv, "password"],
          ...(credentials.userEnv ? [[credentials.userEnv, "user"] as const] : []),
          ...(credentials.databaseEnv ? [[credentials.databaseEnv, "database"] as const] : []),
        ]
      : [],
  );
  return Object.entries(service.env ?? {}).flatMap(([name, value]): Problem[] => {
    const at = `${path}.env.${name}`;
    const own = ownVariables.get(name);
    if (own !== undefined) {
      return [
        {
          path: at,
          message: `${service.kind} sets ${name} itself, from the service's ${own}`,
          hint:
            own === "password"
              ? `remove it: the password is made at run time; other services read it with { service: ${service.name}, value: password }`
              : `remove it and set ${own}: on the service instead`,
        },
      ];
    }
    if (typeof value === "string") return [];
    if ("secret" in value) return checkSecretReference(spec, value.secret, at);
    return checkServiceReference(spec, value, at, service);
  });
}

function checkSecrets(spec: StackSpec): Problem[] {
  return Object.entries(spec.secrets ?? {}).flatMap(([name, secret]): Problem[] => {
    const at = `secrets.${name}`;
    if (!SECRET_NAME.test(name)) {
      return [
        {
          path: at,
          message: `"${name}" is not a secret name`,
          hint: "letters, digits and _, starting with a letter or _, e.g. SESSION_KEY",
        },
      ];
    }
    if ("fromEnv" in secret && !ENV_NAME.test(secret.fromEnv)) {
      return [
        {
          path: `${at}.fromEnv`,
          message: `"${secret.fromEnv}" is not an environment variable name`,
          hint: `letters, digits and _, e.g. ${name}`,
        },
      ];
    }
    return [];
  });
}

function checkTestEnv(spec: StackSpec): Problem[] {
  return Object.entries(spec.testEnv ?? {}).flatMap(([name, value]): Problem[] => {
    const at = `testEnv.${name}`;
    if (!ENV_NAME.test(name)) {
      return [
        { path: at, message: `"${name}" is not an environment variable name`, hint: "letters, digits and _" },
      ];
    }
    if ("secret" in value) return checkSecretReference(spec, value.secret, at);
    return checkServiceReference(spec, value, at);
  });
}
