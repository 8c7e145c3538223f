import type { DependencySpec, EnvValueSpec, MountSpec } from "./schema.js";

/**
 * Small readers over the spec's union-typed fields (a dependency is a name or `{ service, condition }`, a
 * mount a host path, a cache volume or a tmpfs, an env value a literal or a reference), so code that only
 * needs one form does not repeat the narrowing.
 */
export type HostMount = Extract<MountSpec, { source: string }>;

export function dependencyName(dependency: DependencySpec): string {
  return typeof dependency === "string" ? dependency : dependency.service;
}

export function isHostMount(mount: MountSpec): mount is HostMount {
  return "source" in mount;
}

export function hostMounts(mounts: readonly MountSpec[] | undefined): HostMount[] {
  return (mounts ?? []).filter(isHostMount);
}

/** A literal or `env://VAR`, as opposed to a `{ secret }` or `{ service, value }` reference. */
export function isLiteralEnv(value: EnvValueSpec): value is string {
  return typeof value === "string";
}
