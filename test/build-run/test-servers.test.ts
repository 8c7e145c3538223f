import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SERVICE_KINDS } from "../../src/spec/catalog/services.js";
import { REPO_ROOT } from "../support/build-run/repo.js";
import { imageTag } from "../support/engine/service-kind.js";
import { FERRETDB_VERSION } from "../support/services/installed.js";

const script = (name: string) => readFileSync(join(REPO_ROOT, "scripts", "ci", name), "utf8");
const catalogTags = (kind: string) =>
  Object.values(SERVICE_KINDS.find((entry) => entry.kind === kind)?.images ?? {}).map(
    (image) => imageTag(image) ?? `(untagged ${image})`,
  );

// The install scripts read the catalog's chromadb and minio versions; a re-pinned image needs what they
// cannot find out alone. These say so in seconds rather than as an excluded smoke test in build-run.
describe("the servers .ci/run installs for build-run", () => {
  it("builds the FerretDB version the tests look for", () => {
    expect(script("install-go-servers.sh")).toContain(`readonly FERRETDB_VERSION=${FERRETDB_VERSION}\n`);
  });

  it.each(catalogTags("minio"))("knows the Go module version of MinIO %s", (release) => {
    const known = new RegExp(`\\[${release.replace(/\./g, "\\.")}\\]=v0\\.0\\.0-\\d{14}-[0-9a-f]{12}\\n`);
    expect(
      script("install-go-servers.sh"),
      `add ${release}'s pseudo-version to MINIO_PSEUDO_VERSIONS in scripts/ci/install-go-servers.sh`,
    ).toMatch(known);
  });

  it.each(catalogTags("chromadb"))("pins every package ChromaDB %s runs with", (version) => {
    const lock = join(REPO_ROOT, "scripts", "ci", "chromadb", `${version}.txt`);
    expect(existsSync(lock), `commit the pip freeze of ChromaDB ${version}'s venv as ${lock}`).toBe(true);
    const requirements = readFileSync(lock, "utf8")
      .split("\n")
      .filter((line) => line.trim() && !line.startsWith("#"));
    expect(requirements).toContain(`chromadb==${version}`);
    for (const line of requirements) expect(line).toMatch(/^[A-Za-z0-9_.-]+(\[[\w,-]+\])?==[\w.+-]+$/);
  });
});
