import type { RecordedContainer, RecordedExec, RecordedPipeline, RecordedService } from "./pipeline-types.js";

/** Small queries over a recorded pipeline, for readable assertions. */

/** Containers whose `from` image starts with `image` (so "postgres:16" matches "postgres:16.11-bookworm"). */
export function containersFrom(pipeline: RecordedPipeline, image: string): RecordedContainer[] {
  return pipeline.containers.filter((container) => container.from?.startsWith(image));
}

/** Services made by `asService` from a container whose image starts with `image`. */
export function servicesForImage(pipeline: RecordedPipeline, image: string): RecordedService[] {
  return pipeline.services.filter(
    (service) => service.kind === "container" && service.image?.startsWith(image),
  );
}

export function tunnelsTo(pipeline: RecordedPipeline, serviceRef: string): RecordedService[] {
  return pipeline.services.filter((service) => service.kind === "tunnel" && service.target === serviceRef);
}

/** Sequence number of the service's first start, or undefined if it never started. */
export function firstStart(pipeline: RecordedPipeline, serviceRef: string): number | undefined {
  return pipeline.events.find((event) => event.type === "start" && event.service === serviceRef)?.seq;
}

/** Execs whose space-joined arguments match `pattern`. */
export function execsMatching(pipeline: RecordedPipeline, pattern: RegExp): RecordedExec[] {
  return pipeline.execs.filter((exec) => pattern.test(exec.args.join(" ")));
}
