import type { ComposeResource, Port } from "../readers/inventory.js";
import { floatingReason } from "../spec/catalog/images.js";
import { findKind } from "../spec/catalog/services.js";
import { isCredentialName, revealsCredential } from "./credentials.js";
import type { StackView } from "./env.js";
import { environmentEntries } from "./environment.js";
import { convertHealthcheck } from "./healthcheck.js";
import {
  catalogVersionsOf,
  type ImageReference,
  isUnpinned,
  newestCatalogVersion,
  parseImage,
} from "./images.js";
import type { DependencyDraft, EnvOutcome, ServiceDraft, ServicePlan, Verdict } from "./model.js";
import { convertTmpfs, convertVolumes } from "./mounts.js";
import { listensOnNoPort, resolvedImage } from "./plan.js";
import { isBuildable } from "./usable.js";

/**
 * The converters of the keys the stack has an equivalent for. Each writes its part of the service's
 * spec into the draft and returns the report entry's status and note. The note never holds a value
 * that could be a credential.
 */
export interface KeyInput {
  key: string;
  plan: ServicePlan;
  view: StackView;
  draft: ServiceDraft;
  env: readonly EnvOutcome[];
  /** Top-level compose configs, for the service's `configs:`. */
  configs: Readonly<Record<string, ComposeResource>>;
  /** Why each service of the project that is not carried over is not. */
  notCarried: ReadonlyMap<string, string>;
  warnings: string[];
}

const converted = (note?: string): Verdict =>
  note ? { status: "converted", note } : { status: "converted" };
const approximated = (note: string): Verdict => ({ status: "approximated", note });
const dropped = (note: string): Verdict => ({ status: "dropped", note });

/** One part of a key (an entry of a list, a variable): kept as written, kept with a change, or lost. */
interface Part {
  state: "ok" | "changed" | "lost";
  note?: string;
}

/** A key's parts together: converted when all are kept as written, dropped when all are lost. */
function combined(parts: readonly Part[]): Verdict {
  const note = parts.flatMap((part) => (part.note ? [part.note] : [])).join("; ");
  if (parts.every((part) => part.state === "ok")) return converted(note);
  return parts.every((part) => part.state === "lost") ? dropped(note) : approximated(note);
}

export function image({ plan, draft, warnings }: KeyInput): Verdict {
  if (isBuildable(plan.source.config.build)) {
    return dropped("the image is built from build:, so the name compose tags it with is not needed");
  }
  const { image: written, matrix } = resolvedImage(plan.source);
  if (written === undefined) return dropped("a workflow expression only GitHub can evaluate");
  const reference = parseImage(written);
  const verdict = plan.catalog
    ? catalogImage(plan, written, reference, draft, warnings)
    : customImage(plan, written, reference, draft, warnings);
  return matrix ? approximated([matrix, verdict.note].filter(Boolean).join("; ")) : verdict;
}

function catalogImage(
  plan: ServicePlan,
  written: string,
  reference: ImageReference,
  draft: ServiceDraft,
  warnings: string[],
): Verdict {
  const catalog = plan.catalog;
  const kind = findKind(plan.kind);
  if (!catalog || !kind) return converted();
  const newest = newestCatalogVersion(plan.kind);
  const pinned = newest === undefined ? undefined : kind.images?.[newest];
  const sameFamily = pinned !== undefined && parseImage(pinned).repository === reference.repository;
  if (isUnpinned(reference) && newest && pinned && (sameFamily || catalog.extensions.length > 0)) {
    draft.spec.version = newest;
    const extras = catalog.extensions.length > 0 ? `, with ${catalog.extensions.join(", ")}` : "";
    const why = reference.tag === undefined ? "no tag" : `${reference.tag} is not a version`;
    return approximated(`${why}: pinned to the catalog's ${plan.kind} ${newest} (${pinned}${extras})`);
  }
  const floating =
    catalog.extensions.length === 0 ? pinForFloatingTag(plan.kind, written, reference) : undefined;
  if (floating) {
    draft.spec.version = floating.version;
    return approximated(
      `${floating.reason}; pinned to the catalog's ${plan.kind} ${floating.version} (${floating.image})`,
    );
  }
  draft.spec.image = written;
  if (catalog.version) draft.spec.version = catalog.version;
  if (isUnpinned(reference)) return unpinned(plan, written, warnings);
  if (catalog.taggedVersion && !catalog.version) {
    return converted(
      `${plan.kind} ${catalog.taggedVersion} is not a catalog version; the image is kept as it is`,
    );
  }
  return converted();
}

/**
 * `postgres:16` or `redis:7` moves with each release: the catalog's pin of that line (the newest catalog
 * version the tag names) starts the same image family at a fixed release, so every run gets one image.
 */
