import { existsSync, lstatSync, readlinkSync, realpathSync } from "node:fs";
import { isAbsolute, join, relative, sep } from "node:path";
import { UnsafePathError } from "../errors.js";
import { isMissing } from "./errno.js";

/**
 * Where each tree path is really written. Links inside the target are followed when they stay inside it
 * (a `README.md` linked to `docs/README.md` is written through, and stays a link); a link that leads out
 * of the target, a link loop and a dangling link are refused, naming the link.
 */
export function resolveWritePaths(realRoot: string, paths: readonly string[]): Map<string, string> {
  const resolved = new Map<string, string>();
  const writers = new Map<string, string>();
  for (const path of paths) {
    const real = realPathInside(realRoot, path);
    const other = writers.get(real);
    if (other !== undefined) {
      throw new UnsafePathError(
        path,
        `is the same file as ${other} (one links to the other), and this run writes both`,
        "replace the link with a file of its own",
      );
    }
    writers.set(real, path);
    resolved.set(path, real);
  }
  return resolved;
}

/** The real location of `path` under `realRoot`; missing parts are appended as they are. */
export function realPathInside(realRoot: string, path: string): string {
  const parts = path.split("/");
  let current = realRoot;
  for (const [index, part] of parts.entries()) {
    const next = join(current, part);
    const kind = entryKind(next);
    if (kind === "missing") return join(next, ...parts.slice(index + 1));
    current = kind === "link" ? followLink(realRoot, next, parts.slice(0, index + 1).join("/")) : next;
  }
  return current;
}

function entryKind(path: string): "missing" | "link" | "entry" {
  try {
    return lstatSync(path).isSymbolicLink() ? "link" : "entry";
  } catch (error) {
    // Below a file (ENOTDIR) counts as missing: writing there fails later, naming the file.
    if (isMissing(error)) return "missing";
    throw error;
  }
}

function followLink(realRoot: string, link: string, shown: string): string {
  const real = realPath(link, shown);
  if (isInside(realRoot, real)) return real;
  throw new UnsafePathError(
    shown,
    `is a link to ${real}, outside the target folder; create-dagger-stack does not write through it`,
    `replace ${shown} with a folder or file of its own, or run create-dagger-stack where the link points`,
  );
}

function realPath(link: string, shown: string): string {
  try {
    return realpathSync(link);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") {
      throw new UnsafePathError(
        shown,
        "is a symbolic link loop",
        `remove ${shown}, or point it at a folder inside the target`,
      );
    }
    if (!isMissing(error)) throw error;
    throw new UnsafePathError(
      shown,
      `is a link to ${readlinkSync(link)}, which does not exist`,
      `remove ${shown}, or create what it points to`,
    );
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** For a dry run: the same refusal a real run would meet, without writing anything. */
export function checkWritePaths(root: string, paths: readonly string[]): void {
  if (existsSync(root)) resolveWritePaths(realpathSync(root), paths);
}
