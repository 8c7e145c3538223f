import { readFile } from "node:fs/promises";
import { isScalar, isSeq, LineCounter, parseDocument, type Scalar, visit, type YAMLError } from "yaml";
import { type Problem, UsageError } from "../errors.js";

/**
 * Reads a `--spec` file (JSON or YAML: JSON is read as YAML, which gives both the same line numbers) into
 * raw data for loadStack(). Only I/O and syntax live here; the shape is checked by loadStack().
 */
const SYNTAX_HINT = "fix the syntax there; `create-dagger-stack schema` prints the expected shape";

/** Version fields whose numbers mean what was typed: `version: 8.0` is "8.0", not 8. */
const VERSION_KEYS: ReadonlySet<string> = new Set(["version", "nodeVersions", "pythonVersions"]);

export async function readSpecFile(path: string, label = path): Promise<unknown> {
  return parseSpecText(await readText(path, label), label);
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
  const data: unknown = document.toJS();
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new UsageError(
      { path: label, message: "is not a mapping of spec fields", hint: "start with `name:` and `services:`" },
      label,
    );
  }
  return data;
}

async function readText(path: string, label: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : `cannot be read (${code})`;
    throw new UsageError(
      { path: label, message, hint: "give the path of a JSON or YAML spec, relative to the current folder" },
      label,
    );
  }
}

function syntaxProblem(error: YAMLError, label: string, lines: LineCounter): Problem {
  const { line, col } = lines.linePos(error.pos[0]);
  return { path: `${label}:${line}:${col}`, message: error.message, hint: SYNTAX_HINT };
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
