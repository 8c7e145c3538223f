import { type Problem, UsageError } from "../../errors.js";
import { choicesHint } from "../../util/did-you-mean.js";
import { childPointer, pointerKeys } from "../pointer.js";
import type { SourceLocation } from "../source.js";
import { subject } from "./problems.js";
import { composeServiceKeys, type SchemaError, validateComposeSchema } from "./schema-validator.js";

/**
 * Checks the merged model against the compose-spec schema after each file, as compose does, and turns
 * Ajv's errors into one problem per offending key: `compose.yaml:9:5: service "db", key "restart": must
 * be one of "no", "always", ...`. Only the deepest error on each path is kept (a oneOf that failed
 * because a nested key is wrong reports the nested key), so the message points at what to fix.
 */
export type Locate = (pointer: string) => SourceLocation | undefined;

const REFERENCE = "https://docs.docker.com/reference/compose-file/services/";

const SUMMARY_KEYWORDS = new Set(["oneOf", "anyOf", "allOf", "if", "not"]);

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "a string",
  object: "a mapping",
  array: "a list",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
  null: "empty",
};

export function checkComposeSchema(data: unknown, file: string, locate: Locate): void {
  const errors = validateComposeSchema(data);
  if (errors.length === 0) return;
  throw new UsageError(problemsFor(errors, file, locate), file);
}

function problemsFor(errors: readonly SchemaError[], file: string, locate: Locate): Problem[] {
  const located = errors.map((error) => ({ error, pointer: pointerOfError(error) }));
  const specific = located.filter(({ error }) => !SUMMARY_KEYWORDS.has(error.keyword));
  const kept = (specific.length > 0 ? specific : located).filter(
    ({ pointer }, _, all) => !all.some((other) => other.pointer.startsWith(`${pointer}/`)),
  );
  const byPointer = new Map<string, SchemaError[]>();
  for (const { error, pointer } of kept) byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), error]);
  return [...byPointer].map(([pointer, group]) => problem(pointer, group, file, locate));
}

function pointerOfError(error: SchemaError): string {
  const extra = error.params.additionalProperty;
  return error.keyword === "additionalProperties" && typeof extra === "string"
    ? childPointer(error.instancePath, extra)
    : error.instancePath;
}

function problem(pointer: string, group: readonly SchemaError[], file: string, locate: Locate): Problem {
  const at = locate(pointer);
  const result: Problem = {
    path: at ? `${at.file}:${at.line}:${at.column}` : file,
    message: `${subject(pointer)}: ${describe(pointer, group)}`,
  };
  const hint = hintFor(pointer, group);
  if (hint) result.hint = hint;
  return result;
}

function describe(pointer: string, group: readonly SchemaError[]): string {
  const types = group.filter((error) => error.keyword === "type").map((error) => String(error.params.type));
  if (types.length > 0) {
    const names = [...new Set(types.flatMap((type) => type.split(",")))].map(
      (type) => TYPE_NAMES[type] ?? type,
    );
    return `must be ${names.join(" or ")}`;
  }
  const [first] = group;
  if (!first) return "is not valid";
  return describeOne(pointer, first);
}

function describeOne(pointer: string, error: SchemaError): string {
  const { params } = error;
  switch (error.keyword) {
    case "additionalProperties":
      return isServiceName(pointer)
        ? 'is not a valid service name (letters, digits, ".", "_" and "-" only)'
        : "is not a compose key here";
    case "enum":
      return `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case "required":
      return `needs "${String(params.missingProperty)}"`;
    case "minimum":
    case "exclusiveMinimum":
      return `must be at least ${String(params.limit)}`;
    case "maximum":
    case "exclusiveMaximum":
      return `must be at most ${String(params.limit)}`;
    case "pattern":
      return `does not match the expected format (${String(params.pattern)})`;
    case "uniqueItems":
      return `lists the same item twice (items ${String(params.j)} and ${String(params.i)})`;
    case "oneOf":
      return "matches more than one of the accepted forms";
    default:
      return `is not valid (${error.keyword})`;
  }
}

function hintFor(pointer: string, group: readonly SchemaError[]): string | undefined {
  const keys = pointerKeys(pointer);
  const unknown = group.some((error) => error.keyword === "additionalProperties");
  if (keys[0] !== "services" || keys.length < 3) return undefined;
  const key = keys[2] ?? "";
  if (unknown && keys.length === 3) return unknownKeyHint(key);
  return `the Compose file reference describes it: ${REFERENCE}#${key}`;
}

function unknownKeyHint(key: string): string {
  const hint = choicesHint(key, composeServiceKeys());
  const suggestion = hint.startsWith("did you mean") ? `${hint.split("?")[0]}? ` : "";
  return `${suggestion}the Compose file reference lists the keys a service can have: ${REFERENCE}`;
}

function isServiceName(pointer: string): boolean {
  const keys = pointerKeys(pointer);
  return keys.length === 2 && keys[0] === "services";
}
