import { floatingReason } from "../../../../src/spec/catalog/images.js";
import type { RecordedContainer, RecordedPipeline } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { hostPathsFromProjectRoot, stopsOnlyStarted } from "./runtime-checks.js";

/** Checks that hold for every container and every endpoint, whatever the spec. */
export function genericChecks(pipeline: RecordedPipeline, label: string): PipelineCheck[] {
  return [
    ...pipeline.containers.flatMap((container) => [
      pinnedImage(container, label),
      noPlainCredentials(container, label),
    ]),
    hostAccessThroughTunnels(pipeline, label),
    stopsOnlyStarted(pipeline, label),
    hostPathsFromProjectRoot(pipeline, label),
  ];
}

/** Names of variables that carry credentials; their values must come from secrets. */
const CREDENTIAL_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** A URL with a password in its userinfo, e.g. postgresql://app:pw@postgres:5432/app. */
const URL_WITH_PASSWORD = /\/\/[^/@\s:]*:[^/@\s]+@/;

function pinnedImage(container: RecordedContainer, label: string): PipelineCheck {
  const name = `${label}: ${describe(container)} image pinned`;
  if (container.from === undefined) return check(name);
  return check(name, unpinnedReason(container.from));
}

/**
 * Why an image address may move under the stack, or undefined when it cannot: a digest, or a tag that
 * names a patch release (and, for a slim variant, its Debian release).
 */
export const unpinnedReason = floatingReason;

function noPlainCredentials(container: RecordedContainer, label: string): PipelineCheck {
  const leaks = Object.entries(container.env)
    .filter(([name, value]) => CREDENTIAL_NAME.test(name) || URL_WITH_PASSWORD.test(value))
    .map(([name]) => name);
  const problem =
    leaks.length > 0 && `plain env variables carry credentials: ${leaks.join(", ")} (use withSecretVariable)`;
  return check(`${label}: ${describe(container)} credentials only through secrets`, problem);
}

/** Host code may only reach services through tunnels: a service's own endpoint is an in-Dagger address. */
function hostAccessThroughTunnels(pipeline: RecordedPipeline, label: string): PipelineCheck {
  const tunnels = new Set(
    pipeline.services.filter((service) => service.kind === "tunnel").map((service) => service.ref),
  );
  const direct = pipeline.events.flatMap((event) =>
    event.type === "endpoint" && !tunnels.has(event.service) ? [event.service] : [],
  );
  const problem =
    direct.length > 0 && `endpoints asked of non-tunnel services: ${[...new Set(direct)].join(", ")}`;
  return check(`${label}: host access only through tunnels`, problem);
}

function describe(container: RecordedContainer): string {
  const origin =
    container.from ?? (container.dockerBuild ? `build of ${container.dockerBuild.context}` : "scratch");
  return `${container.ref} (${origin})`;
}
