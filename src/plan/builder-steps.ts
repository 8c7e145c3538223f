import { floatingReason } from "../spec/catalog/images.js";
import { BUILD_SECONDS, HEAVY_PIP_PACKAGES, PYTORCH_CPU_INDEX } from "../spec/catalog/packages.js";
import { isService, type NormalizedService, type NormalizedStack, serviceByName } from "../spec/model.js";
import {
  envSteps,
  extraPortSteps,
  featureMountSteps,
  healthcheckStep,
  processSteps,
  urlHoldsPassword,
} from "./builder-features.js";
import { postgresServer, shippedByImage } from "./postgres-server.js";

/**
 * How each container is built, as language-neutral data. The TypeScript and Python renderers turn the
 * same steps into a method chain, so the rules (secrets for credentials, packages before config, one
 * `apt-get update && install` exec, cache volumes for package caches, unmounted before the container runs
 * as a service) live in one place.
 */
export type Value =
  | { type: "text"; text: string }
  | { type: "number"; value: number }
  /** A field of this service's config, e.g. `database`. */
  | { type: "config"; field: string }
  /** A field of another service's config, e.g. the database's `user`; `port` is a number. */
  | { type: "serviceConfig"; service: string; field: string }
  /** The in-stack URL of a dependency (its alias and container port). */
  | { type: "internalUrl"; service: string }
  /** A stack-level secret made at run time (the config's `secrets`). */
  | { type: "stackSecret"; name: string };

/** A healthcheck as Dagger's withDockerHealthcheck takes it; durations as compose writes them ("10s"). */
export interface HealthcheckArgs {
  args: string[];
  shell: boolean;
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  startInterval?: string;
}

export type Step =
  /** One `apt-get update && install` exec with apt's lists in a Locked cache volume, unmounted after it. */
  | { op: "aptInstall"; packages: string[]; comment?: string }
  /** `pip install`, with pip's cache in a cache volume, unmounted after it; `extraIndex` adds a package index. */
  | { op: "pipInstall"; packages: string[]; extraIndex?: string; comment?: string }
  /** The image's Docker HEALTHCHECK is dropped, so that Dagger's readiness check dials the exposed port. */
  | { op: "portReadiness"; comment?: string }
  /** The service's own healthcheck: Dagger runs it, instead of dialing the port, to know it is ready. */
  | { op: "healthcheck"; check: HealthcheckArgs; comment?: string }
  | { op: "env"; name: string; value: Value; comment?: string }
  /** A secret made at run time from a value: named `<namespace>/<secretName>`; names cannot contain `/`. */
  | { op: "secretEnv"; name: string; secretName: string; value: Value; comment?: string }
  /** A credential read from the caller's environment (`env://VAR`). */
  | { op: "hostSecretEnv"; name: string; variable: string; comment?: string }
  | { op: "bind"; alias: string; service: string; comment?: string }
  /** A host folder; `owner` makes it the container user's, as a bind mount of their files would be. */
  | { op: "mount"; source: string; target: string; owner?: string; comment?: string }
  /** A host file, e.g. an init script. */
  | { op: "fileMount"; source: string; target: string; owner?: string; comment?: string }
  /** A Dagger cache volume named per project (Shared: a running service holds no lock on it). */
  | { op: "cacheMount"; cache: string; target: string; owner?: string; comment?: string }
  | { op: "tmpfs"; target: string; comment?: string }
  | { op: "workdir"; path: string; comment?: string }
  | { op: "user"; name: string; comment?: string }
  /** Replaces the image's ENTRYPOINT; Dagger also resets its default arguments, as Docker does. */
  | { op: "entrypoint"; args: string[]; comment?: string }
  | { op: "args"; args: string[]; comment?: string }
  /** `skipHealthcheck`: exposed, but not dialed for readiness (ports beyond the first). */
  | { op: "expose"; port: Value; protocol?: "udp"; skipHealthcheck?: true; comment?: string };

export interface BuildArg {
  name: string;
  value: string;
}

export type Origin =
  | { from: "image"; image: Value; comment?: string }
  | {
      from: "dockerfile";
      context: Value;
      dockerfile: Value;
      buildArgs: BuildArg[];
      target?: string;
      comment?: string;
    };

export interface BuilderModel {
  service: NormalizedService;
  origin: Origin;
  steps: Step[];
  /** Config fields the chain reads; renderers destructure exactly these. */
  fields: string[];
}

/** Where apt keeps its package lists and pip its downloads: cache volumes mounted for the install only. */
export const APT_LISTS = "/var/lib/apt/lists";
export const PIP_CACHE = "/root/.cache/pip";

/** The exec of a pip step: `pip install [--extra-index-url URL] packages...`. */
export function pipInstallArgs(step: Extract<Step, { op: "pipInstall" }>): string[] {
  return [
    "pip",
    "install",
    ...(step.extraIndex ? ["--extra-index-url", step.extraIndex] : []),
    ...step.packages,
  ];
}