function pinForFloatingTag(
  kind: string,
  written: string,
  reference: ImageReference,
): { version: string; image: string; reason: string } | undefined {
  const reason = floatingReason(written);
  const tag = reference.tag;
  if (reason === undefined || tag === undefined || isUnpinned(reference)) return undefined;
  const images: Readonly<Record<string, string>> = findKind(kind)?.images ?? {};
  const version = catalogVersionsOf(kind)
    .filter((candidate) => candidate === tag || candidate.startsWith(`${tag}.`))
    .at(-1);
  const image = version === undefined ? undefined : images[version];
  if (version === undefined || image === undefined) return undefined;
  if (parseImage(image).repository !== reference.repository) return undefined;
  return { version, image, reason };
}

function customImage(
  plan: ServicePlan,
  written: string,
  reference: ImageReference,
  draft: ServiceDraft,
  warnings: string[],
): Verdict {
  draft.spec.image = written;
  return isUnpinned(reference) ? unpinned(plan, written, warnings) : converted();
}

function unpinned(plan: ServicePlan, written: string, warnings: string[]): Verdict {
  warnings.push(
    `${plan.source.name}: ${written} is not pinned, so each run may start another image; pin a version tag or a digest in the stack's config`,
  );
  return converted("not pinned: kept as written (see the warnings)");
}

export function build({ plan, draft, view }: KeyInput): Verdict {
  const config = plan.source.config.build;
  if (!config) return converted();
  if (config.context.includes("://")) {
    return dropped("a remote build context: the stack builds from folders of the project");
  }
  if (config.dockerfile_inline !== undefined) {
    return dropped("an inline Dockerfile: the stack builds from a Dockerfile in the project");
  }
  const spec: NonNullable<ServiceDraft["spec"]["build"]> & object = { context: projectPath(config.context) };
  if (config.dockerfile) spec.dockerfile = config.dockerfile;
  if (config.target) spec.target = config.target;
  const parts: Part[] = [];
  const args: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.args ?? {})) {
    if (value === null) {
      parts.push({ state: "ok", note: `${name} has no value here, so the Dockerfile's default applies` });
    } else if (isCredentialName(name) || revealsCredential(value, view.credentials)) {
      parts.push({
        state: "lost",
        note: `${name} is a credential: build arguments are baked into the image's layers, so pass it at run time instead`,
      });
    } else {
      args[name] = value;
    }
  }
  if (Object.keys(args).length > 0) spec.args = args;
  const others = Object.keys(config).filter(
    (key) => !["context", "dockerfile", "args", "target"].includes(key),
  );
  if (others.length > 0)
    parts.push({ state: "lost", note: `${others.join(", ")} ${isAre(others)} not kept` });
  draft.spec.build = spec;
  return parts.length === 0 ? converted() : combined([{ state: "ok" }, ...parts]);
}

function isAre(list: readonly unknown[]): string {
  return list.length === 1 ? "is" : "are";
}

function projectPath(path: string): string {
  return path === "." || path.startsWith("./") ? path : `./${path}`;
}

const CARRIES_CREDENTIAL =
  "it contains a credential, which would be written into generated code; have the image read it from an environment variable";

export function command({ plan, draft, view }: KeyInput): Verdict {
  const words = plan.source.config.command;
  if (!words) return converted();
  if (revealsCredential(words.join(" "), view.credentials)) return dropped(CARRIES_CREDENTIAL);
  draft.spec.command = words;
  return converted();
}

export function entrypoint({ plan, draft, view }: KeyInput): Verdict {
  const words = plan.source.config.entrypoint;
  if (!words) return converted();
  if (revealsCredential(words.join(" "), view.credentials)) return dropped(CARRIES_CREDENTIAL);
  draft.spec.entrypoint = words;
  return converted();
}

export function workdir({ plan, draft }: KeyInput): Verdict {
  if (plan.source.config.working_dir) draft.spec.workdir = plan.source.config.working_dir;
  return converted();
}

export function runAs({ plan, draft }: KeyInput): Verdict {
  if (plan.source.config.user) draft.spec.runAs = plan.source.config.user;
  return converted();
}

export function environment({ env, key }: KeyInput): Verdict {
  return envVerdict(env.filter((entry) => entry.key === key));
}

const ENTRY_STATE = { converted: "ok", approximated: "changed", dropped: "lost" } as const;

function envVerdict(entries: readonly EnvOutcome[], extra: Part[] = []): Verdict {
  return combined([
    ...entries.map((entry) => ({
      state: ENTRY_STATE[entry.status],
      ...(entry.note && { note: `${entry.name}: ${entry.note}` }),
    })),
    ...extra,
  ]);
}

