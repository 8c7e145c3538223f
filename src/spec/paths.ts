/**
 * Paths in a spec. Build contexts and mounted folders are read by Dagger on the machine that runs the
 * stack: `~` is expanded to the home folder there, and an absolute path or a `..` that climbs out reaches
 * past the project, so a spec from someone else's repository could mount `~/.ssh` into any image. Such
 * paths are refused; a path may only name something inside the project (or, for a Dockerfile, inside
 * the build context).
 */
export interface PathProblem {
  message: string;
  hint: string;
}

/** C0 and C1 control characters, NUL included. */
const CONTROL = /\p{Cc}/u;

/** A folder on the host, relative to the project root: `./backend`, `data/audio`. */
export function hostPathProblem(path: string, example: string): PathProblem | undefined {
  return relativePathProblem(path, "the project", `use a folder inside the project, e.g. ${example}`);
}

/** A Dockerfile, relative to its build context: `Dockerfile`, `docker/Dockerfile.dev`. */
export function dockerfilePathProblem(path: string): PathProblem | undefined {
  return relativePathProblem(
    path,
    "the build context",
    "use a path inside the build context, e.g. Dockerfile",
  );
}

/** A path inside the container: absolute, printable. */
export function containerPathProblem(path: string, example: string): PathProblem | undefined {
  if (CONTROL.test(path)) return controlProblem(path, `e.g. ${example}`);
  if (!path.startsWith("/")) {
    return { message: `${shown(path)} is not an absolute path in the container`, hint: `e.g. ${example}` };
  }
  return undefined;
}

function relativePathProblem(path: string, root: string, hint: string): PathProblem | undefined {
  if (CONTROL.test(path)) return controlProblem(path, hint);
  if (path.startsWith("~")) {
    return {
      message: `${shown(path)} starts with ~, which Dagger expands to the home folder of whoever runs the stack`,
      hint,
    };
  }
  if (/^([/\\]|[A-Za-z]:)/.test(path)) {
    return { message: `${shown(path)} is an absolute path, outside ${root}`, hint };
  }
  if (climbsOut(path)) {
    return { message: `${shown(path)} climbs outside ${root} with ..`, hint };
  }
  return undefined;
}

function controlProblem(path: string, hint: string): PathProblem {
  return {
    message: `${shown(path)} contains a control character (a NUL byte, a line break, a tab...)`,
    hint,
  };
}

/** Whether `a/../../b` goes above where it starts, `\` counting as a separator as on Windows. */
function climbsOut(path: string): boolean {
  let depth = 0;
  for (const segment of path.split(/[\\/]/)) {
    if (segment === "..") depth--;
    else if (segment !== "" && segment !== ".") depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** The path as JSON shows it: quoted, control characters escaped so they cannot reach the terminal. */
function shown(path: string): string {
  return JSON.stringify(path);
}
