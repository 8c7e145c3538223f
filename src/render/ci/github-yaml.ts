import { Scalar } from "yaml";
import type { RepoLayout } from "./layout.js";

/** An action pinned by commit, with its release as a trailing comment for readers and update bots. */
export function pinned(ref: string, release: string): Scalar<string> {
  const node = new Scalar(ref);
  node.comment = ` ${release}`;
  return node;
}

export function quoted(value: string): Scalar<string> {
  const node = new Scalar(value);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/** setup-node's or setup-python's cache inputs; a package in a workspace names the root's lockfile. */
export function cacheInputs(cache: string | undefined, layout: RepoLayout): object | undefined {
  if (!cache) return undefined;
  const lockfile = layout.stackFolder !== "" ? layout.lockfile : undefined;
  return { cache, ...(lockfile && { "cache-dependency-path": lockfile }) };
}
