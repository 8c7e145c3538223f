import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { DAGGER_VERSION } from "../../src/render/ci/pins.js";
import { repository } from "../repo/support.js";
import { createIn, json } from "./support.js";

/**
 * Issue 12, point 4: GitLab's job pins the docker:dind service by exact tag, brings the Docker CLI of the
 * same version (the Dagger CLI starts its engine through `docker`, which the node image lacks) and
 * installs the Dagger CLI by version, checked against the release's checksums.txt, without piping a
 * script into a shell. The job's own lines run here in bash against a fake download server.
 */
interface Job {
  image: string;
  services: { name: string; alias: string }[];
  variables: Record<string, string>;
  before_script: string[];
}

const job = (
  parseYaml(
    createIn({ "package.json": json({ name: "shop" }) }, { ci: "gitlab" }).read(".gitlab/dagger-stack.yml"),
  ) as Record<string, Job>
)["dagger-stack"] as Job;
const tools = job.before_script.slice(
  0,
  job.before_script.findIndex((line) => line.includes("/usr/local/bin dagger")) + 1,
);

describe("the GitLab job's pins", () => {
  it("runs docker:dind by an exact version tag, and the Docker CLI of that version", () => {
    const [service] = job.services;
    expect(service?.name).toMatch(/^docker:\d+\.\d+\.\d+-dind$/);
    expect(service?.name).toBe(`docker:${job.variables.DOCKER_VERSION}-dind`);
    expect(service?.alias).toBe("docker");
  });

  it("installs the Dagger CLI of the pinned version, and pipes nothing into a shell", () => {
    expect(job.variables.DAGGER_VERSION).toBe(DAGGER_VERSION);
    // `curl … | sh`, also with variables before the shell (`| BIN_DIR=… sh`).
    for (const line of job.before_script) expect(line).not.toMatch(/\|\s*(\w+=\S+\s+)*(ba)?sh\b/);
  });
});

describe("the GitLab job's tool lines, run in bash", () => {
  function server(checksums?: (tarball: string, hash: string) => string) {
    const root = repository({});
    const files = join(root, "files");
    const bin = join(root, "bin");
    const fakes = join(root, "fakes");
    for (const dir of [files, bin, fakes]) mkdirSync(dir, { recursive: true });
    const version = job.variables.DAGGER_VERSION as string;
    const docker = job.variables.DOCKER_VERSION as string;
    archive(root, join(files, `docker-${docker}.tgz`), "docker/docker", `echo "Docker version ${docker}"`);
    const tarball = `dagger_v${version}_linux_amd64.tar.gz`;
    archive(root, join(files, tarball), "dagger", `echo "dagger v${version}"`);
    const hash = createHash("sha256")
      .update(readFileSync(join(files, tarball)))
      .digest("hex");
    const listed = checksums
      ? checksums(tarball, hash)
      : `${"0".repeat(64)}  dagger_v${version}_linux_arm64.tar.gz\n${hash}  ${tarball}\n`;
    writeFileSync(join(files, "checksums.txt"), listed);
    fake(fakes, "curl", CURL.replace("FILES", files).replace("LOG", join(root, "urls")));
    fake(fakes, "dpkg", "echo amd64");
    fake(fakes, "uname", "echo x86_64");
    const script = tools.map((line) => line.replaceAll("/usr/local/bin", bin)).join("\n");
    const run = spawnSync("bash", ["-eo", "pipefail", "-c", script], {
      encoding: "utf8",
      env: { ...process.env, ...job.variables, PATH: `${fakes}:${process.env.PATH}` },
    });
    return { run, bin, urls: () => readFileSync(join(root, "urls"), "utf8").trim().split("\n") };
  }

  it("downloads both by version, checks the Dagger CLI and installs both", () => {
    const { run, bin, urls } = server();
    expect(run.status, run.stderr).toBe(0);
    const version = job.variables.DAGGER_VERSION;
    expect(urls()).toEqual([
      `https://download.docker.com/linux/static/stable/x86_64/docker-${job.variables.DOCKER_VERSION}.tgz`,
      `https://dl.dagger.io/dagger/releases/${version}/checksums.txt`,
      `https://dl.dagger.io/dagger/releases/${version}/dagger_v${version}_linux_amd64.tar.gz`,
    ]);
    expect(spawnSync(join(bin, "docker"), { encoding: "utf8" }).stdout).toContain(
      job.variables.DOCKER_VERSION,
    );
    expect(spawnSync(join(bin, "dagger"), { encoding: "utf8" }).stdout).toBe(`dagger v${version}\n`);
  });

  it("stops, installing no Dagger CLI, when the archive does not match its checksum", () => {
    const { run, bin } = server((tarball) => `${"1".repeat(64)}  ${tarball}\n`);
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/FAILED/);
    expect(existsSync(join(bin, "dagger"))).toBe(false);
  });

  it("stops when checksums.txt does not list the archive at all", () => {
    const { run, bin } = server(() => `${"2".repeat(64)}  something-else.tar.gz\n`);
    expect(run.status).not.toBe(0);
    expect(existsSync(join(bin, "dagger"))).toBe(false);
  });
});

/** curl as the job calls it: `-fsSL URL` to stdout, or `--output-dir DIR -O URL…`; serves FILES by name. */
const CURL = `#!/usr/bin/env bash
dir=.; out=0; urls=()
while [ $# -gt 0 ]; do
  case "$1" in
    --output-dir) dir="$2"; shift ;;
    -O) out=1 ;;
    -*) ;;
    *) urls+=("$1") ;;
  esac
  shift
done
for url in "\${urls[@]}"; do
  echo "$url" >> LOG
  file="FILES/$(basename "$url")"
  [ -f "$file" ] || { echo "curl: (22) 404 $url" >&2; exit 22; }
  if [ "$out" = 1 ]; then cp "$file" "$dir/"; else cat "$file"; fi
done
`;

function fake(dir: string, name: string, body: string): void {
  const path = join(dir, name);
  writeFileSync(path, body.startsWith("#!") ? body : `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A .tar.gz holding one executable script at `member`. */
function archive(root: string, path: string, member: string, body: string): void {
  const staging = join(root, "staging", member);
  mkdirSync(join(staging, ".."), { recursive: true });
  writeFileSync(staging, `#!/bin/sh\n${body}\n`);
  chmodSync(staging, 0o755);
  const made = spawnSync("tar", ["-czf", path, "-C", join(root, "staging"), member], { encoding: "utf8" });
  if (made.status !== 0) throw new Error(made.stderr);
}
