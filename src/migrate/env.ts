import { findKind } from "../spec/catalog/services.js";
import { isCredential, isCredentialName, parseUrl, revealsCredential, type UrlParts } from "./credentials.js";
import { type EnvironmentEntry, environmentEntries } from "./environment.js";
import type { EnvDraft, EnvOutcome, ServicePlan } from "./model.js";
import type { SecretPool } from "./secrets.js";

/**
 * A container's environment, variable by variable: a catalog database's own login becomes the stack's
 * (its password made at run time), values that point at another service are rebuilt from the stack,
 * credentials become shared Dagger secrets, the rest stays as written. No credential value leaves here.
 */
export interface StackView {
  plans: readonly ServicePlan[];
  /** Carried-over services by every host name other containers may reach them by. */
  byHost: ReadonlyMap<string, ServicePlan>;
  pool: SecretPool;
  /** Every credential value in the project, so that a value containing one is caught too. */
  credentials: readonly string[];
  /** For each catalog service (by stack name), the other services its password reaches. */
  passwordUsers: Map<string, string[]>;
}

function usesPassword(view: StackView, target: ServicePlan, user: ServicePlan): void {
  const users = view.passwordUsers.get(target.name) ?? [];
  if (!users.includes(user.source.name)) users.push(user.source.name);
  view.passwordUsers.set(target.name, users);
}

export function convertEnvironment(plan: ServicePlan, view: StackView): EnvOutcome[] {
  return environmentEntries(plan.source).map((entry) => convertEntry(plan, entry, view));
}

function convertEntry(plan: ServicePlan, entry: EnvironmentEntry, view: StackView): EnvOutcome {
  const { name, value, key } = entry;
  const own = ownLogin(plan, name);
  if (own) return { name, key, ...own };
  if (value === null) return fromShell(plan, entry, view);
  const expression = workflowExpression(plan, entry, view);
  if (expression) return expression;
  return convertValue(plan, entry, value, view);
}

function convertValue(plan: ServicePlan, entry: EnvironmentEntry, value: string, view: StackView) {
  const url = parseUrl(value);
  const urlTarget = url ? view.byHost.get(url.host) : undefined;
  if (url && urlTarget && urlTarget !== plan) return urlReference(plan, entry, value, url, urlTarget, view);
  const hostTarget = hostReference(value, view);
  if (hostTarget && hostTarget.plan !== plan) return hostValue(entry, value, hostTarget);
  const owner = view.plans.find((other) => other.password !== undefined && other.password === value);
  if (owner && owner !== plan && isCredentialName(entry.name)) {
    usesPassword(view, owner, plan);
    return outcome(
      entry,
      { type: "service", service: owner.name, value: "password" },
      "converted",
      `${owner.source.name}'s password`,
    );
  }
  if (isCredential(entry.name, value))
    return credential(plan, entry, value, view, "converted", "a Dagger secret");
  if (revealsCredential(value, view.credentials)) {
    return credential(
      plan,
      entry,
      value,
      view,
      "approximated",
      "it contains a credential, so it is a Dagger secret as a whole",
    );
  }
  return outcome(entry, { type: "literal", value }, "converted");
}

/** A catalog service's own login variables: the stack sets them itself. */
function ownLogin(plan: ServicePlan, name: string): Omit<EnvOutcome, "name" | "key"> | undefined {
  const credentials = plan.catalog ? findKind(plan.kind)?.credentials : undefined;
  if (!credentials) return undefined;
  if (name === credentials.passwordEnv) return { status: "converted", note: "made at run time by the stack" };
  if (name === `${credentials.passwordEnv}_FILE`) {
    return {
      status: "converted",
      note: `the stack passes the password as ${credentials.passwordEnv} itself`,
    };
  }
  if (name === credentials.userEnv) return { status: "converted", note: "the service's user" };
  if (name === credentials.databaseEnv) return { status: "converted", note: "the service's database" };
  return undefined;
}

