import type { PostgresExtension } from "../../../src/spec/catalog/extensions.js";
import { findExtension } from "../../../src/spec/catalog/extensions.js";
import { type NormalizedService, type NormalizedStack, serviceByName } from "../../../src/spec/model.js";
import { realServerFor } from "./real-server-kinds.js";
import type { ServersHere } from "./real-servers.js";
import type { Exclusion, Selection } from "./types.js";

/**
 * Which generated tests can run here, and why the others cannot. A test runs when a real server stands
 * in for every service it talks to; the rest are excluded with a reason, and the recorded pipeline is
 * checked for them instead.
 */
export function selectTests(stack: NormalizedStack, here: ServersHere): Selection {
  const excluded: Exclusion[] = [];
  const smoke: string[] = [];
  const serviceReasons = new Map(
    stack.services.map((service) => [service.name, serviceReason(service, here)]),
  );
  const servers: Record<string, string> = {};
  for (const service of stack.services) {
    const server = realServerFor(service);
    const described = server && here.running[server];
    if (described && !serviceReasons.get(service.name)) servers[service.name] = described;
  }
  for (const service of stack.services) {
    const reason = serviceReasons.get(service.name);
    if (reason) {
      excluded.push({ unit: { kind: "smoke", service: service.name }, reason });
      continue;
    }
    smoke.push(service.name);
    excluded.push(...extensionExclusions(service, here));
  }
  const matrix: Selection["matrix"] = [];
  for (const axis of stack.matrix) {
    for (const target of axis.targets) {
      const reason = serviceReasons.get(serviceByName(stack, target).name);
      if (reason)
        excluded.push({ unit: { kind: "matrix", axis: axis.name, target }, reason: `${target}: ${reason}` });
      else matrix.push({ axis: axis.name, target });
    }
  }
  return { smoke, matrix, excluded, servers };
}

/** Why nothing here can stand in for the service's container, or undefined when something can. */
function serviceReason(service: NormalizedService, here: ServersHere): string | undefined {
  if (service.build) {
    return `built from the project's own Dockerfile (${service.build.context}/${service.build.dockerfile}), which the stand-in does not build or run; its build, bindings and secrets are checked in the recorded pipeline instead`;
  }
  if (service.kind.source === "custom") {
    return `a custom container (${service.image ?? "no image"}) that the stand-in does not run, so its packages and mounts cannot be looked at; its execs and mounts are checked in the recorded pipeline instead`;
  }
  const server = realServerFor(service);
  if (server && here.running[server]) return undefined;
  const missing = server && here.missing[server];
  if (missing) return `the real ${server} server is not available here: ${missing}`;
  const servers = Object.values(here.running).join(", ") || "none";
  return `no real ${service.kind.kind} server here (real servers: ${servers}); its image and settings are checked in the recorded pipeline instead`;
}

function extensionExclusions(service: NormalizedService, here: ServersHere): Exclusion[] {
  return service.extensions.flatMap((extension) => {
    const reason = extensionReason(service, extension, here);
    return reason
      ? [{ unit: { kind: "smokeTest", service: service.name, extension: extension.id }, reason }]
      : [];
  });
}

function extensionReason(
  service: NormalizedService,
  extension: PostgresExtension,
  here: ServersHere,
): string | undefined {
  const needed = [extension, ...extension.requires.flatMap((id) => findExtension(id) ?? [])];
  const absent = needed.filter((candidate) => !here.postgresExtensions.has(candidate.sqlName));
  if (absent.length > 0) {
    const names = absent.map((candidate) => candidate.sqlName).join(", ");
    return `the real ${here.running.postgres ?? "Postgres"} here lacks ${names} (not in pg_available_extensions); how the stack installs it is checked in the recorded pipeline instead`;
  }
  const conflict = here.settingConflicts.find(
    (candidate) => candidate.service === service.name && candidate.extension === extension.id,
  );
  return conflict?.reason;
}
