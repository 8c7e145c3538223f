import { PARADEDB_VERSION, type ReadyImage } from "../../../../src/spec/catalog/extensions.js";
import type { NormalizedService } from "../../../../src/spec/model.js";
import type { RecordedContainer } from "../../engine/index.js";
import type { PipelineCheck } from "../types.js";
import { check } from "./check.js";

/** The one exec that installs system packages: `apt-get update && apt-get install ...` together. */
const APT_INSTALL = /apt-get update && apt-get install/;
const SOURCE_BUILD = /\b(?:cargo|make|cmake|git clone|pgxn|pip wheel)\b/;

/** System and Python packages as the spec and the extension catalog say, installed the fast, cacheable way. */
export function packageChecks(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const checks = [aptInstall(service, container), noSourceBuild(service, container)];
  if (service.packages.pip.length > 0) checks.push(pipInstall(service, container));
  return checks;
}

/**
 * Apt packages: the catalog's `postgresql-<major>-...` per apt extension (none for builtin ones, nor for
 * those a ready image such as ParadeDB's already ships), plus the spec's.
 */
export function expectedAptPackages(service: NormalizedService): string[] {
  const provided = new Set(readyImageOf(service)?.ships ?? []);
  const major = Number(service.version);
  const fromExtensions = service.extensions.flatMap((extension) =>
    extension.install.via === "apt" && !provided.has(extension.id) ? extension.install.packages(major) : [],
  );
  return [...fromExtensions, ...service.packages.apt];
}

function aptInstall(service: NormalizedService, container: RecordedContainer): PipelineCheck {
  const expected = expectedAptPackages(service);
  const name = `${service.name}: apt installs ${expected.join(" ") || "nothing"}`;
  const aptExecs = container.execs.filter((args) => args.join(" ").includes("apt-get"));
  if (expected.length === 0)
    return check(name, aptExecs.length > 0 && `unexpected apt execs: ${render(aptExecs)}`);
  const installs = aptExecs.filter((args) => APT_INSTALL.test(args.join(" ")));
  if (installs.length !== 1 || aptExecs.length !== 1) {
    return check(
      name,
      `want one exec running apt-get update && apt-get install, got: ${render(aptExecs) || "none"}`,
    );
  }
  const installed = installs[0] ?? [];
  const missing = expected.filter((pkg) => !installed.includes(pkg));
  const extra = installed.filter((arg) => /^postgresql-\d+-/.test(arg) && !expected.includes(arg));
  const problem =
    (missing.length > 0 || extra.length > 0) &&
    `missing: ${missing.join(" ") || "-"}; not asked for: ${extra.join(" ") || "-"}`;
  return check(name, problem);
}

function pipInstall(service: NormalizedService, container: RecordedContainer): PipelineCheck {
  const expected = service.packages.pip;
  const installs = container.execs.filter((args) => /\bpip3? install\b/.test(args.join(" ")));
  const complete = installs.some((args) => expected.every((pkg) => args.includes(pkg)));
  const problem =
    !complete && `no pip install exec with ${expected.join(" ")}: ${render(installs) || "none"}`;
  return check(`${service.name}: pip installs ${expected.join(" ")}`, problem);
}

function noSourceBuild(service: NormalizedService, container: RecordedContainer): PipelineCheck {
  const builds = container.execs.filter((args) => SOURCE_BUILD.test(args.join(" ")));
  return check(`${service.name}: no source builds`, builds.length > 0 && `source builds: ${render(builds)}`);
}

/** Extensions that come with an image (ParadeDB's pg_search) make the container start from that image. */
export function extensionImage(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  return service.extensions.flatMap((extension) => {
    if (extension.install.via !== "image") return [];
    const image = extension.install.ready.image(Number(service.version));
    const name = `${service.name}: ${extension.id} from ${image} (ParadeDB ${PARADEDB_VERSION})`;
    return [check(name, container.from !== image && `starts from ${container.from ?? "a build"}`)];
  });
}

/**
 * Settings and preloads the extensions need, passed to the server as `-c name=value`. A ready image's own
 * postgresql.conf (ParadeDB's preloads pg_search, pg_cron and pg_stat_statements, and runs pg_cron in the
 * postgres database) is never overridden: a flag replaces the image's value, and its start-up needs it.
 */
export function extensionSettings(service: NormalizedService, container: RecordedContainer): PipelineCheck[] {
  const ready = readyImageOf(service);
  const args = container.defaultArgs ?? [];
  const flags = new Map(
    args.flatMap((arg, index) => {
      const [key = "", ...value] = arg.split("=");
      return args[index - 1] === "-c" ? [[key, value.join("=")] as const] : [];
    }),
  );
  const given = (key: string) => flags.get(key);
  const checks: PipelineCheck[] = [];
  const imagePreload = ready?.preloads ?? [];
  const needed = service.extensions.flatMap((extension) => extension.preload);
  const preload = given("shared_preload_libraries")?.split(",");
  const wanted = [...new Set([...imagePreload, ...needed])];
  if (needed.length > 0 || (preload !== undefined && imagePreload.length > 0)) {
    // A flag replaces the image's list: it must keep the image's entries and add the extensions'.
    const lacking = wanted.filter((library) => !preload?.includes(library));
    checks.push(
      check(
        ready
          ? `${service.name}: server preloads ${wanted.join(",")}, the image's own list included`
          : `${service.name}: server runs with -c shared_preload_libraries=${wanted.join(",")}`,
        lacking.length > 0 && `args: ${args.join(" ") || "none"}`,
      ),
    );
  }
  for (const extension of service.extensions) {
    for (const [key, template] of Object.entries(extension.settings)) {
      const imageValue = ready?.settings[key];
      if (imageValue !== undefined) {
        checks.push(
          check(
            `${service.name}: keeps the image's ${key}=${imageValue}`,
            given(key) !== undefined && `replaced by -c ${key}=${given(key)}`,
          ),
        );
        continue;
      }
      const value = template.replace("{database}", service.database ?? "");
      checks.push(
        check(
          `${service.name}: server runs with -c ${key}=${value}`,
          given(key) !== value && `args: ${args.join(" ") || "none"}`,
        ),
      );
    }
  }
  return checks;
}

function readyImageOf(service: NormalizedService): ReadyImage | undefined {
  for (const extension of service.extensions)
    if (extension.install.via === "image") return extension.install.ready;
  return undefined;
}

function render(execs: string[][]): string {
  return execs.map((args) => JSON.stringify(args)).join(", ");
}
