import type { BuildConfig } from "../readers/inventory.js";
import type { SourceService } from "./model.js";
import { resolvedImage } from "./plan.js";

/** A build the stack can run: a folder of the project with a Dockerfile file (not a URL, not inline). */
export function isBuildable(build: BuildConfig | undefined): build is BuildConfig {
  return build !== undefined && !build.context.includes("://") && build.dockerfile_inline === undefined;
}

/** Why a service cannot become a container of the stack at all: it has neither an image nor a build. */
export function unusableReason(source: SourceService): string | undefined {
  if (source.proposal || isBuildable(source.config.build)) return undefined;
  if (resolvedImage(source).image !== undefined) return undefined;
  if (source.config.build) return "it builds from a remote context or an inline Dockerfile, and has no image";
  if (source.config.image !== undefined) return "its image is a workflow expression only GitHub can evaluate";
  return "it has neither an image nor a build";
}
