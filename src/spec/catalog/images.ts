/**
 * Every image a generated stack pulls, in one table. Each tag names a patch release and, where the image
 * publishes one, the OS release it is built on (`-bookworm`, `-noble`, `-oraclelinux9`): a tag such as
 * `postgres:16` or `python:3.12-slim` moves to new releases, and even its Debian base moved (bookworm to
 * trixie), so the same stack could build differently from one day to the next.
 *
 * Checked on 2026-12-05 against Docker's official-images library as it stood on PINS_AS_OF, the newest
 * copy readable from where this table is maintained: these were the current patch releases on that date.
 * Debian's own archive already carries PostgreSQL 15.20 and 17.12 (November 2026): bump the table, and
 * PINS_AS_OF, when the library shows their images. ParadeDB, Chroma and MinIO are release tags of their
 * vendors' registries, bumped deliberately.
 */
export const PINS_AS_OF = "2026-08-21";

export const IMAGE_PINS = {
  postgres: {
    "14": "postgres:14.24-bookworm",
    "15": "postgres:15.19-bookworm",
    "16": "postgres:16.15-bookworm",
    "17": "postgres:17.11-bookworm",
    "18": "postgres:18.6-bookworm",
  },
  redis: {
    "7.4": "redis:7.4.11-bookworm",
    "7.2": "redis:7.2.16-bookworm",
    // 8.0 left the official library in May 2026; 8.0.6 is its last release.
    "8.0": "redis:8.0.6-bookworm",
  },
  mysql: {
    "8.4": "mysql:8.4.11-oraclelinux9",
    // 8.0 reached its end of life in April 2026; 8.0.46 is its last release.
    "8.0": "mysql:8.0.46-oraclelinux9",
  },
  mariadb: { "11.4": "mariadb:11.4.12-noble", "10.11": "mariadb:10.11.18-jammy" },
  mongodb: { "8.0": "mongo:8.0.29-noble", "7.0": "mongo:7.0.40-jammy" },
  chromadb: { "0.6": "chromadb/chroma:0.6.3" },
  minio: { "2024-11": "minio/minio:RELEASE.2024-11-07T00-52-20Z" },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

/**
 * The images a Dagger module's `test` function runs the stack's tests in (`--module`): the official node
 * image, slim, one per Node line the CI matrix lists by default (both releases exist: npm's `node` package
 * mirrors Node's releases).
 */
export const TEST_RUNNER_IMAGES = {
  node: { "22": "node:22.23.2-bookworm-slim", "24": "node:24.19.0-bookworm-slim" },
  /** The Python Dagger module's `test` runs here (the line the image examples of this tool name). */
  python: { "3.12": "python:3.12.14-slim-bookworm" },
} as const satisfies Record<string, Readonly<Record<string, string>>>;

/** ParadeDB publishes pg_search as ready images, one per Postgres major; the tag is bumped deliberately. */
export const PARADEDB_VERSION = "0.26.1";

export function paradedbImage(major: number): string {
  return `paradedb/paradedb:${PARADEDB_VERSION}-pg${major}`;
}

/** The CI job's Docker-in-Docker service (GitLab). */
export const GITLAB_DIND_IMAGE = "docker:29.7.2-dind";

/**
 * Why an image reference may move under a stack, or undefined when it cannot: a digest, or a tag that
 * names a full release (`x.y.z`; `x.y` for PostgreSQL, whose releases have two parts; a dated `RELEASE.`)
 * and, for a `slim` variant, its Debian release.
 */
export function floatingReason(image: string): string | undefined {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return undefined;
  const slash = image.lastIndexOf("/");
  const lastSegment = image.slice(slash + 1);
  const colon = lastSegment.indexOf(":");
  const tag = colon < 0 ? undefined : lastSegment.slice(colon + 1);
  if (tag === undefined) return `${image} has no tag: it follows latest`;
  if (tag === "latest") return `${image} follows latest`;
  const repository = image.slice(0, slash + 1 + (colon < 0 ? lastSegment.length : colon));
  const release = TWO_PART_RELEASES.has(repository.replace(/^(docker\.io\/)?(library\/)?/, ""))
    ? /(^|\D)\d+\.\d+(\D|$)/
    : /(^|\D)\d+\.\d+\.\d+|RELEASE\.\d{4}-/;
  if (!release.test(tag)) return `${image} names no patch release: the tag moves with each new one`;
  if (/slim/.test(tag) && !DEBIAN_RELEASES.some((release) => tag.includes(release)))
    return `${image} names no Debian release: its base moves to the next one (bookworm to trixie)`;
  return undefined;
}

const DEBIAN_RELEASES = ["bullseye", "bookworm", "trixie", "forky"];

/** Images whose releases are `major.minor` (PostgreSQL 10 and later): `postgres:16.15` is a patch release. */
const TWO_PART_RELEASES = new Set(["postgres"]);
