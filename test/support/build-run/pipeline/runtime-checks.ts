import { type Healthcheck, isService, type NormalizedService } from "../../../../src/spec/model.js";
import type { RecordedContainer, RecordedPipeline } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { clientRelativePaths } from "./host-paths.js";

/**
 * How a service's container behaves once it runs: the engine keeps the lock of a Locked cache volume for
 * as long as a service that mounts it runs (core/service.go lockMountedCaches), and it decides readiness
 * by the image's Docker HEALTHCHECK when there is one, instead of dialing the exposed ports
 * (core/service.go, core/healthcheck.go).
 */
export function runtimeChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  if (!isService(service)) return [];
  return [noCacheWhileRunning(service, container), ...readiness(service, container)];
}

/**
 * Package caches of the build steps are unmounted; the spec's own cache volumes stay, Shared (the default
 * sharing mode), which takes no lock (core/container_exec.go cacheSharingModeLocksWrites).
 */
function noCacheWhileRunning(service: NormalizedService, container: RecordedContainer): PipelineCheck {
  const own = new Set(service.mounts.flatMap((mount) => (mount.type === "cache" ? [mount.target] : [])));
  const caches = container.mounts.filter(
    (mount) => mount.kind === "cache" && (!own.has(mount.path) || lockedCache(container, mount.path)),
  );
  const problem =
    caches.length > 0 &&
    `still mounted: ${caches.map((mount) => `${mount.source ?? "a cache"} at ${mount.path}`).join(", ")}`;
  return check(
    own.size > 0
      ? `${service.name}: no build cache or Locked cache volume mounted while it runs`
      : `${service.name}: no cache volume mounted while it runs`,
    problem,
  );
}

function lockedCache(container: RecordedContainer, path: string): boolean {
  const mounted = container.steps
    .filter((step) => step.op === "withMountedCache" && step.args.path === path)
    .at(-1);
  // Private is implemented with Locked's serialized writes (core/container_exec.go).
  return /LOCKED|PRIVATE/i.test(String(mounted?.args.sharing ?? ""));
}

/**
 * The catalog's official images define no HEALTHCHECK; any other image, and the project's own
 * Dockerfiles, may: the builder must drop it for the port check its comment promises.
 */
function readiness(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const own = service.healthcheck;
  if (own !== undefined && own !== "none") return [ownHealthcheck(service, own, container)];
  const mayHaveOne =
    service.kind.imageHealthcheck === "unknown" || service.build !== undefined || own === "none";
  if (!mayHaveOne) return [];
  const problem =
    container.healthcheck !== "none" &&
    `readiness left to ${container.healthcheck === "custom" ? "a custom healthcheck" : "the image's HEALTHCHECK, if any"}`;
  return [
    check(`${service.name}: ready when its port accepts connections (image HEALTHCHECK dropped)`, problem),
  ];
}

/** The spec's healthcheck decides readiness, with the arguments and timing it gives. */
function ownHealthcheck(
  service: NormalizedService,
  own: Healthcheck,
  container: RecordedContainer,
): PipelineCheck {
  const step = container.steps.filter((entry) => entry.op === "withDockerHealthcheck").at(-1);
  const { args, ...timing } = own;
  const expected = { args, ...(timing.shell ? {} : { shell: undefined }), ...timing };
  const got = step ? { ...step.args } : undefined;
  const same =
    container.healthcheck === "custom" &&
    got !== undefined &&
    JSON.stringify(got.args) === JSON.stringify(args) &&
    Boolean(got.shell) === own.shell &&
    (["interval", "timeout", "retries", "startPeriod", "startInterval"] as const).every(
      (key) => got[key] === own[key],
    );
  return check(
    `${service.name}: ready when its healthcheck passes (${own.args.join(" ")})`,
    !same &&
      `healthcheck: ${container.healthcheck ?? "the image's"}, ${JSON.stringify(got)} (wanted ${JSON.stringify(expected)})`,
  );
}

/** Every stop is of a service that was running: stopping one that never started builds or pulls it first. */
export function stopsOnlyStarted(pipeline: RecordedPipeline, label: string): PipelineCheck {
  const never = pipeline.events.flatMap((event) =>
    event.type === "stop" && !event.wasRunning ? [event.service] : [],
  );
  return check(
    `${label}: stops only services it started`,
    never.length > 0 && `stopped without running: ${[...new Set(never)].join(", ")}`,
  );
}

/** Host folders resolved from the project root, wherever the Dagger client runs. */
export function hostPathsFromProjectRoot(pipeline: RecordedPipeline, label: string): PipelineCheck {
  const relative = clientRelativePaths(pipeline);
  return check(
    `${label}: host folders resolved from the project root`,
    relative.length > 0 &&
      `relative to the Dagger client's working folder: ${relative.join(", ")} (resolve them from the project root)`,
  );
}
