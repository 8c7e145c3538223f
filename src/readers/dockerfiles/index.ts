import { posix } from "node:path";
import type { ProjectFiles } from "../project-files.js";
import type { ReaderWarning } from "../source.js";
import { type DockerfileInfo, parseDockerfile } from "./parse.js";

export type { DockerArg, DockerfileInfo, DockerPort, DockerStage } from "./parse.js";

/**
 * The project's Dockerfiles: the ones compose `build:` sections name (a missing one is a warning), and
 * any Dockerfile, Dockerfile.* or *.Dockerfile at the root, in backend/ and in frontend/, where projects
 * without compose keep theirs.
 */
export interface BuildReference {
  service: string;
  /** Relative to the project folder. */
  context: string;
  /** Relative to the context; "Dockerfile" when absent. */
  dockerfile?: string;
}

export interface DockerfilesResult {
  dockerfiles: DockerfileInfo[];
  warnings: ReaderWarning[];
}

const CONVENTIONAL_FOLDERS = [".", "backend", "frontend"];

export function readDockerfiles(project: ProjectFiles, builds: readonly BuildReference[]): DockerfilesResult {
  const warnings: ReaderWarning[] = [];
  const users = new Map<string, string[]>();
  for (const build of builds) {
    const path = posix.join(build.context, build.dockerfile ?? "Dockerfile");
    if (project.kind(path) !== "file") {
      warnings.push({
        reader: "dockerfiles",
        code: "dockerfile-missing",
        message: `${build.service} builds from ${path}, which does not exist`,
        service: build.service,
        key: "build",
      });
      continue;
    }
    users.set(path, [...(users.get(path) ?? []), build.service]);
  }
  const paths = [
    ...new Set([
      ...users.keys(),
      ...CONVENTIONAL_FOLDERS.flatMap((folder) => dockerfilesIn(project, folder)),
    ]),
  ];
  const dockerfiles = paths.sort().map((path) => {
    const info = parseDockerfile(project.read(path) ?? "", path);
    info.usedBy = users.get(path) ?? [];
    return info;
  });
  return { dockerfiles, warnings };
}

function dockerfilesIn(project: ProjectFiles, folder: string): string[] {
  return project
    .list(folder)
    .filter((entry) => entry.kind === "file" && isDockerfileName(entry.name))
    .map((entry) => posix.join(folder, entry.name));
}

function isDockerfileName(name: string): boolean {
  return (
    name === "Dockerfile" || name.startsWith("Dockerfile.") || name.toLowerCase().endsWith(".dockerfile")
  );
}
