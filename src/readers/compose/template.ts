/**
 * Compose's variable substitution in one string: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`, `${VAR:+alternative}`, `${VAR+alternative}` (defaults and
 * alternatives may nest `${...}` again) and `$$` for a literal dollar. A `$` followed by anything else is
 * kept as it is, as compose does. Nothing is guessed: a variable without a value becomes "" exactly as in
 * compose, and each use says so, so the caller can report it.
 */

export type Lookup = (name: string) => string | undefined;

export type Operator = ":-" | "-" | ":?" | "?" | ":+" | "+";

/**
 * set: had a value; defaulted: unset, and the expression said what to use instead; unset: became "" as
 * compose does (with a warning); missing: a required variable (`?` forms) with no value.
 */
export type UseOutcome = "set" | "defaulted" | "unset" | "missing";

export interface VariableUse {
  name: string;
  operator?: Operator;
  outcome: UseOutcome;
  /** The message of `${VAR:?message}`, when the variable was missing. */
  message?: string;
}

export interface Substitution {
  value: string;
  uses: VariableUse[];
}

export class TemplateError extends Error {
  constructor(readonly template: string) {
    super(`invalid interpolation format in "${template}"`);
    this.name = "TemplateError";
  }
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const OPERATORS: readonly Operator[] = [":-", ":?", ":+", "-", "?", "+"];

export function substitute(template: string, lookup: Lookup): Substitution {
  const uses: VariableUse[] = [];
  let value = "";
  let index = 0;
  while (index < template.length) {
    const dollar = template.indexOf("$", index);
    if (dollar < 0) break;
    value += template.slice(index, dollar);
    const next = template[dollar + 1];
    if (next === "$") {
      value += "$";
      index = dollar + 2;
    } else if (next === "{") {
      const close = closingBrace(template, dollar + 1);
      if (close < 0) throw new TemplateError(template);
      const braced = substituteBraced(template.slice(dollar + 2, close), lookup, template);
      value += braced.value;
      uses.push(...braced.uses);
      index = close + 1;
    } else {
      const name = NAME.exec(template.slice(dollar + 1))?.[0];
      if (name === undefined) {
        value += "$";
        index = dollar + 1;
        continue;
      }
      const found = lookup(name);
      uses.push({ name, outcome: found === undefined ? "unset" : "set" });
      value += found ?? "";
      index = dollar + 1 + name.length;
    }
  }
  return { value: value + template.slice(index), uses };
}

function closingBrace(template: string, open: number): number {
  let depth = 0;
  for (let index = open; index < template.length; index++) {
    if (template[index] === "{") depth++;
    if (template[index] === "}" && --depth === 0) return index;
  }
  return -1;
}

function substituteBraced(inner: string, lookup: Lookup, template: string): Substitution {
  const name = NAME.exec(inner)?.[0];
  if (name === undefined) throw new TemplateError(template);
  const rest = inner.slice(name.length);
  if (rest === "") {
    const found = lookup(name);
    return { value: found ?? "", uses: [{ name, outcome: found === undefined ? "unset" : "set" }] };
  }
  const operator = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (operator === undefined) throw new TemplateError(template);
  return applyOperator(name, operator, rest.slice(operator.length), lookup);
}

function applyOperator(name: string, operator: Operator, argument: string, lookup: Lookup): Substitution {
  const found = lookup(name);
  const present = operator.startsWith(":") ? found !== undefined && found !== "" : found !== undefined;
  const own = (outcome: UseOutcome, message?: string): VariableUse =>
    message === undefined ? { name, operator, outcome } : { name, operator, outcome, message };
  switch (operator) {
    case ":-":
    case "-": {
      if (present) return { value: found ?? "", uses: [own("set")] };
      const fallback = substitute(argument, lookup);
      return { value: fallback.value, uses: [own("defaulted"), ...fallback.uses] };
    }
    case ":?":
    case "?": {
      if (present) return { value: found ?? "", uses: [own("set")] };
      const message = substitute(argument, lookup);
      return { value: "", uses: [own("missing", message.value), ...message.uses] };
    }
    default: {
      // Unset is a value this form handles on purpose (it yields ""), so it counts as defaulted.
      if (!present) return { value: found ?? "", uses: [own(found === undefined ? "defaulted" : "set")] };
      const alternative = substitute(argument, lookup);
      return { value: alternative.value, uses: [own("set"), ...alternative.uses] };
    }
  }
}
