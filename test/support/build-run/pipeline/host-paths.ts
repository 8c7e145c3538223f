import { isAbsolute, posix, relative } from "node:path";
import type { RecordedPipeline } from "../../engine/index.js";

/**
 * Host folders appear in recordings as `host.directory(path: "...")`. The generated code resolves them
 * against the project root, so they are absolute; they are rewritten relative to the project, so the
 * checks compare them with the spec's paths. A relative path would be resolved by the engine against the
 * Dagger client's working folder (under `dagger run`, where it was started), not the project: it is
 * marked, and `clientRelativePaths` reports it.
 */
const PATH_ARGUMENT = /path: "((?:[^"\\]|\\.)*)"/g;
const CLIENT_FOLDER = "<the Dagger client's folder>/";

export function withProjectRelativePaths(pipeline: RecordedPipeline, projectDir: string): RecordedPipeline {
  const rewrite = (text: string) =>
    text.replace(PATH_ARGUMENT, (whole, path: string) => {
      const text = JSON.parse(`"${path}"`) as string;
      if (!isAbsolute(text)) return `path: ${JSON.stringify(CLIENT_FOLDER + text)}`;
      const inside = relative(projectDir, text);
      if (inside.startsWith("..")) return whole;
      return `path: ${JSON.stringify(inside === "" ? "." : `./${inside}`)}`;
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

/** Host folders given as relative paths, which the engine resolves against the client's working folder. */
export function clientRelativePaths(pipeline: RecordedPipeline): string[] {
  const sources = pipeline.containers.flatMap((container) => [
    container.dockerBuild?.context ?? "",
    ...container.mounts.map((mount) => mount.source ?? ""),
  ]);
  return [
    ...new Set(
      sources.flatMap((source) =>
        [...source.matchAll(PATH_ARGUMENT)]
          .map((match) => JSON.parse(`"${match[1] ?? ""}"`) as string)
          .filter((path) => path.startsWith(CLIENT_FOLDER))
          .map((path) => path.slice(CLIENT_FOLDER.length)),
      ),
    ),
  ];
}

/** Whether a recorded host-folder description names `path` (relative to the project). */
export function namesHostPath(description: string | undefined, path: string): boolean {
  const recorded = [...(description ?? "").matchAll(PATH_ARGUMENT)][0]?.[1];
  return (
    recorded !== undefined && posix.normalize(JSON.parse(`"${recorded}"`) as string) === posix.normalize(path)
  );
}
