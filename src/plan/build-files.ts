import { posix } from "node:path";
import type { NormalizedStack } from "../spec/model.js";

/**
 * A service built from the project's own Dockerfile needs its build context and the Dockerfile in it.
 * The CLI looks at those paths (buildPathsOf says which) and hands what it found to the planner, which
 * warns at generation rather than leaving the first `up` to fail.
 */
export type Found = "file" | "folder" | "missing";

/** What the CLI found on disk, by project-relative path. */
export type FoundPaths = ReadonlyMap<string, Found>;

export interface BuildPath {
  service: string;
  path: string;
  expected: Exclude<Found, "missing">;
}

export function buildPathsOf(stack: NormalizedStack, only?: readonly string[]): BuildPath[] {
  return stack.services
    .filter((service) => service.build && (!only || only.includes(service.name)))
    .flatMap((service) => {
      const build = service.build as { context: string; dockerfile: string };
      return [
        { service: service.name, path: projectPath(build.context), expected: "folder" as const },
        {
          service: service.name,
          path: projectPath(posix.join(build.context, build.dockerfile)),
          expected: "file" as const,
        },
      ];
    });
}

export function buildWarnings(stack: NormalizedStack, found: FoundPaths, only?: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const [service, paths] of byService(buildPathsOf(stack, only))) {
    const [context, dockerfile] = paths;
    if (!context || !dockerfile) continue;
    if (found.get(context.path) !== "folder") warnings.push(missingContext(service, context.path));
    else if (found.get(dockerfile.path) !== "file")
      warnings.push(missingDockerfile(service, dockerfile.path));
  }
  return warnings;
}

function byService(paths: readonly BuildPath[]): Map<string, BuildPath[]> {
  const grouped = new Map<string, BuildPath[]>();
  for (const path of paths) grouped.set(path.service, [...(grouped.get(path.service) ?? []), path]);
  return grouped;
}

function missingContext(service: string, path: string): string {
  return `${service} is built from ./${path}, which does not exist: \`up\` and the tests fail until it holds your ${service}'s code and Dockerfile (or point at its folder: --context ${service}=<folder>)`;
}

function missingDockerfile(service: string, path: string): string {
  return `${service} is built from ./${path}, which does not exist: \`up\` and the tests fail until you add it (or name yours: --dockerfile ${service}=<path in the build context>)`;
}

/** `./backend/` → `backend`; `.` stays `.`. */
function projectPath(path: string): string {
  const normal = posix.normalize(path).replace(/\/+$/, "");
  return normal.startsWith("./") ? normal.slice(2) : normal;
}
