import type { Mount, NormalizedService } from "../../../../src/spec/model.js";
import type { RecordedContainer } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";
import { namesHostPath } from "./host-paths.js";

/** The spec's mounts, each at its target: host folders and files, cache volumes named per project, temp folders. */
export function mountChecks(
  project: string,
  service: NormalizedService,
  container: RecordedContainer,
): PipelineCheck[] {
  return service.mounts.map((mount) => mountCheck(project, service.name, mount, container));
}

function mountCheck(
  project: string,
  name: string,
  mount: Mount,
  container: RecordedContainer,
): PipelineCheck {
  const recorded = container.mounts.find((entry) => entry.path === mount.target);
  const shown = `mounted there: ${recorded ? JSON.stringify(recorded) : "nothing"}`;
  switch (mount.type) {
    case "directory":
      return check(
        `${name}: ${mount.source} mounted at ${mount.target}`,
        !(recorded?.kind === "directory" && namesHostPath(recorded.source, mount.source)) && shown,
      );
    case "file":
      return check(
        `${name}: the host file ${mount.source} mounted at ${mount.target}`,
        !(recorded?.kind === "file" && namesHostPath(recorded.source, mount.source)) && shown,
      );
    case "cache": {
      const key = `${project}-${mount.cache}`;
      return check(
        `${name}: cache volume ${key} mounted at ${mount.target}`,
        !(recorded?.kind === "cache" && recorded.source === key) && shown,
      );
    }
    case "tmpfs":
      return check(`${name}: a temporary folder at ${mount.target}`, recorded?.kind !== "temp" && shown);
  }
}

/** The spec's `command` becomes the container's default arguments. */
export function commandCheck(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  if (service.command.length === 0) return [];
  const args = container.defaultArgs ?? [];
  return [
    check(
      `${service.name}: runs ${service.command.join(" ")}`,
      !sameList(args, service.command) && `default args: ${args.join(" ") || "none"}`,
    ),
  ];
}

/** Working folder, user and entrypoint, as the spec says (compose's working_dir, user, entrypoint). */
export function processChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const checks: PipelineCheck[] = [];
  if (service.workdir !== undefined) {
    checks.push(
      check(
        `${service.name}: works in ${service.workdir}`,
        container.workdir !== service.workdir && `workdir: ${container.workdir ?? "the image's"}`,
      ),
    );
  }
  if (service.runAs !== undefined) {
    checks.push(
      check(
        `${service.name}: runs as ${service.runAs}`,
        container.user !== service.runAs && `user: ${container.user ?? "the image's"}`,
      ),
    );
  }
  if (service.entrypoint !== undefined) {
    const entrypoint = container.entrypoint ?? [];
    checks.push(
      check(
        `${service.name}: entrypoint ${service.entrypoint.join(" ")}`,
        !sameList(entrypoint, service.entrypoint) && `entrypoint: ${entrypoint.join(" ") || "the image's"}`,
      ),
    );
  }
  return checks;
}

/** A Dockerfile build's arguments and stage reach `dockerBuild`. */
export function buildChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const build = service.build;
  if (!build || (build.args.length === 0 && build.target === undefined)) return [];
  const recorded = container.dockerBuild;
  const args = (build.args ?? []).map((arg) => `${arg.name}=${arg.value}`);
  const got = (recorded?.buildArgs ?? []).map((arg) => `${arg.name}=${arg.value}`);
  const name = `${service.name}: builds${build.target ? ` stage ${build.target}` : ""}${args.length > 0 ? ` with ${args.join(" ")}` : ""}`;
  const problem =
    (recorded?.target !== build.target || !sameList(got, args)) &&
    `dockerBuild target ${recorded?.target ?? "none"}, args ${got.join(" ") || "none"}`;
  return [check(name, problem)];
}

/** Ports beyond the first are exposed with their protocol, and left out of readiness. */
export function extraPortChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  return service.extraPorts.map((port) => {
    const protocol = port.protocol.toUpperCase();
    const exposed = container.exposedPorts.some(
      (entry) => entry.port === port.container && entry.protocol === protocol,
    );
    const step = container.steps.find(
      (entry) => entry.op === "withExposedPort" && entry.args.port === port.container,
    );
    const skipped = step?.args.experimentalSkipHealthcheck === true;
    const problem = !exposed
      ? `exposed: ${container.exposedPorts.map((entry) => `${entry.port}/${entry.protocol}`).join(", ") || "nothing"}`
      : !skipped && "dialed for readiness: a port that opens later would hold the start";
    return check(
      `${service.name}: exposes ${port.container}/${port.protocol}, not a readiness check`,
      problem,
    );
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}
