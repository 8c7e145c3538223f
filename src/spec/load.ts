import { type Problem, UsageError } from "../errors.js";
import { closestMatch } from "../util/did-you-mean.js";
import type { NormalizedStack } from "./model.js";
import { normalizeSpec } from "./normalize.js";
import { serviceSpec, stackSpec } from "./schema.js";
import { validateSpec } from "./validate.js";

/** Parse, validate and normalise raw input; every problem is reported at once in one UsageError. */
export function loadStack(input: unknown, source?: string): NormalizedStack {
  const unwritable = unpairedSurrogates(input, []);
  if (unwritable.length > 0) throw new UsageError(unwritable, source);
  const parsed = stackSpec.safeParse(input);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map(issueToProblem), source);
  const problems = validateSpec(parsed.data);
  if (problems.length > 0) throw new UsageError(problems, source);
  return normalizeSpec(parsed.data);
}

export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) =>
      typeof part === "number" ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`,
    )
    .join("");
}

/**
 * Strings no file can hold: an unpaired UTF-16 surrogate (JSON's "\ud800") has no UTF-8 encoding, so
 * writing it would silently turn it into U+FFFD.
 */
function unpairedSurrogates(value: unknown, path: PropertyKey[]): Problem[] {
  const at = formatPath(path) || "(spec)";
  if (typeof value === "string") {
    return /\p{Cs}/u.test(value)
      ? [
          {
            path: at,
            message: "holds an unpaired surrogate (\\uD800-\\uDFFF), which no file can hold",
            hint: "remove it; a character outside the BMP needs both halves of its pair",
          },
        ]
      : [];
  }
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(/\p{Cs}/u.test(key)
      ? [{ path: at, message: "has a key with an unpaired surrogate", hint: "remove it" }]
      : []),
    ...unpairedSurrogates(item, [...path, Array.isArray(value) ? Number(key) : key]),
  ]);
}

function issueToProblem(issue: ZodIssueLike): Problem {
  return { path: formatPath(issue.path) || "(spec)", message: issue.message, hint: hintFor(issue) };
}

interface ZodIssueLike {
  path: readonly PropertyKey[];
  message: string;
  code: string;
  values?: readonly unknown[];
  expected?: unknown;
  keys?: readonly string[];
}

function hintFor(issue: ZodIssueLike): string {
  if (issue.code === "unrecognized_keys") return unknownKeyHint(issue);
  if (issue.code === "invalid_value" && issue.values) return `use one of: ${issue.values.join(", ")}`;
  if (issue.code === "invalid_type")
    return `expected ${String(issue.expected)}; see \`create-dagger-stack schema\``;
  return "see `create-dagger-stack schema` for the expected shape";
}

/** `colour` at the top level or `prot` in a service: the field it most likely meant. */
function unknownKeyHint(issue: ZodIssueLike): string {
  const known = Object.keys(
    issue.path.length === 0 ? stackSpec.shape : isService(issue.path) ? serviceSpec.shape : {},
  );
  const meant = (issue.keys ?? []).flatMap((key) => {
    const match = closestMatch(key, known);
    return match ? [`"${match}" for "${key}"`] : [];
  });
  const fallback = "remove it, or see `create-dagger-stack schema` for the fields";
  return meant.length > 0 ? `did you mean ${meant.join(", ")}? Else ${fallback}` : fallback;
}

function isService(path: readonly PropertyKey[]): boolean {
  return path.length === 2 && path[0] === "services" && typeof path[1] === "number";
}
