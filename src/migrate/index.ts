import type { ProjectInventory } from "../readers/inventory.js";
import { type MigrationReport, type ServiceReport, warningLine } from "../readers/report.js";
import type { CiProvider, Language } from "../spec/model.js";
import { suggestName } from "../spec/names.js";
import type { StackSecretSpec, StackSpecInput } from "../spec/schema.js";
import { credentialValues } from "./collect.js";
import { convertEnvironment, type StackView } from "./env.js";
import { reportKeys } from "./keys.js";
import type { EnvOutcome, ServicePlan, SourceService } from "./model.js";
import { stackNames } from "./names.js";
import { planService } from "./plan.js";
import { SecretPool } from "./secrets.js";
import { type SourceOptions, type Sources, sourcesOf } from "./sources.js";
import { assembleService, secretReports, testEnvOf } from "./spec-out.js";
import { unusableReason } from "./usable.js";

/**
 * Step 2 of a migration, pure: what the project has (the readers' inventory) → the stack spec, and a
 * report entry for every service and every top-level key of each. Credential values never reach either:
 * they become Dagger secrets shared by every container that holds the same value, or references to the
 * database the stack makes them for.
 */
export interface ConvertOptions {
  /** The stack's name when the compose files do not give one: the project's. */
  name: string;
  language?: Language;
  ci?: CiProvider;
  /** The services to carry over, by the project's names; every one found when absent. */
  services?: readonly string[];
  /** Whether the stack is also a Dagger module (`--module`, or what an earlier run chose). */
  module?: boolean;
  /** The files of the stack the project already has (dagger-stack.json's): a second migration, or one after create. */
  existingStack?: { files: readonly string[] };
}

export interface Conversion {
  spec: StackSpecInput;
  /** Steps 3 and 4 fill `tests` and `ci`. */
  report: MigrationReport;
}

export interface Candidate {
  name: string;
  /** Where it was found: `compose.yaml`, `.github/workflows/test.yml`, `package.json`. */
  file: string;
  /** Its image, build context or proposed kind, for a checkbox label. */
  what: string;
  /** Why it cannot be carried over; absent when it can. */
  skipped?: string;
}

/** The services a migration can carry over (and those compose itself skips), for the user to pick from. */
export function migrationCandidates(inventory: ProjectInventory, options: SourceOptions = {}): Candidate[] {
  const sources = sourcesOf(inventory, options);
  return [
    ...sources.services.map((source): Candidate => {
      const reason = unusableReason(source);
      return {
        name: source.name,
        file: source.file,
        what: describe(source),
        ...(reason && { skipped: reason }),
      };
    }),
    ...sources.skipped.map(
      (entry): Candidate => ({
        name: entry.name,
        file: entry.source ?? "",
        what: "",
        skipped: entry.status === "skipped" ? entry.reason : "",
      }),
    ),
  ];
}

function describe(source: SourceService): string {
  if (source.proposal) return `${source.proposal.kind}, from ${source.proposal.evidence[0] ?? source.file}`;
  if (source.config.build) return `built from ${source.config.build.context}`;
  return source.config.image ?? "";
}

export function convertProject(inventory: ProjectInventory, options: ConvertOptions): Conversion {
  const sources = sourcesOf(inventory, {
    ...(options.existingStack && { existingStack: options.existingStack }),
  });
  const { carried, notCarried } = select(sources, options.services);
  const names = stackNames(carried.map((source) => source.name));
  const plans = carried.map((source) => planService(source, names.get(source.name) ?? source.name, carried));
  const view = stackView(plans);
  const environments = new Map(plans.map((plan) => [plan, convertEnvironment(plan, view)]));
  const warnings: string[] = [];
  const converted = plans.map((plan) =>
    convertService(plan, view, environments.get(plan) ?? [], { inventory, notCarried, warnings }),
  );
  const spec: StackSpecInput = {
    name: stackName(inventory.compose?.name ?? options.name),
    ...(options.language && { language: options.language }),
    services: converted.map((service) => service.spec),
  };
  const secrets = view.pool
    .secrets()
    .flatMap((secret): [string, StackSecretSpec][] => (secret.spec ? [[secret.name, secret.spec]] : []));
  if (secrets.length > 0) spec.secrets = Object.fromEntries(secrets);
  const testEnv = testEnvOf(plans, environments, view, warnings);
  if (Object.keys(testEnv).length > 0) spec.testEnv = testEnv;
  if (options.ci) spec.ci = options.ci;
  if (options.module) spec.module = true;
  return {
    spec,
    report: {
      services: [...converted.map((service) => service.report), ...notCarriedReports(sources, notCarried)],
      secrets: secretReports(plans, view),
      tests: [],
      ci: [],
      warnings: [...inventory.warnings.map(warningLine), ...sources.warnings, ...warnings],
    },
  };
}

interface Selection {
  carried: SourceService[];
  /** Every service of the project not carried over, with why. */
  notCarried: Map<string, string>;
}

function select(sources: Sources, wanted: readonly string[] | undefined): Selection {
  const notCarried = new Map<string, string>();
  for (const entry of sources.skipped) {
    if (entry.status === "skipped") notCarried.set(entry.name, entry.reason);
  }
  const carried = sources.services.filter((source) => {
    const reason =
      unusableReason(source) ?? (wanted && !wanted.includes(source.name) ? "not selected" : undefined);
    if (reason) notCarried.set(source.name, reason);
    return reason === undefined;
  });
  return { carried, notCarried };
}

function notCarriedReports(sources: Sources, notCarried: ReadonlyMap<string, string>): ServiceReport[] {
  const fromCompose = new Set(sources.skipped.map((entry) => entry.name));
  const unselected = sources.services
    .filter((source) => notCarried.has(source.name) && !fromCompose.has(source.name))
    .map(
      (source): ServiceReport => ({
        name: source.name,
        source: source.file,
        status: "skipped",
        reason: notCarried.get(source.name) ?? "",
      }),
    );
  return [...unselected, ...sources.skipped];
}

function stackView(plans: readonly ServicePlan[]): StackView {
  const byHost = new Map<string, ServicePlan>();
  for (const plan of plans) for (const host of plan.hosts) if (!byHost.has(host)) byHost.set(host, plan);
  return {
    plans,
    byHost,
    pool: new SecretPool(),
    credentials: credentialValues(plans),
    passwordUsers: new Map(),
  };
}

interface ServiceContext {
  inventory: ProjectInventory;
  notCarried: ReadonlyMap<string, string>;
  warnings: string[];
}

function convertService(
  plan: ServicePlan,
  view: StackView,
  env: readonly EnvOutcome[],
  context: ServiceContext,
) {
  const draft = { spec: { name: plan.name, kind: plan.kind }, mounts: [], dependencies: [] };
  const keys = reportKeys({
    key: "",
    plan,
    view,
    draft,
    env,
    configs: context.inventory.compose?.configs ?? {},
    notCarried: context.notCarried,
    warnings: context.warnings,
  });
  const report: ServiceReport = {
    name: plan.source.name,
    source: plan.source.file,
    status: "converted",
    kind: plan.kind,
    ...(plan.name !== plan.source.name && { stackName: plan.name }),
    ...(plan.job && { run: "once" as const }),
    ...(plan.source.proposal && { evidence: plan.source.proposal.evidence }),
    keys,
  };
  return { spec: assembleService(plan, draft, env, view), report };
}

const PROJECT_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

function stackName(name: string): string {
  return PROJECT_NAME.test(name) ? name : suggestName(name);
}
