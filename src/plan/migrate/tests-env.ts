import { pyString, tsString } from "../../render/escape.js";
import { atom, call, type PyExpr, str } from "../../render/python/layout.js";
import { isService, type NormalizedService, type NormalizedStack, urlTemplateOf } from "../../spec/model.js";
import type { ServicePart, TestEnv } from "./tests-model.js";

/**
 * What the stack test run can put in the user's environment: each `testEnv` variable taken from the host
 * URL of a service (through its Dagger tunnel), or why it cannot be.
 */
export interface EnvEntry {
  variable: string;
  service: NormalizedService;
  part: ServicePart;
}

export interface EnvRefusal {
  variable: string;
  reason: string;
}

export interface EnvPlan {
  entries: EnvEntry[];
  refused: EnvRefusal[];
}

/** The URL parts each part is read from; `url` is the whole host URL. */
const URL_FIELDS: Partial<Record<ServicePart, string>> = {
  user: "{user}",
  password: "{password}",
  database: "{database}",
};

export function planEnv(stack: NormalizedStack, testEnv: TestEnv): EnvPlan {
  const entries: EnvEntry[] = [];
  const refused: EnvRefusal[] = [];
  for (const [variable, value] of Object.entries(testEnv).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if ("secret" in value) {
      refused.push({
        variable,
        reason: `it is the stack secret ${value.secret}, which the stack makes inside the Dagger session and does not hand to tests on this machine; set ${variable} yourself where you run the stack tests`,
      });
      continue;
    }
    const service = stack.services.find((candidate) => candidate.name === value.service);
    const problem = service ? partProblem(service, value.value) : `the stack has no service ${value.service}`;
    if (service && !problem) entries.push({ variable, service, part: value.value });
    else refused.push({ variable, reason: problem ?? "" });
  }
  return { entries, refused };
}

function partProblem(service: NormalizedService, part: ServicePart): string | undefined {
  if (!isService(service)) return `${service.name} has no port, so nothing on this machine can reach it`;
  const field = URL_FIELDS[part];
  if (field && !urlTemplateOf(service).includes(field)) return `${service.name}'s URL carries no ${part}`;
  return undefined;
}

/** `{ key, expression }` pairs of the TypeScript `yourEnv()` body, reading `stack.<service>.host`. */
export function typeScriptEntries(entries: readonly EnvEntry[]) {
  return entries.map(({ variable, service, part }) => {
    const host = `stack${propertyAccess(service.name)}.host`;
    return {
      key: identifierOrString(variable),
      expression: part === "url" ? host : `urlPart(${host}, ${tsString(part)})`,
    };
  });
}

/** The entries of the Python `your_env()` dict, reading `urls["<service>"].host`. */
export function pythonEntries(entries: readonly EnvEntry[]): { key: PyExpr; value: PyExpr }[] {
  return entries.map(({ variable, service, part }) => {
    const host = atom(`urls[${pyString(service.name)}].host`);
    return { key: str(variable), value: part === "url" ? host : call("_url_part", host, str(part)) };
  });
}

export function usesUrlPart(entries: readonly EnvEntry[]): boolean {
  return entries.some((entry) => entry.part !== "url");
}

/** `DATABASE_URL and REDIS_URL`, for comments and report notes. */
export function variableList(entries: readonly { variable: string }[]): string {
  const names = entries.map((entry) => entry.variable);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

function propertyAccess(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${tsString(name)}]`;
}

function identifierOrString(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : tsString(name);
}
