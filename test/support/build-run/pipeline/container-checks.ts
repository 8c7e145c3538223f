import type { NormalizedService } from "../../../../src/spec/model.js";
import type { RecordedContainer } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { namesHostPath } from "./host-paths.js";

/** The spec's mounts: each host folder mounted at its target. */
export function mountChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  return service.mounts.map((mount) => {
    const recorded = container.mounts.find((entry) => entry.path === mount.target);
    const right = recorded?.kind === "directory" && namesHostPath(recorded.source, mount.source);
    const problem = !right && `mounted there: ${recorded ? JSON.stringify(recorded) : "nothing"}`;
    return check(`${service.name}: ${mount.source} mounted at ${mount.target}`, problem);
  });
}

/** The spec's `command` becomes the container's default arguments. */
export function commandCheck(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  if (service.command.length === 0) return [];
  const args = container.defaultArgs ?? [];
  const same =
    args.length === service.command.length && args.every((arg, index) => arg === service.command[index]);
  return [
    check(
      `${service.name}: runs ${service.command.join(" ")}`,
      !same && `default args: ${args.join(" ") || "none"}`,
    ),
  ];
}