export function envFile({ plan, env }: KeyInput): Verdict {
  const files = plan.source.config.env_file ?? [];
  const fileParts = files.flatMap((file): Part[] => {
    if (file.found) return [];
    return file.required
      ? [{ state: "lost" as const, note: `${file.path} is missing, so its variables are unknown` }]
      : [{ state: "ok" as const, note: `${file.path} (optional) is not there` }];
  });
  const read = files.filter((file) => file.found).map((file) => file.path);
  const entries = env.filter((entry) => entry.key === "env_file");
  if (entries.length === 0 && fileParts.length === 0) {
    return converted(read.length > 0 ? `${read.join(", ")} set nothing compose keeps` : undefined);
  }
  return envVerdict(entries, fileParts);
}

export function ports({ plan }: KeyInput): Verdict {
  if (plan.job) return dropped("a one-shot job has no port");
  const parts = (plan.source.config.ports ?? []).map(portPart);
  return parts.length === 0 ? converted() : combined(parts);
}

function portPart(port: Port): Part {
  if (port.target === 0) return { state: "lost", note: `${port.published}: a workflow expression` };
  const notes: string[] = [];
  if (port.published?.includes("-")) {
    notes.push(`host ports ${port.published}: the stack publishes ${port.published.split("-")[0]}`);
  }
  if (port.host_ip) {
    notes.push(`bound to ${port.host_ip} in compose; the stack's tunnels listen on every interface`);
  }
  const state = notes.length === 0 ? "ok" : "changed";
  for (const field of ["app_protocol", "name"] as const) {
    if (port[field] !== undefined) notes.push(`${field} ${port[field]} is not kept`);
  }
  return notes.length > 0 ? { state, note: `${port.target}: ${notes.join(", ")}` } : { state };
}

export function expose({ plan }: KeyInput): Verdict {
  return plan.job ? dropped("a one-shot job has no port") : converted();
}

export function volumes({ plan, draft }: KeyInput): Verdict {
  const result = convertVolumes(plan.source.config.volumes ?? [], plan);
  draft.mounts.push(...result.mounts);
  return result.verdict;
}

export function tmpfs({ plan, draft }: KeyInput): Verdict {
  const result = convertTmpfs(plan.source.config.tmpfs ?? []);
  draft.mounts.push(...result.mounts);
  return result.verdict;
}

export function healthcheck({ plan, draft }: KeyInput): Verdict {
  const check = plan.source.config.healthcheck;
  if (!check) return converted();
  if (plan.job) return dropped("a one-shot job runs to completion; it has no readiness to check");
  if (listensOnNoPort(plan)) return dropped(NO_PORT_HEALTH);
  const result = convertHealthcheck(check);
  if (result.spec !== undefined) draft.spec.healthcheck = result.spec;
  return result.verdict;
}

const NO_PORT_HEALTH =
  "it has no port in the compose files (ports or expose), so the stack runs it as a container, not a service: nothing waits for its health; give it ports in the spec to make it a service";
const NO_PORT_DEPENDENCY =
  "it has no port in the compose files (ports or expose), so the stack runs it as a container, not a service this one can reach or wait for; give it ports in the spec to make it a service";

const CONDITIONS = {
  service_started: "started",
  service_healthy: "healthy",
  service_completed_successfully: "completed",
} as const;

export function dependsOn({ plan, view, draft, notCarried }: KeyInput): Verdict {
  const parts = Object.entries(plan.source.config.depends_on ?? {}).map(([name, dependency]): Part => {
    const target = view.plans.find((candidate) => candidate.source.name === name);
    if (!target)
      return { state: "lost", note: `${name} is not carried over (${notCarried.get(name) ?? "unknown"})` };
    const notes: string[] = [];
    let condition: DependencyDraft["condition"] = CONDITIONS[dependency.condition];
    if (target.job && condition !== "completed") {
      notes.push(`${name} is a one-shot job, so it runs to completion first`);
      condition = "completed";
    }
    if (listensOnNoPort(target)) return { state: "lost", note: `${name}: ${NO_PORT_DEPENDENCY}` };
    if (!dependency.required) notes.push(`required: false; the stack always starts ${name}`);
    if (dependency.restart) notes.push("restart: true is not kept");
    draft.dependencies.push({ service: target.name, condition });
    return notes.length === 0 ? { state: "ok" } : { state: "changed", note: `${name}: ${notes.join(", ")}` };
  });
  return combined(parts);
}

export function profiles({ plan }: KeyInput): Verdict {
  const list = (plan.source.config.profiles ?? []).join(", ");
  return approximated(
    `carried over because its profile is selected (${list}); the stack has no profiles and always includes it`,
  );
}

