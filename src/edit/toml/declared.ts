import { normalizeName, requirementName } from "./pyproject.js";
import { childKeys, stringItems, tableEntries } from "./query.js";
import { decodeString, Scanner, type Span, type TomlDocument } from "./scan.js";

/**
 * Every requirement a pyproject.toml (or hatch.toml) declares, wherever the project's tool reads it: the
 * project's dependencies and extras, PEP 735 groups, uv's, PDM's and Hatch's lists, Poetry's tables.
 */
export interface DeclaredRequirement {
  /** PEP 503-normalised. */
  name: string;
  /** As the file has it: `pytest>=8` or, in Poetry's tables, `pytest = "^7.4"`. */
  text: string;
  /** The version part: a PEP 508 requirement, or a Poetry constraint (absent when it has none, e.g. a path). */
  constraint?: string;
  syntax: "pep508" | "poetry";
  /** Where it is, e.g. `[tool.poetry.group.dev.dependencies]`. */
  where: string;
}

/** Lists of PEP 508 strings, by path; `*` stands for every key at that level. */
const LISTS: readonly (readonly string[])[] = [
  ["project", "dependencies"],
  ["project", "optional-dependencies", "*"],
  ["dependency-groups", "*"],
  ["tool", "uv", "dev-dependencies"],
  ["tool", "pdm", "dev-dependencies", "*"],
  ["tool", "hatch", "envs", "*", "dependencies"],
  ["tool", "hatch", "envs", "*", "extra-dependencies"],
  ["envs", "*", "dependencies"],
  ["envs", "*", "extra-dependencies"],
];

/** Poetry's tables of `name = constraint`. */
const POETRY_TABLES: readonly (readonly string[])[] = [
  ["tool", "poetry", "dependencies"],
  ["tool", "poetry", "dev-dependencies"],
  ["tool", "poetry", "group", "*", "dependencies"],
];

export function declaredRequirements(doc: TomlDocument): DeclaredRequirement[] {
  const lists = LISTS.flatMap((pattern) => expand(doc, pattern)).flatMap((path) =>
    stringItems(doc, path).map(
      (text): DeclaredRequirement => ({
        name: requirementName(text),
        text,
        constraint: text,
        syntax: "pep508",
        where: where(path.slice(0, -1), path.at(-1)),
      }),
    ),
  );
  const tables = POETRY_TABLES.flatMap((pattern) => expand(doc, pattern)).flatMap((path) =>
    poetryEntries(doc, path),
  );
  return [...lists, ...tables];
}

function poetryEntries(doc: TomlDocument, table: readonly string[]): DeclaredRequirement[] {
  return tableEntries(doc, table)
    .filter((entry) => entry.key.length === 1 && entry.key[0] !== "python")
    .map((entry) => {
      const name = entry.key[0] ?? "";
      const constraint = poetryConstraint(doc.text, entry.value);
      return {
        name: normalizeName(name),
        text: doc.text.slice(entry.span.start, entry.span.end),
        ...(constraint !== undefined && { constraint }),
        syntax: "poetry" as const,
        where: where(table),
      };
    });
}

/** `"^7.4"` or `{ version = "^7.4", extras = [...] }`; nothing for a path, a URL or several constraints. */
function poetryConstraint(text: string, value: Span): string | undefined {
  const literal = text.slice(value.start, value.end);
  if (/^["']/.test(literal)) return decodeString(literal);
  if (!literal.startsWith("{")) return undefined;
  const scanner = new Scanner(text);
  scanner.pos = value.start;
  let version: string | undefined;
  scanner.inlineTable((key, span) => {
    if (key.length === 1 && key[0] === "version") version = decodeString(text.slice(span.start, span.end));
  });
  return version;
}

/** The concrete paths a pattern with `*` stands for in this document. */
function expand(doc: TomlDocument, pattern: readonly string[]): string[][] {
  const star = pattern.indexOf("*");
  if (star === -1) return [[...pattern]];
  const prefix = pattern.slice(0, star);
  return childKeys(doc, prefix).flatMap((key) => expand(doc, [...prefix, key, ...pattern.slice(star + 1)]));
}

function where(path: readonly string[], key?: string): string {
  return `[${path.join(".")}]${key === undefined ? "" : ` ${key}`}`;
}
