import type { SecretReport } from "../readers/report.js";
import { findKind } from "../spec/catalog/services.js";
import type { DependencySpec, EnvValueSpec, ServiceSpecInput, StackSpecInput } from "../spec/schema.js";
import type { StackView } from "./env.js";
import type { DependencyDraft, EnvDraft, EnvOutcome, ServiceDraft, ServicePlan } from "./model.js";
import { listensOnNoPort } from "./plan.js";

/**
 * The converted service as a spec entry, its fields in one fixed order so that the same project always
 * gives the same spec (and a second run changes nothing).
 */
export function assembleService(
  plan: ServicePlan,
  draft: ServiceDraft,
  env: readonly EnvOutcome[],
  view: StackView,
): ServiceSpecInput {
  const { spec } = draft;
  const kind = findKind(plan.kind);
  const [primary] = plan.ports;
  const extensions = plan.catalog?.extensions ?? [];
  const environment = Object.fromEntries(
    env.flatMap((entry) => (entry.value ? [[entry.name, envValue(entry.value, view)] as const] : [])),
  );
  const dependencies = withNamedServices(draft.dependencies, env, view);
  const result: ServiceSpecInput = { name: spec.name, kind: spec.kind };
  const set = <K extends keyof ServiceSpecInput>(key: K, value: ServiceSpecInput[K] | undefined) => {
    if (value !== undefined) result[key] = value;
  };
  set("version", spec.version);
  set("image", spec.image);
  set("build", spec.build);
  set("extensions", extensions.length > 0 ? [...extensions] : undefined);
  set("user", kind?.credentials ? plan.user : undefined);
  set("database", kind?.credentials?.databaseEnv ? plan.database : undefined);
  // One port is written as port/containerPort; more as `ports`, which then holds the first one too.
  const single = plan.ports.length === 1 ? primary : undefined;
  set("port", single?.host);
  set("containerPort", single && single.container !== kind?.containerPort ? single.container : undefined);
  set("ports", plan.ports.length > 1 ? plan.ports.map((port) => ({ ...port })) : undefined);
  set("command", spec.command);
  set("entrypoint", spec.entrypoint);
  set("workdir", spec.workdir);
  set("runAs", spec.runAs);
  set("env", Object.keys(environment).length > 0 ? environment : undefined);
  set("mounts", draft.mounts.length > 0 ? draft.mounts : undefined);
  set("healthcheck", spec.healthcheck);
  set("dependsOn", dependencies.length > 0 ? dependencies.map(dependencySpec) : undefined);
  set("run", plan.job ? "once" : undefined);
  return result;
}

function envValue(value: EnvDraft, view: StackView): EnvValueSpec {
  switch (value.type) {
    case "literal":
      return value.value;
    case "host":
      return `env://${value.variable}`;
    case "service":
      return { service: value.service, value: value.value };
    case "secret":
      return view.pool.reference(value.group);
  }
}

/** Services a value names literally (`redis:6379`) are dependencies too, so the name resolves. */
function withNamedServices(
  dependencies: readonly DependencyDraft[],
  env: readonly EnvOutcome[],
  view: StackView,
): DependencyDraft[] {
  const result = [...dependencies];
  const reachable = (name: string) => {
    const target = view.plans.find((plan) => plan.name === name);
    return target === undefined || !listensOnNoPort(target);
  };
  for (const name of env.flatMap((entry) => entry.names ?? []).filter(reachable)) {
    if (!result.some((dependency) => dependency.service === name)) {
      result.push({ service: name, condition: "started" });
    }
  }
  return result;
}

function dependencySpec(dependency: DependencyDraft): DependencySpec {
  return dependency.condition === "started" ? dependency.service : { ...dependency };
}

/**
 * The secrets section of the report: each catalog database's password the project set or another
 * container uses (made at run time by the stack), then the shared secrets.
 */
export function secretReports(plans: readonly ServicePlan[], view: StackView): SecretReport[] {
  const passwords = plans.flatMap((plan): SecretReport[] => {
    const passwordEnv = plan.catalog ? findKind(plan.kind)?.credentials?.passwordEnv : undefined;
    const users = view.passwordUsers.get(plan.name) ?? [];
    if (!passwordEnv || (plan.password === undefined && users.length === 0)) return [];
    return [{ variable: passwordEnv, usedBy: [plan.source.name, ...users], source: "generated" }];
  });
  return [...passwords, ...view.pool.secrets().map((secret) => secret.report)];
}

/**
 * What the project's own tests read today, taken from the containers of its app (everything but the
 * catalog services): a variable rebuilt from a service, or a secret the stack makes, is given to the
 * tests too, with the host side of each URL. The first container to set a variable decides it.
 */
export function testEnvOf(
  plans: readonly ServicePlan[],
  environments: ReadonlyMap<ServicePlan, readonly EnvOutcome[]>,
  view: StackView,
  warnings: string[],
): NonNullable<StackSpecInput["testEnv"]> {
  const testEnv: NonNullable<StackSpecInput["testEnv"]> = {};
  const setBy = new Map<string, string>();
  const generated = new Set(
    view.pool
      .secrets()
      .filter((secret) => secret.report.source === "generated")
      .map((secret) => secret.name),
  );
  for (const plan of plans.filter((candidate) => !candidate.catalog)) {
    for (const entry of environments.get(plan) ?? []) {
      const value = entry.value ? envValue(entry.value, view) : undefined;
      if (typeof value !== "object") continue;
      if ("secret" in value && !generated.has(value.secret)) continue;
      const first = setBy.get(entry.name);
      if (first === undefined) {
        testEnv[entry.name] = value;
        setBy.set(entry.name, plan.source.name);
      } else if (JSON.stringify(testEnv[entry.name]) !== JSON.stringify(value)) {
        warnings.push(
          `${entry.name} means different things in ${first} and ${plan.source.name}; the tests get ${first}'s`,
        );
      }
    }
  }
  return testEnv;
}