function credential(
  plan: ServicePlan,
  entry: EnvironmentEntry,
  value: string,
  view: StackView,
  status: "converted" | "approximated",
  note: string,
): EnvOutcome {
  if (value === "") {
    return outcome(
      entry,
      { type: "host", variable: entry.name },
      "approximated",
      `empty here; ${hostNote(entry.name)}`,
    );
  }
  const group = view.pool.add(value, {
    name: entry.name,
    user: plan.source.name,
    catalog: plan.catalog !== undefined,
  });
  return outcome(entry, { type: "secret", group }, status, note);
}

/**
 * `NAME:` without a value: compose passes the shell's, and the stack reads the same variable where it
 * runs. A credential's use is recorded, so the report lists it with the others.
 */
function fromShell(plan: ServicePlan, entry: EnvironmentEntry, view: StackView): EnvOutcome {
  if (!isCredentialName(entry.name)) {
    return outcome(entry, { type: "host", variable: entry.name }, "converted", hostNote(entry.name));
  }
  const group = view.pool.add(`\u0000${entry.name}`, {
    name: entry.name,
    user: plan.source.name,
    catalog: false,
    hostVariable: entry.name,
  });
  return outcome(entry, { type: "secret", group }, "converted", hostNote(entry.name));
}

function hostNote(variable: string): string {
  return `read from $${variable} where the stack runs`;
}

const SCHEME_ALIASES: Readonly<Record<string, string>> = { postgres: "postgresql" };
const DEFAULT_PORTS: Readonly<Record<string, string>> = {
  postgresql: "5432",
  redis: "6379",
  mysql: "3306",
  mongodb: "27017",
  http: "80",
};

/**
 * `postgres://u:p@db:5432/app` → `{ service: db, value: url }` when db is a catalog service whose URL
 * the stack builds; what the rebuilt URL changes is reported. Other services keep the URL as written
 * (inside the stack their name and port are the same), unless it carries a password.
 */
