import { type Document, isMap, isScalar, isSeq, type Node, parseDocument, type YAMLSeq } from "yaml";
import { AnchorError } from "../../errors.js";

/**
 * Joins a file of jobs to a GitLab pipeline with `include: - local: <file>`, touching nothing else in
 * the user's .gitlab-ci.yml: the document is parsed with `yaml` to find `include:`, and the entry is
 * spliced into the text, so comments, quoting and the order of keys stay as they were.
 */
export function includeLocal(
  text: string | undefined,
  pipelinePath: string,
  file: string,
  why: string,
): string {
  const entry = `local: ${file}`;
  if (text === undefined || text.trim() === "") return `# ${why}\ninclude:\n  - ${entry}\n`;
  const crlf = text.includes("\r\n");
  const lf = crlf ? text.replace(/\r\n/g, "\n") : text;
  const edited = addInclude(lf, pipelinePath, file, why);
  return crlf ? edited.replace(/\n/g, "\r\n") : edited;
}

function addInclude(text: string, pipelinePath: string, file: string, why: string): string {
  const document = parseDocument(text);
  if (document.errors.length > 0 || (document.contents !== null && !isMap(document.contents))) {
    throw new AnchorError(
      pipelinePath,
      "a pipeline whose top level is a map of keys",
      `fix the YAML first (${document.errors[0]?.message ?? "its top level is not a map"}), or add \`include: - local: ${file}\` by hand`,
    );
  }
  const include = document.get("include", true) as Node | undefined;
  if (include === undefined) return appendInclude(text, file, why);
  if (includes(include, file)) return text;
  if (isSeq(include) && !include.flow && include.items.length > 0) return appendItem(text, include, file);
  return rewriteInclude(document, include, file);
}

/** A new `include:` at the end, where it cannot come between a comment and the key it describes. */
function appendInclude(text: string, file: string, why: string): string {
  const separator = text.endsWith("\n") ? "\n" : "\n\n";
  return `${text}${separator}# ${why}\ninclude:\n  - local: ${file}\n`;
}

/** A new `- local: file` line after the last item, with the same indentation. */
function appendItem(text: string, list: YAMLSeq, file: string): string {
  const last = list.items.at(-1) as Node;
  const [start, end] = rangeOf(last);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const prefix = text.slice(lineStart, start).replace(/[^\s-]/g, " ");
  const lineEnd = text[end - 1] === "\n" ? end - 1 : indexOrEnd(text, text.indexOf("\n", end));
  return `${text.slice(0, lineEnd)}\n${prefix}local: ${file}${text.slice(lineEnd)}`;
}

/** `include: file.yml`, a flow list or a single map: the value is written again as a list holding ours too. */
function rewriteInclude(document: Document, include: Node, file: string): string {
  const existing = isSeq(include) ? include.items : [include];
  document.set("include", document.createNode([...existing, { local: file }]));
  return document.toString({ lineWidth: 0 });
}

function includes(include: Node, file: string): boolean {
  const entries = isSeq(include) ? include.items : [include];
  return entries.some((entry) => {
    const value = isMap(entry) ? entry.get("local") : isScalar(entry) ? entry.value : undefined;
    return typeof value === "string" && value.replace(/^\//, "") === file;
  });
}

function rangeOf(node: Node): [number, number, number] {
  if (!node.range) throw new Error("a parsed YAML node has no source range");
  return node.range;
}

function indexOrEnd(text: string, index: number): number {
  return index === -1 ? text.length : index;
}