const config = (field: string): Value => ({ type: "config", field });

export function builderModel(stack: NormalizedStack, service: NormalizedService): BuilderModel {
  const steps = [
    ...packageSteps(service),
    ...credentialSteps(service),
    ...dependencySteps(stack, service),
    ...envSteps(stack, service),
    ...featureMountSteps(stack, service),
    ...processSteps(service),
    ...argsSteps(service),
    ...exposeSteps(service),
    ...extraPortSteps(service),
  ];
  const origin = originOf(service);
  return { service, origin, steps, fields: fieldsRead(origin, steps) };
}

function originOf(service: NormalizedService): Origin {
  if (service.build) {
    const { args, target } = service.build;
    return {
      from: "dockerfile",
      context: config("context"),
      dockerfile: config("dockerfile"),
      buildArgs: args.map((arg) => ({ ...arg })),
      ...(target !== undefined ? { target } : {}),
      comment: `Built from the project's own Dockerfile${target !== undefined ? ` (its ${target} stage)` : ""}; the Dagger engine caches its layers.`,
    };
  }
  const viaImage = service.extensions.find((extension) => extension.install.via === "image");
  return { from: "image", image: config("image"), comment: imageComment(service, viaImage?.id) };
}

function imageComment(service: NormalizedService, readyFor: string | undefined): string {
  const ready = postgresServer(service).readyImage;
  if (readyFor && ready) {
    return `A ready image for ${readyFor}: ParadeDB publishes pg_search as images and .deb files. Building it from source would need a Rust toolchain, which the postgres image does not have. Server flags replace its postgresql.conf values, and ${ready.notes}: a preload list below keeps its entries.`;
  }
  const floating = service.image === undefined ? undefined : floatingReason(service.image);
  if (floating) {
    return `Not fully pinned: ${floating}, so two machines may build different containers. Name a patch release and its OS release (e.g. python:3.12.14-slim-bookworm), or a digest.`;
  }
  return "Pinned to a patch release and its OS release: the same container on every machine and in CI.";
}
function packageSteps(service: NormalizedService): Step[] {
  const steps: Step[] = [];
  const apt = [...aptPackagesForExtensions(service), ...service.packages.apt];
  if (apt.length > 0) {
    const shipped = shippedByImage(service);
    const fromExtensions = service.extensions.filter(
      (extension) => extension.install.via === "apt" && !shipped.has(extension.id),
    );
    steps.push({
      op: "aptInstall",
      packages: apt,
      comment:
        fromExtensions.length > 0
          ? `${fromExtensions.map((extension) => extension.id).join(", ")} from the PGDG apt repository the image already carries: packages install in seconds, no source build. ${UNMOUNT_NOTE}`
          : `System packages; update and install in one step so a cached update never goes stale. ${UNMOUNT_NOTE}`,
    });
  }
  if (service.packages.pip.length > 0) steps.push(pipStep(service.packages.pip));
  return steps;
}

/** Why the cache is unmounted right after the install (engine: core/service.go lockMountedCaches). */
const UNMOUNT_NOTE =
  "The cache is unmounted afterwards: a running service would hold its lock until it stops, and every other build on the engine that uses it would wait.";

function pipStep(packages: readonly string[]): Step {
  const unpinned = packages.filter((name) => !/[=<>~]=|===|@/.test(name));
  const heavy = packages.filter((name) => HEAVY_PIP_PACKAGES.has(pipName(name)));
  const notes = ["Python packages, with pip's cache in a cache volume, unmounted afterwards."];
  if (heavy.length > 0)
    notes.push(
      `${heavy.join(", ")} ${heavy.length > 1 ? "pull" : "pulls"} PyTorch: its CPU wheels come from PyTorch's own index (about 200 MB instead of several GB of CUDA wheels); remove --extra-index-url for GPU builds.`,
    );
  if (unpinned.length > 0)
    notes.push(
      `Not pinned: ${unpinned.join(", ")}; write name==version in the spec so that the next release cannot change the build.`,
    );
  return {
    op: "pipInstall",
    packages: [...packages],
    ...(heavy.length > 0 ? { extraIndex: PYTORCH_CPU_INDEX } : {}),
    comment: notes.join(" "),
  };
}

