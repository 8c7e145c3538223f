import type { ServiceKind } from "./catalog/services.js";
import type { Build, Dependency, EnvValue, Healthcheck, Mount, StackSecret, TestEnvValue } from "./model.js";
import type { EnvValueSpec, HealthcheckSpec, MountSpec, ServiceSpec, StackSpec } from "./schema.js";
import { credentialReason } from "./secrets.js";

/**
 * Normalisation of the fields real compose files need (builds with args, mounts of every kind, references
 * between services, healthchecks, dependency conditions, stack secrets, the test environment). Only call
 * on a spec that validateSpec() accepted.
 */

/** A Dockerfile build: always for backend and frontend (default context `./<name>`), else when `build` is set. */
export function normalizeBuild(service: ServiceSpec, kind: ServiceKind): Build | undefined {
  if (kind.source !== "dockerfile" && !service.build) return undefined;
  const build = service.build;
  const args = build && "args" in build ? Object.entries(build.args ?? {}) : [];
  const target = build && "target" in build ? build.target : undefined;
  return {
    context: build?.context ?? `./${service.name}`,
    dockerfile: build?.dockerfile ?? "Dockerfile",
    args: args.map(([name, value]) => ({ name, value })),
    ...(target !== undefined ? { target } : {}),
  };
}

export function normalizeMounts(mounts: readonly MountSpec[]): Mount[] {
  return mounts.map((mount): Mount => {
    if ("cache" in mount) return { type: "cache", cache: mount.cache, target: mount.target };
    if ("tmpfs" in mount) return { type: "tmpfs", target: mount.tmpfs };
    const type = "type" in mount && mount.type === "file" ? "file" : "directory";
    return { type, source: mount.source, target: mount.target };
  });
}

/**
 * `env://NAME` reads NAME where the stack runs. A literal credential is read that way too, from a host
 * variable of its own name, and the literal is dropped: it must not land in generated code or the manifest.
 */
export function normalizeEnv(service: string, name: string, value: EnvValueSpec, notes: string[]): EnvValue {
  if (typeof value !== "string") {
    return "secret" in value
      ? { name, type: "secret", secret: value.secret }
      : { name, type: "service", reference: { service: value.service, value: value.value } };
  }
  if (value.startsWith("env://")) return { name, type: "hostEnv", variable: value.slice("env://".length) };
  const reason = credentialReason(name, value);
  if (reason === undefined) return { name, type: "literal", value };
  notes.push(
    `${service}: ${name} looks like a credential (${reason}), so its value was not written anywhere; the stack reads $${name} where it runs, as a Dagger secret. Export ${name} (or keep it in an env file git ignores) before starting the stack.`,
  );
  return { name, type: "hostEnv", variable: name };
}

/** Compose's `["CMD", ...]` runs its arguments; `["CMD-SHELL", "..."]` and a string run in the shell. */
export function normalizeHealthcheck(spec: HealthcheckSpec): Healthcheck | "none" {
  if (spec === "none") return "none";
  const [first = "", ...rest] = typeof spec.test === "string" ? ["CMD-SHELL", spec.test] : spec.test;
  return {
    args: rest,
    shell: first === "CMD-SHELL",
    ...(spec.interval !== undefined ? { interval: spec.interval } : {}),
    ...(spec.timeout !== undefined ? { timeout: spec.timeout } : {}),
    ...(spec.retries !== undefined ? { retries: spec.retries } : {}),
    ...(spec.startPeriod !== undefined ? { startPeriod: spec.startPeriod } : {}),
    ...(spec.startInterval !== undefined ? { startInterval: spec.startInterval } : {}),
  };
}

/**
 * What a service waits for: its dependsOn (a plain name waits for a service to start, or for a job to
 * complete), then every other service its env refers to, which it must be bound to.
 */
export function normalizeDependencies(service: ServiceSpec, all: readonly ServiceSpec[]): Dependency[] {
  const isJob = (name: string) =>
    all.some((candidate) => candidate.name === name && candidate.run === "once");
  const explicit = (service.dependsOn ?? []).map(
    (entry): Dependency =>
      typeof entry === "string"
        ? { service: entry, condition: isJob(entry) ? "completed" : "started", implicit: false }
        : { service: entry.service, condition: entry.condition, implicit: false },
  );
  const listed = new Set(explicit.map((dependency) => dependency.service));
  const implicit: Dependency[] = [];
  for (const value of Object.values(service.env ?? {})) {
    if (typeof value === "string" || !("service" in value) || listed.has(value.service)) continue;
    listed.add(value.service);
    implicit.push({ service: value.service, condition: "started", implicit: true });
  }
  return [...explicit, ...implicit];
}

export function normalizeSecrets(secrets: StackSpec["secrets"]): StackSecret[] {
  return Object.entries(secrets ?? {}).map(
    ([name, secret]): StackSecret =>
      "fromEnv" in secret ? { name, fromEnv: secret.fromEnv } : { name, generate: true },
  );
}

export function normalizeTestEnv(testEnv: StackSpec["testEnv"]): TestEnvValue[] {
  return Object.entries(testEnv ?? {}).map(
    ([name, value]): TestEnvValue =>
      "secret" in value
        ? { name, type: "secret", secret: value.secret }
        : { name, type: "service", reference: { service: value.service, value: value.value } },
  );
}