function urlReference(
  plan: ServicePlan,
  entry: EnvironmentEntry,
  value: string,
  url: UrlParts,
  target: ServicePlan,
  view: StackView,
): EnvOutcome {
  const template = target.catalog ? findKind(target.kind)?.url : undefined;
  if (template) {
    const changes = urlChanges(url, target, template);
    const scheme = url.scheme.toLowerCase();
    const alias = SCHEME_ALIASES[scheme];
    const from = `rebuilt from ${target.source.name}${alias ? ` (as ${alias}://, the same to its clients)` : ""}`;
    if (findKind(target.kind)?.credentials) usesPassword(view, target, plan);
    return changes.length === 0
      ? outcome(entry, { type: "service", service: target.name, value: "url" }, "converted", from)
      : outcome(
          entry,
          { type: "service", service: target.name, value: "url" },
          "approximated",
          `${from}: ${changes.join(", ")}`,
        );
  }
  if (url.password) {
    return credential(
      plan,
      entry,
      value,
      view,
      "approximated",
      `it carries a password for ${target.source.name}, so it is a Dagger secret as a whole`,
    );
  }
  const renamed = target.name === url.host ? value : value.replace(`//${url.host}`, `//${target.name}`);
  return {
    ...outcome(entry, { type: "literal", value: renamed }, "converted", renamedNote(url.host, target)),
    names: [target.name],
  };
}

function urlChanges(url: UrlParts, target: ServicePlan, template: string): string[] {
  const stack = parseUrl(
    template
      .replace("{user}", "u")
      .replace("{password}", "p")
      .replace("{host}", "h")
      .replace("{port}", "1")
      .replace("{database}", "d"),
  );
  if (!stack) return [];
  const kind = findKind(target.kind);
  const changes: string[] = [];
  const scheme = url.scheme.toLowerCase();
  if ((SCHEME_ALIASES[scheme] ?? scheme) !== stack.scheme)
    changes.push(`${url.scheme}:// becomes ${stack.scheme}://`);
  const user = target.user ?? kind?.credentials?.defaultUser;
  if (stack.user === undefined && (url.user !== undefined || url.password))
    changes.push("the stack's URL has no login");
  else if (url.user !== undefined && url.user !== user) changes.push(`user ${url.user} becomes ${user}`);
  if (url.password && target.password !== undefined && url.password !== target.password) {
    changes.push(`its password is ${target.source.name}'s`);
  }
  const port = String(target.ports[0]?.container ?? kind?.containerPort ?? "");
  const written = url.port ?? DEFAULT_PORTS[SCHEME_ALIASES[scheme] ?? scheme];
  if (written !== port) changes.push(`port ${written ?? "(none)"} becomes ${port}`);
  changes.push(...pathChanges(url, stack, target.database ?? kind?.defaultDatabase));
  if (url.query !== undefined && url.query !== stack.query) changes.push(`${url.query} is not kept`);
  if (url.fragment !== undefined) changes.push(`${url.fragment} is not kept`);
  return changes;
}

function pathChanges(url: UrlParts, stack: UrlParts, database: string | undefined): string[] {
  const path = url.path ?? "";
  if (stack.path === undefined)
    return path === "" || path === "/" || path === "/0" ? [] : [`path ${path} is not kept`];
  if (path === "" || path === "/") return [];
  const written = path.slice(1);
  return written === database ? [] : [`database ${written} becomes ${database}`];
}

function hostReference(
  value: string,
  view: StackView,
): { plan: ServicePlan; host: string; port?: string } | undefined {
  const match = /^([A-Za-z0-9][\w.-]*)(?::(\d+))?$/.exec(value);
  const host = match?.[1];
  const target = host === undefined ? undefined : view.byHost.get(host);
  if (!target || host === undefined) return undefined;
  return { plan: target, host, ...(match?.[2] !== undefined && { port: match[2] }) };
}

/** `DB_HOST: db` → `{ service: db, value: host }`; `redis:6379` stays (with the stack's name). */
function hostValue(
  entry: EnvironmentEntry,
  value: string,
  target: { plan: ServicePlan; host: string; port?: string },
): EnvOutcome {
  const { plan } = target;
  if (target.port === undefined && plan.catalog) {
    return outcome(
      entry,
      { type: "service", service: plan.name, value: "host" },
      "converted",
      `rebuilt from ${plan.source.name}`,
    );
  }
  const renamed = target.port === undefined ? plan.name : `${plan.name}:${target.port}`;
  const literal = plan.name === target.host ? value : renamed;
  return {
    ...outcome(entry, { type: "literal", value: literal }, "converted", renamedNote(target.host, plan)),
    names: [plan.name],
  };
}

function renamedNote(host: string, target: ServicePlan): string | undefined {
  return host === target.name ? undefined : `names ${host}, ${target.name} in the stack`;
}

/** `${{ secrets.X }}`, `${{ env.X }}`, `${{ vars.X }}` and `${{ matrix.X }}` in a workflow service's env. */
function workflowExpression(
  plan: ServicePlan,
  entry: EnvironmentEntry,
  view: StackView,
): EnvOutcome | undefined {
  const value = entry.value ?? "";
  if (plan.source.origin !== "github-actions" || !value.includes("${{")) return undefined;
  const whole = /^\$\{\{\s*(secrets|env|vars)\.([\w-]+)\s*\}\}$/.exec(value);
  if (whole?.[1] === "secrets") {
    const group = view.pool.add(value, {
      name: entry.name,
      user: plan.source.name,
      catalog: plan.catalog !== undefined,
      hostVariable: whole[2],
    });
    return outcome(
      entry,
      { type: "secret", group },
      "converted",
      `the workflow's secret ${whole[2]}: a Dagger secret`,
    );
  }
  if (whole?.[2])
    return outcome(
      entry,
      { type: "host", variable: whole[2] },
      "approximated",
      `a workflow variable: ${hostNote(whole[2])}`,
    );
  const filled = value.replace(/\$\{\{\s*matrix\.([\w-]+)\s*\}\}/g, (all, key: string) =>
    String(plan.source.matrix?.[key]?.at(-1) ?? all),
  );
  if (!filled.includes("${{"))
    return outcome(
      entry,
      { type: "literal", value: filled },
      "approximated",
      "the last value of the job's matrix",
    );
  return {
    name: entry.name,
    key: entry.key,
    status: "dropped",
    note: "a workflow expression only GitHub can evaluate",
  };
}

function outcome(
  entry: EnvironmentEntry,
  value: EnvDraft,
  status: EnvOutcome["status"],
  note?: string,
): EnvOutcome {
  return { name: entry.name, key: entry.key, value, status, ...(note && { note }) };
}