/** `openai-whisper==20250625` → `openai-whisper`. */
function pipName(requirement: string): string {
  return (
    requirement
      .split(/[=<>~!;@[\s]/)[0]
      ?.toLowerCase()
      .replace(/[_.]+/g, "-") ?? ""
  );
}

function aptPackagesForExtensions(service: NormalizedService): string[] {
  const shipped = shippedByImage(service);
  const major = Number(service.version);
  return service.extensions.flatMap((extension) =>
    extension.install.via === "apt" && !shipped.has(extension.id) ? extension.install.packages(major) : [],
  );
}

function credentialSteps(service: NormalizedService): Step[] {
  const credentials = service.kind.credentials;
  if (!credentials) return [];
  const steps: Step[] = [];
  if (credentials.userEnv) steps.push({ op: "env", name: credentials.userEnv, value: config("user") });
  if (credentials.databaseEnv)
    steps.push({ op: "env", name: credentials.databaseEnv, value: config("database") });
  steps.push({
    op: "secretEnv",
    name: credentials.passwordEnv,
    secretName: `${service.name}/password`,
    value: config("password"),
    comment: "A Dagger secret, not an env variable: plain env values end up in IDs, cache keys and traces.",
  });
  return steps;
}

/**
 * Each service listed in dependsOn is bound under its name, with its in-stack URL as `<NAME>_URL`. One the
 * env refers to is only bound: the env says what the container reads. A job is run before, not bound.
 */
function dependencySteps(stack: NormalizedStack, service: NormalizedService): Step[] {
  return service.dependencies.flatMap(({ service: name, implicit }): Step[] => {
    const dependency = serviceByName(stack, name);
    if (dependency.job) return [];
    const bind: Step = {
      op: "bind",
      alias: name,
      service: name,
      comment: `"${name}" resolves to the ${name} service only inside this container.`,
    };
    if (implicit) return [bind];
    const variable = `${dependency.names.constant}_URL`;
    const url: Value = { type: "internalUrl", service: name };
    const urlStep: Step = urlHoldsPassword(dependency)
      ? { op: "secretEnv", name: variable, secretName: `${service.name}/${name}-url`, value: url }
      : { op: "env", name: variable, value: url };
    return [bind, urlStep];
  });
}

function argsSteps(service: NormalizedService): Step[] {
  const server = postgresServer(service);
  if (server.flags.length > 0) {
    return [
      {
        op: "args",
        args: ["postgres", ...server.flags.flatMap((setting) => ["-c", setting])],
        comment: "Server settings the extensions need before CREATE EXTENSION works.",
      },
    ];
  }
  return service.command.length > 0 ? [{ op: "args", args: service.command }] : [];
}

function exposeSteps(service: NormalizedService): Step[] {
  if (!isService(service)) return [];
  const check = service.healthcheck;
  if (check !== undefined && check !== "none") {
    return [
      healthcheckStep(check),
      {
        op: "expose",
        port: config("port"),
        comment: "The port of the service's URL; the healthcheck above, not the port, says when it is ready.",
      },
    ];
  }
  const expose: Step = {
    op: "expose",
    port: config("port"),
    comment: `Ready when the port accepts connections: ${service.kind.readiness}.`,
  };
  if (check === "none") return [{ op: "portReadiness", comment: NO_HEALTHCHECK_NOTE }, expose];
  if (keepsImageHealthcheck(service)) return [expose];
  return [{ op: "portReadiness", comment: PORT_READINESS_NOTE }, expose];
}

/**
 * Dagger runs an image's Docker HEALTHCHECK instead of dialing the exposed ports, giving up after 3
 * failures 5 s apart unless the image says otherwise (engine: core/service.go, core/healthcheck.go).
 * Official images define none, nor does ParadeDB's (built on them); a Dockerfile or another vendor's
 * image may, so those drop it.
 */
function keepsImageHealthcheck(service: NormalizedService): boolean {
  return service.kind.imageHealthcheck === "none" && !service.build;
}

const NO_HEALTHCHECK_NOTE =
  "healthcheck: none in the spec: the image's HEALTHCHECK, if it has one, is dropped, so Dagger dials the port instead.";

const PORT_READINESS_NOTE =
  "Without this, a HEALTHCHECK in the image would replace Dagger's port check and fail the start after 3 tries 5 s apart; remove it to rely on your own HEALTHCHECK (withDockerHealthcheck sets its timing).";

function fieldsRead(origin: Origin, steps: Step[]): string[] {
  const values: Value[] = origin.from === "image" ? [origin.image] : [origin.context, origin.dockerfile];
  for (const step of steps) {
    if ("value" in step) values.push(step.value);
    if (step.op === "expose") values.push(step.port);
  }
  const fields = values.flatMap((value) => (value.type === "config" ? [value.field] : []));
  return [...new Set(fields)];
}

/**
 * Seconds building this container may take on a cold engine: a Dockerfile build, system packages and pip
 * packages (PyTorch's wheels the most), so that generated tests wait long enough for what the builder does.
 */
export function buildSeconds(service: NormalizedService): number {
  const { apt, pip } = service.packages;
  const heavy = pip.some((name) => HEAVY_PIP_PACKAGES.has(pipName(name)));
  return (
    BUILD_SECONDS.base +
    (service.build ? BUILD_SECONDS.dockerfile : 0) +
    (apt.length > 0 ? BUILD_SECONDS.apt : 0) +
    (heavy ? BUILD_SECONDS.heavyPip : pip.length > 0 ? BUILD_SECONDS.pip : 0)
  );
}
