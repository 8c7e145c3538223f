import type { NormalizedService } from "../../../../src/spec/model.js";
import type { RecordedContainer, RecordedPipeline, RecordedService } from "../../engine/index.js";
import { namesHostPath } from "./host-paths.js";

/** A spec service's Dagger service in a recording, with the container it runs. */
export interface Located {
  service: RecordedService;
  container: RecordedContainer;
}

/** The recorded container service (`asService`) built for `service`, or why it cannot be told apart. */
export function locateService(pipeline: RecordedPipeline, service: NormalizedService): Located | string {
  return single(servicesBuiltFor(pipeline, service), service, "service");
}

/** Every recorded container service built for `service` (one per time the stack was started). */
export function servicesBuiltFor(pipeline: RecordedPipeline, service: NormalizedService): Located[] {
  const located = pipeline.services.flatMap((candidate): Located[] => {
    const container = pipeline.containers.find((entry) => entry.ref === candidate.container);
    return candidate.kind === "container" && container && builtFor(container, service)
      ? [{ service: candidate, container }]
      : [];
  });
  return narrowByCredentials(located, service, (entry) => entry.container);
}

/** The recorded container built for a service that is not a Dagger service (it has no port). */
export function locateContainer(
  pipeline: RecordedPipeline,
  service: NormalizedService,
): RecordedContainer | string {
  const runAsServices = new Set(pipeline.services.map((entry) => entry.container));
  const found = pipeline.containers.filter(
    (container) => builtFor(container, service) && !runAsServices.has(container.ref),
  );
  return single(
    narrowByEnv(
      narrowByCredentials(found, service, (container) => container),
      service,
    ),
    service,
    "container",
  );
}

/** Containers on one image (a job and a worker from the app's image) differ by the variables the spec gives them. */
function narrowByEnv(found: RecordedContainer[], service: NormalizedService): RecordedContainer[] {
  if (found.length <= 1 || service.env.length === 0) return found;
  return found.filter((container) =>
    service.env.every((entry) => entry.name in container.env || entry.name in container.secretEnv),
  );
}

/** Whether the container starts where the spec says: its pinned image, or its Dockerfile build. */
export function builtFor(container: RecordedContainer, service: NormalizedService): boolean {
  if (service.build) {
    const build = container.dockerBuild;
    return (
      namesHostPath(build?.context, service.build.context) &&
      build?.dockerfile === service.build.dockerfile &&
      build.target === service.build.target
    );
  }
  return container.from === service.image;
}

/** Two services on the same image differ by the user and database the spec gives them. */
function narrowByCredentials<T>(
  found: T[],
  service: NormalizedService,
  containerOf: (entry: T) => RecordedContainer,
): T[] {
  const credentials = service.kind.credentials;
  if (found.length <= 1 || !credentials) return found;
  return found.filter((entry) => {
    const { env } = containerOf(entry);
    const userOk = !credentials.userEnv || env[credentials.userEnv] === service.user;
    const databaseOk = !credentials.databaseEnv || env[credentials.databaseEnv] === service.database;
    return userOk && databaseOk;
  });
}

function single<T>(found: T[], service: NormalizedService, what: string): T | string {
  const origin = service.build ? `a Dockerfile build of ${service.build.context}` : service.image;
  if (found.length === 1 && found[0] !== undefined) return found[0];
  if (found.length === 0) return `no recorded ${what} starts from ${origin}`;
  return `${found.length} recorded ${what}s start from ${origin}; cannot tell which is ${service.name}`;
}
