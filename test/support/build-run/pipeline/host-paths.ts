import { isAbsolute, posix, relative } from "node:path";
import type { RecordedPipeline } from "../../engine/index.js";

/**
 * Host folders appear in recordings as `host.directory(path: "...")`. Generated TypeScript passes paths
 * relative to the project (it runs there); generated Python resolves them against the project root. Both
 * are rewritten relative to the project, so the checks compare them with the spec's paths alike.
 */
const PATH_ARGUMENT = /path: "((?:[^"\\]|\\.)*)"/g;

export function withProjectRelativePaths(pipeline: RecordedPipeline, projectDir: string): RecordedPipeline {
  const rewrite = (text: string) =>
    text.replace(PATH_ARGUMENT, (whole, path: string) => {
      const inside = relative(projectDir, JSON.parse(`"${path}"`) as string);
      return isAbsolute(path) && !inside.startsWith("..") ? `path: ${JSON.stringify(`./${inside}`)}` : whole;
    });
  return {
    ...pipeline,
    containers: pipeline.containers.map((container) => ({
      ...container,
      ...(container.dockerBuild
        ? { dockerBuild: { ...container.dockerBuild, context: rewrite(container.dockerBuild.context) } }
        : {}),
      mounts: container.mounts.map((mount) =>
        mount.source ? { ...mount, source: rewrite(mount.source) } : mount,
      ),
    })),
  };
}

/** Whether a recorded host-folder description names `path` (relative to the project). */
export function namesHostPath(description: string | undefined, path: string): boolean {
  const recorded = [...(description ?? "").matchAll(PATH_ARGUMENT)][0]?.[1];
  return (
    recorded !== undefined && posix.normalize(JSON.parse(`"${recorded}"`) as string) === posix.normalize(path)
  );
}