export function extendsKey(): Verdict {
  return converted("merged with compose's rules before conversion");
}

export function secrets({ plan }: KeyInput): Verdict {
  const passwordFile = ownPasswordFile(plan);
  const mounts = plan.source.config.secrets ?? [];
  const own = mounts.filter((mount) => mount.target === passwordFile);
  const files = mounts.filter((mount) => mount.target !== passwordFile);
  const parts = [
    ...own.map(
      (mount): Part => ({ state: "ok", note: `${mount.source}: the stack passes the password itself` }),
    ),
    ...(files.length > 0
      ? [
          {
            state: "lost" as const,
            note: `the stack mounts no secret files (${files.map((mount) => `${mount.source} at ${mount.target}`).join(", ")}); pass ${files.length === 1 ? "it as an environment variable" : "them as environment variables"} instead`,
          },
        ]
      : []),
  ];
  return combined(parts);
}

/** The file a catalog database reads its password from (POSTGRES_PASSWORD_FILE), if the project sets it. */
function ownPasswordFile(plan: ServicePlan): string | undefined {
  const passwordEnv = plan.catalog ? findKind(plan.kind)?.credentials?.passwordEnv : undefined;
  if (!passwordEnv) return undefined;
  const entry = environmentEntries(plan.source).find((candidate) => candidate.name === `${passwordEnv}_FILE`);
  return entry?.value ?? undefined;
}

export function configs({ plan, draft, configs: resources }: KeyInput): Verdict {
  const parts = (plan.source.config.configs ?? []).map((mount) => {
    const resource = resources[mount.source];
    if (resource?.file && resource.found) {
      draft.mounts.push({ source: projectPath(resource.file), target: mount.target, type: "file" });
      return { state: "ok" as const };
    }
    const why = resource?.file
      ? `${resource.file} does not exist`
      : "its content is not a file of the project";
    return { state: "lost" as const, note: `${mount.source}: ${why}` };
  });
  return combined(parts);
}

export function networks({ plan }: KeyInput): Verdict {
  const aliases = plan.hosts.filter(
    (host) =>
      host !== plan.source.name &&
      host !== plan.source.config.hostname &&
      host !== plan.source.config.container_name,
  );
  if (aliases.length > 0) {
    return approximated(
      `aliases ${aliases.join(", ")}: the stack binds each service by its name only; environment values naming an alias were rebuilt with the name`,
    );
  }
  return dropped("the stack's services share one network and reach each other by service name");
}

export function links({ plan, view, draft }: KeyInput): Verdict {
  const words = Array.isArray(plan.source.config.links) ? plan.source.config.links.map(String) : [];
  for (const link of words) {
    const target = view.plans.find((candidate) => candidate.source.name === link.split(":")[0]);
    if (target && !draft.dependencies.some((dependency) => dependency.service === target.name)) {
      draft.dependencies.push({ service: target.name, condition: "started" });
    }
  }
  return converted("each linked service is a dependency, reached by its service name");
}

const WORKFLOW_FLAGS: Readonly<Record<string, (draft: ServiceDraft, value: string) => void>> = {
  "--tmpfs": (draft, value) => draft.mounts.push({ tmpfs: value.split(":")[0] ?? value }),
  "--entrypoint": (draft, value) => {
    draft.spec.entrypoint = [value];
  },
  "--user": (draft, value) => {
    draft.spec.runAs = value;
  },
  "-u": (draft, value) => {
    draft.spec.runAs = value;
  },
  "--workdir": (draft, value) => {
    draft.spec.workdir = value;
  },
  "-w": (draft, value) => {
    draft.spec.workdir = value;
  },
};

/** A workflow service's `options:`: health flags become its healthcheck, a few others their spec field. */
export function workflowOptions({ plan, draft }: KeyInput): Verdict {
  const options = plan.source.options;
  if (!options) return converted();
  const parts: Part[] = [];
  if (options.healthcheck) {
    const result = convertHealthcheck(options.healthcheck);
    if (result.spec !== undefined) draft.spec.healthcheck = result.spec;
    parts.push({ state: result.verdict.status === "dropped" ? "lost" : "ok", note: result.verdict.note });
  }
  for (const flag of options.other) {
    const [name = "", ...values] = flag.split(" ");
    const apply = WORKFLOW_FLAGS[name];
    if (apply && values.length > 0) apply(draft, unquote(values.join(" ")));
    else parts.push({ state: "lost", note: `${flag} is not kept` });
  }
  return parts.length === 0 ? converted() : combined(parts);
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') ? (JSON.parse(value) as string) : value;
}
