import { isScalar, isSeq, LineCounter, parseDocument, type Scalar, visit, type YAMLError } from "yaml";
import { type Problem, UsageError } from "../errors.js";
import { decodeSpec, readSpecBytes } from "./spec-file.js";

/**
 * Reads a `--spec` file (JSON or YAML: JSON is read as YAML, which gives both the same line numbers) into
 * raw data for loadStack(). Only I/O and syntax live here; the shape is checked by loadStack().
 */
const SYNTAX_HINT = "fix the syntax there; `create-dagger-stack schema` prints the expected shape";

/**
 * What a spec may hold once YAML aliases are expanded. A legitimate spec of the largest allowed size has
 * far fewer values; only aliases that refer to aliases (an "alias bomb") reach it. `env: *shared` on
 * every service is fine: yaml's own default (100 aliases) is not used.
 */
export const MAX_EXPANDED_VALUES = 1_000_000;

/** Version fields whose numbers mean what was typed: `version: 8.0` is "8.0", not 8. */
const VERSION_KEYS: ReadonlySet<string> = new Set(["version", "nodeVersions", "pythonVersions"]);

export async function readSpecFile(path: string, label = path): Promise<unknown> {
  return parseSpecText(decodeSpec(await readSpecBytes(path, label), label), label);
}

export function parseSpecText(text: string, label: string): unknown {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new UsageError(
      document.errors.map((error) => syntaxProblem(error, label, lineCounter)),
      label,
    );
  }
  keepVersionsAsWritten(document);
  // Aliases resolve to shared objects here; checkExpandedSize() bounds what they expand to downstream.
  const data: unknown = document.toJS({ maxAliasCount: -1 });
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(
      { path: label, message: "is not a mapping of spec fields", hint: "start with `name:` and `services:`" },
      label,
    );
  }
  checkExpandedSize(data, label);
  return data;
}
function syntaxProblem(error: YAMLError, label: string, lines: LineCounter): Problem {
  const { line, col } = lines.linePos(error.pos[0]);
  // yaml reports running out of stack on deeply nested [[[...]]] as an error of the document.
  const message = /call stack/i.test(error.message) ? "nests too deeply to read" : error.message;
  return { path: `${label}:${line}:${col}`, message, hint: SYNTAX_HINT };
}

function keepVersionsAsWritten(document: ReturnType<typeof parseDocument>): void {
  visit(document, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !VERSION_KEYS.has(String(pair.key.value))) return;
      if (isScalar(pair.value)) asWritten(pair.value);
      if (isSeq(pair.value)) for (const item of pair.value.items) if (isScalar(item)) asWritten(item);
    },
  });
}

function asWritten(scalar: Scalar): void {
  if (typeof scalar.value === "number" && typeof scalar.source === "string") scalar.value = scalar.source;
}

/** Counts values as code reading the data would meet them (aliases expanded), up to the limit. */
function checkExpandedSize(data: object, label: string): void {
  let count = 0;
  const ancestors = new Set<object>();
  const walk = (value: unknown): void => {
    if (++count > MAX_EXPANDED_VALUES)
      throw aliasProblem(
        label,
        `holds more than ${MAX_EXPANDED_VALUES.toLocaleString("en-US")} values once its aliases (*name) are expanded`,
      );
    if (value === null || typeof value !== "object") return;
    if (ancestors.has(value))
      throw aliasProblem(label, "has an alias (*name) inside the node it refers to, which never ends");
    ancestors.add(value);
    for (const item of Object.values(value)) walk(item);
    ancestors.delete(value);
  };
  walk(data);
}

function aliasProblem(label: string, message: string): UsageError {
  return new UsageError(
    { path: label, message, hint: "write the repeated part out, or use each alias for plain values only" },
    label,
  );
}
