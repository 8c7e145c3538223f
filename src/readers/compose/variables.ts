import { pointerKeys } from "../pointer.js";
import type { ReaderWarning } from "../source.js";
import type { VariableValue } from "./load.js";
import type { ComposeVariable, VariableUser } from "./model.js";
import type { VariableRecord } from "./tracks.js";

/**
 * Every variable the project's compose files use, with what became of it. A required variable without
 * a value is reported (status missing, and a warning carrying its message); it is never filled in.
 */
export function collectVariables(
  records: readonly VariableRecord[],
  values: ReadonlyMap<string, VariableValue>,
  warnings: ReaderWarning[],
): ComposeVariable[] {
  const byName = new Map<string, VariableRecord[]>();
  for (const record of records) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  return [...byName.keys()].sort().map((name) => {
    const uses = byName.get(name) ?? [];
    const variable = describe(name, uses, values.get(name));
    const warning = warningFor(variable, uses);
    if (warning) warnings.push(warning);
    return variable;
  });
}

function describe(name: string, uses: readonly VariableRecord[], value?: VariableValue): ComposeVariable {
  const missing = uses.find((use) => use.outcome === "missing");
  const variable: ComposeVariable = { name, status: status(uses, value), usedBy: users(uses) };
  if (value) variable.definedIn = value.from;
  if (missing?.message) variable.message = missing.message;
  return variable;
}

function status(uses: readonly VariableRecord[], value?: VariableValue): ComposeVariable["status"] {
  if (uses.some((use) => use.outcome === "missing")) return "missing";
  if (value) return "set";
  return uses.every((use) => use.outcome === "defaulted") ? "defaulted" : "unset";
}

function users(uses: readonly VariableRecord[]): VariableUser[] {
  const seen = new Set<string>();
  const result: VariableUser[] = [];
  for (const use of uses) {
    const keys = pointerKeys(use.pointer);
    const inService = keys[0] === "services" && keys.length >= 3;
    const user: VariableUser = inService
      ? { service: keys[1] ?? "", key: keys[2] ?? "", at: use.at }
      : { key: keys[0] ?? "", at: use.at };
    const id = `${user.service}\0${user.key}\0${user.at.file}:${user.at.line}`;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(user);
  }
  return result;
}

function warningFor(variable: ComposeVariable, uses: readonly VariableRecord[]): ReaderWarning | undefined {
  if (variable.status !== "missing" && variable.status !== "unset") return undefined;
  const first = uses.find((use) => use.outcome === variable.status) ?? uses[0];
  const user = variable.usedBy.find((candidate) => candidate.at === first?.at) ?? variable.usedBy[0];
  const message =
    variable.status === "missing"
      ? `required variable ${variable.name} has no value${variable.message ? `: ${variable.message}` : ""}`
      : `${variable.name} has no value in the environment or the env files; ${
          first?.passthrough
            ? "compose would leave it out of the container"
            : "compose would use an empty string"
        }`;
  const warning: ReaderWarning = { reader: "compose", code: `variable-${variable.status}`, message };
  if (user) {
    warning.at = user.at;
    if (user.service !== undefined) warning.service = user.service;
    warning.key = user.key;
  }
  return warning;
}
