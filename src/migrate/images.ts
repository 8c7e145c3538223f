import { findKind } from "../spec/catalog/services.js";

/**
 * Which images are catalog services: a table of image repositories, never `if` chains on a name. A
 * match keeps the project's image and tag; its version is the catalog's when the tag names one, so the
 * generated code's defaults (extensions' packages, the smoke test) fit the server the project runs.
 */
interface ImageFamily {
  /** Repository names as written, without docker.io/ or library/. */
  repositories: readonly string[];
  kind: string;
  /** Extensions the image carries, listed so the stack knows and tests them. */
  extensions?: readonly string[];
  /** The catalog version a tag names, e.g. "16.4-alpine" → "16"; undefined when it names none. */
  version?: (tag: string) => string | undefined;
}

const major = (tag: string) => /^(\d+)(?:[.-]|$)/.exec(tag)?.[1];
const majorMinor = (tag: string) => /^(\d+\.\d+)(?:[.-]|$)/.exec(tag)?.[1] ?? major(tag);
const pgSuffix = (tag: string) => /(?:^|-)pg(\d+)(?:[.-]|$)/.exec(tag)?.[1];

const FAMILIES: readonly ImageFamily[] = [
  { repositories: ["postgres"], kind: "postgres", version: major },
  { repositories: ["postgis/postgis"], kind: "postgres", extensions: ["postgis"], version: major },
  { repositories: ["pgvector/pgvector"], kind: "postgres", extensions: ["pgvector"], version: pgSuffix },
  { repositories: ["paradedb/paradedb"], kind: "postgres", extensions: ["pg_search"], version: pgSuffix },
  { repositories: ["redis"], kind: "redis", version: majorMinor },
  { repositories: ["valkey/valkey"], kind: "redis" },
  { repositories: ["mysql"], kind: "mysql", version: majorMinor },
  { repositories: ["mariadb"], kind: "mariadb", version: majorMinor },
  { repositories: ["mongo"], kind: "mongodb", version: majorMinor },
  { repositories: ["chromadb/chroma", "ghcr.io/chroma-core/chroma"], kind: "chromadb", version: majorMinor },
  { repositories: ["minio/minio", "quay.io/minio/minio"], kind: "minio" },
];

const DOCKER_HUB = /^(?:(?:docker\.io|index\.docker\.io|registry-1\.docker\.io)\/)?(?:library\/)?/;

export interface ImageReference {
  /** The repository without Docker Hub's host and library/ prefix: `postgres`, `ghcr.io/acme/api`. */
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const [named = "", digest] = image.split("@");
  const slash = named.lastIndexOf("/");
  const colon = named.lastIndexOf(":");
  const hasTag = colon > slash;
  const reference: ImageReference = {
    repository: (hasTag ? named.slice(0, colon) : named).replace(DOCKER_HUB, "").toLowerCase(),
  };
  if (hasTag) reference.tag = named.slice(colon + 1);
  if (digest) reference.digest = digest;
  return reference;
}

/** `latest`, or no tag and no digest: a different image whenever the tag moves. */
export function isUnpinned(reference: ImageReference): boolean {
  return reference.digest === undefined && (reference.tag === undefined || reference.tag === "latest");
}

export interface CatalogMatch {
  kind: string;
  extensions: string[];
  /** The catalog version the tag names, when the catalog has it. */
  version?: string;
  /** The version the tag names even when the catalog lacks it (for the report). */
  taggedVersion?: string;
}

export function catalogMatch(image: string): CatalogMatch | undefined {
  const reference = parseImage(image);
  const family = FAMILIES.find((entry) => entry.repositories.includes(reference.repository));
  if (!family) return undefined;
  const match: CatalogMatch = { kind: family.kind, extensions: [...(family.extensions ?? [])] };
  const tagged = reference.tag && family.version ? family.version(reference.tag) : undefined;
  if (tagged === undefined) return match;
  match.taggedVersion = tagged;
  if (Object.hasOwn(findKind(family.kind)?.images ?? {}, tagged)) match.version = tagged;
  return match;
}

/** The newest version the catalog pins for a kind: what an unpinned `latest` most likely was. */
export function newestCatalogVersion(kind: string): string | undefined {
  return catalogVersionsOf(kind).at(-1);
}

/** The catalog's versions of a kind, oldest first. */
export function catalogVersionsOf(kind: string): string[] {
  return Object.keys(findKind(kind)?.images ?? {}).sort(byVersion);
}

function byVersion(a: string, b: string): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number.parseInt(part, 10) || 0);
  const [left, right] = [parts(a), parts(b)];
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
