import type { Problem } from "../errors.js";
import { findExtension } from "./catalog/extensions.js";
import { findKind } from "./catalog/services.js";
import type { ServiceSpec, StackSpec } from "./schema.js";
import { listens } from "./validate-references.js";

/**
 * Checks of the fields real compose files need, per service: one-shot jobs, every port, healthchecks,
 * build args and targets, entrypoint, working folder and user, cache and temporary mounts. Every problem
 * carries its spec path and a hint.
 */
const SENSITIVE_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL)/i;
const URL_WITH_PASSWORD = /\/\/[^/@\s:]*:[^/@\s]+@/;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Go's time.ParseDuration, which the engine parses healthcheck durations with: "10s", "1m30s", "500ms". */
const DURATION = /^(?:0|(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)$/;
const CACHE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;
const RUN_AS = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/;

/** Options every kind takes, as compose allows them on any service: a build, mounts (init scripts), a command. */
export const ANY_KIND: ReadonlySet<string> = new Set(["build", "mounts", "command"]);

export function checkFeatures(spec: StackSpec): Problem[] {
  return [
    ...spec.services.flatMap((service, index) => {
      const path = `services[${index}]`;
      return [
        ...checkJob(service, path),
        ...checkPortList(service, path),
        ...checkHealthcheck(service, path),
        ...checkBuildFeatures(service, path),
        ...checkProcess(service, path),
        ...checkCommand(service, path),
        ...checkMountTargets(service, path),
      ];
    }),
    ...checkHostPorts(spec.services),
  ];
}

function checkJob(service: ServiceSpec, path: string): Problem[] {
  if (service.run !== "once") return [];
  const kind = findKind(service.kind);
  if (kind?.source === "image") {
    return [
      {
        path: `${path}.run`,
        message: `a ${kind.kind} server cannot be a one-shot job`,
        hint: "make the job kind: custom (an image or a build), or backend/frontend built from your Dockerfile",
      },
    ];
  }
  const portFields = (["port", "containerPort", "ports", "healthPath", "healthcheck"] as const).filter(
    (field) => service[field] !== undefined,
  );
  return portFields.map((field) => ({
    path: `${path}.${field}`,
    message: `a one-shot job has no ${field === "healthcheck" || field === "healthPath" ? "health check" : "port"}: it runs to completion and nothing connects to it`,
    hint: "remove it, or drop run: once to make this a service",
  }));
}

function checkPortList(service: ServiceSpec, path: string): Problem[] {
  const ports = service.ports;
  if (ports === undefined) return [];
  if (ports.length === 0) {
    return [{ path: `${path}.ports`, message: "no ports", hint: "remove ports for a container without one" }];
  }
  const problems: Problem[] = [];
  for (const field of ["port", "containerPort"] as const) {
    if (service[field] !== undefined) {
      problems.push({
        path: `${path}.${field}`,
        message: `${field} is the shorthand for ports[0]; ports already lists every port`,
        hint: "remove it, and give ports[0] its host port: { container: 8000, host: 8080 }",
      });
    }
  }
  if (ports[0]?.protocol === "udp") {
    problems.push({
      path: `${path}.ports[0].protocol`,
      message:
        "the first port is the service's URL and what Dagger dials to know it is ready: it must be TCP",
      hint: "list a TCP port first",
    });
  }
  const seen = new Set<string>();
  ports.forEach((port, index) => {
    const at = `${path}.ports[${index}]`;
    for (const field of ["container", "host"] as const) {
      const value = port[field];
      if (value !== undefined && (value < 1 || value > 65535)) {
        problems.push({ path: `${at}.${field}`, message: `${value} is not a port`, hint: "use 1 to 65535" });
      }
    }
    const key = `${port.container}/${port.protocol ?? "tcp"}`;
    if (seen.has(key)) {
      problems.push({
        path: `${at}.container`,
        message: `container port ${key} is listed twice`,
        hint: "list each container port once",
      });
    }
    seen.add(key);
  });
  return problems;
}

/** Host ports of `ports` lists clash with every other host port; `port` against `port` is validate.ts's. */
function checkHostPorts(services: ServiceSpec[]): Problem[] {
  const owners = new Map<number, string>();
  const problems: Problem[] = [];
  services.forEach((service, index) => {
    if (service.port !== undefined && !service.ports)
      owners.set(service.port, `services[${index}] (${service.name})`);
  });
  services.forEach((service, index) => {
    (service.ports ?? []).forEach((port, portIndex) => {
      if (port.host === undefined) return;
      const at = `services[${index}].ports[${portIndex}].host`;
      const owner = owners.get(port.host);
      if (owner !== undefined) {
        problems.push({
          path: at,
          message: `host port ${port.host} is already used by ${owner}`,
          hint: "give each port its own host port",
        });
      } else owners.set(port.host, `services[${index}] (${service.name})`);
    });
  });
  return problems;
}

function checkHealthcheck(service: ServiceSpec, path: string): Problem[] {
  const healthcheck = service.healthcheck;
  if (healthcheck === undefined || service.run === "once") return [];
  const at = `${path}.healthcheck`;
  if (!listens(service)) {
    return [
      {
        path: at,
        message: "this container has no port, so it never runs as a service and nothing waits for its health",
        hint: "give it a port, or remove the healthcheck",
      },
    ];
  }
  if (healthcheck === "none") return [];
  const problems = checkHealthTest(healthcheck.test, `${at}.test`);
  for (const field of ["interval", "timeout", "startPeriod", "startInterval"] as const) {
    const value = healthcheck[field];
    if (value !== undefined && !DURATION.test(value)) {
      problems.push({
        path: `${at}.${field}`,
        message: `"${value}" is not a duration`,
        hint: 'write it as compose does: "10s", "1m30s", "500ms"',
      });
    }
  }
  if (healthcheck.retries !== undefined && healthcheck.retries < 1) {
    problems.push({ path: `${at}.retries`, message: "must be 1 or more", hint: "e.g. retries: 5" });
  }
  return problems;
}

function checkHealthTest(test: string | string[], at: string): Problem[] {
  if (typeof test === "string") {
    return test.trim() === "" ? [{ path: at, message: "empty", hint: 'e.g. "pg_isready -U app"' }] : [];
  }
  const [first, ...rest] = test;
  if (first === "NONE") {
    return [{ path: at, message: '["NONE"] disables the check', hint: "write healthcheck: none" }];
  }
  if (first === "CMD" && rest.length > 0) return [];
  if (first === "CMD-SHELL" && rest.length === 1) return [];
  return [
    {
      path: at,
      message: `${JSON.stringify(test)} is not a healthcheck test`,
      hint: 'write ["CMD", "pg_isready", "-U", "app"], ["CMD-SHELL", "pg_isready -U app"], or a shell command as a string',
    },
  ];
}

function checkBuildFeatures(service: ServiceSpec, path: string): Problem[] {
  const build = service.build;
  if (build === undefined) return [];
  const problems: Problem[] = [];
  if (service.image !== undefined) {
    problems.push({
      path: `${path}.image`,
      message: "a service starts from an image or from a build, not both",
      hint: "remove image to build the Dockerfile, or remove build to pull the image",
    });
  }
  const ready = (service.extensions ?? []).map(findExtension).find((found) => found?.install.via === "image");
  if (ready) {
    problems.push({
      path: `${path}.build`,
      message: `${ready.id} comes as a ready image, which a build would replace`,
      hint: `remove build, or remove ${ready.id} and install it in your Dockerfile`,
    });
  }
  const args = "args" in build ? (build.args ?? {}) : {};
  for (const [name, value] of Object.entries(args)) {
    const at = `${path}.build.args.${name}`;
    if (!ARG_NAME.test(name)) {
      problems.push({
        path: at,
        message: `"${name}" is not a build argument name`,
        hint: "letters, digits and _",
      });
    } else if (SENSITIVE_NAME.test(name) || value.startsWith("env://") || URL_WITH_PASSWORD.test(value)) {
      problems.push({
        path: at,
        message: "a build argument that is a credential would be baked into the image's layers",
        hint: `pass it at run time instead: env: { ${name}: env://${name} } or a stack secret`,
      });
    }
  }
  return problems;
}

function checkProcess(service: ServiceSpec, path: string): Problem[] {
  const problems: Problem[] = [];
  if (service.workdir !== undefined && !service.workdir.startsWith("/")) {
    problems.push({
      path: `${path}.workdir`,
      message: "must be an absolute path in the container",
      hint: "e.g. /app",
    });
  }
  if (service.runAs !== undefined && !RUN_AS.test(service.runAs)) {
    problems.push({
      path: `${path}.runAs`,
      message: `"${service.runAs}" is not a user`,
      hint: "a name or id, optionally with a group: node, 1000, 1000:1000",
    });
  }
  return problems;
}

/**
 * A command replaces the arguments the stack gives the server: Redis's carry its password, and Postgres
 * extensions such as pg_cron need their server settings.
 */
function checkCommand(service: ServiceSpec, path: string): Problem[] {
  const kind = findKind(service.kind);
  if (service.command === undefined || !kind || kind.source === "custom" || kind.source === "dockerfile")
    return [];
  const password = kind.credentials && `$${kind.credentials.passwordEnv}`;
  if (password && kind.args?.some((arg) => arg.includes(password))) {
    return [
      {
        path: `${path}.command`,
        message: `${kind.kind} runs with arguments that set its password, which a command would replace`,
        hint: "remove command: the stack starts the server with a password made for each run",
      },
    ];
  }
  const flagged = (service.extensions ?? [])
    .map(findExtension)
    .filter(
      (extension) =>
        extension && (extension.preload.length > 0 || Object.keys(extension.settings).length > 0),
    );
  if (flagged.length === 0) return [];
  return [
    {
      path: `${path}.command`,
      message: `${flagged.map((extension) => extension?.id).join(", ")} need${flagged.length > 1 ? "" : "s"} server settings the stack passes as the server's arguments, which a command would replace`,
      hint: "remove command, or the extension",
    },
  ];
}

/** Cache and tmpfs mounts; host mounts' sources and targets are checked by validate.ts. */
function checkMountTargets(service: ServiceSpec, path: string): Problem[] {
  const problems: Problem[] = [];
  const holders = new Map<string, boolean>();
  (service.mounts ?? []).forEach((mount, index) => {
    const at = `${path}.mounts[${index}]`;
    const isHost = "source" in mount;
    const target = "tmpfs" in mount ? mount.tmpfs : mount.target;
    const field = "tmpfs" in mount ? "tmpfs" : "target";
    if (!isHost && !target.startsWith("/")) {
      problems.push({
        path: `${at}.${field}`,
        message: "must be an absolute path in the container",
        hint: "e.g. /root/.npm",
      });
    }
    if ("cache" in mount && !CACHE_NAME.test(mount.cache)) {
      problems.push({
        path: `${at}.cache`,
        message: `"${mount.cache}" is not a cache name`,
        hint: "letters, digits, _, . and -, e.g. npm-cache",
      });
    }
    const firstIsHost = holders.get(target);
    if (firstIsHost !== undefined && !(firstIsHost && isHost)) {
      problems.push({
        path: `${at}.${field}`,
        message: `${target} is mounted twice`,
        hint: "mount each path once",
      });
    }
    if (firstIsHost === undefined) holders.set(target, isHost);
  });
  return problems;
}
