import { Document, isMap, isScalar, isSeq, type Node, parseDocument, Scalar, type YAMLSeq } from "yaml";
import { AnchorError } from "../../errors.js";

/**
 * Adds test selections (`axis=target`) to the CI matrix of a GitHub workflow or a GitLab pipeline. The
 * document is parsed with `yaml` to find the list, and the new items are spliced into the text next to
 * their siblings, so comments, quoting, indentation and blank lines stay exactly as the user left them.
 */
export type CiFlavour = "github" | "gitlab";

export interface Selection {
  axis: string;
  value: string;
}

const ANCHORS: Record<CiFlavour, string> = {
  github: "a job with a `strategy.matrix.selection` list under `jobs:`",
  gitlab: "a job whose `parallel.matrix` has a `SELECTION` list",
};

export function addCiSelections(
  text: string,
  flavour: CiFlavour,
  path: string,
  selections: readonly Selection[],
): string {
  const crlf = text.includes("\r\n");
  let lf = crlf ? text.replace(/\r\n/g, "\n") : text;
  for (const selection of selections) lf = addSelection(lf, flavour, path, selection);
  return crlf ? lf.replace(/\n/g, "\r\n") : lf;
}

function addSelection(text: string, flavour: CiFlavour, path: string, selection: Selection): string {
  const list = findSelectionList(text, flavour, path);
  const items = list.items.filter(isScalar);
  if (items.some((item) => item.value === selection.value)) return text;
  const after = items.findLast((item) => String(item.value).startsWith(`${selection.axis}=`)) ?? items.at(-1);
  const edited = after
    ? insertAfterItem(text, list, after, selection.value)
    : insertIntoEmpty(text, list, selection.value);
  if (
    !findSelectionList(edited, flavour, path).items.some(
      (item) => isScalar(item) && item.value === selection.value,
    )
  ) {
    throw new Error(
      `${path}: adding ${selection.value} to the CI matrix produced YAML that does not list it`,
    );
  }
  return edited;
}

export function findSelectionList(text: string, flavour: CiFlavour, path: string): YAMLSeq {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new AnchorError(
      path,
      ANCHORS[flavour],
      `fix the YAML first: ${document.errors[0]?.message ?? "it does not parse"}`,
    );
  }
  const list = flavour === "github" ? githubSelections(document) : gitlabSelections(document);
  if (!list) {
    throw new AnchorError(
      path,
      ANCHORS[flavour],
      "add the list back, or add the new selection to your CI by hand",
    );
  }
  return list;
}

function githubSelections(document: Document): YAMLSeq | undefined {
  const jobs = document.get("jobs", true);
  if (!isMap(jobs)) return undefined;
  return firstSeq(
    jobs.items.map((job) =>
      isMap(job.value) ? job.value.getIn(["strategy", "matrix", "selection"], true) : undefined,
    ),
  );
}

function gitlabSelections(document: Document): YAMLSeq | undefined {
  if (!isMap(document.contents)) return undefined;
  const lists = document.contents.items.flatMap((job) => {
    const matrix = isMap(job.value) ? job.value.getIn(["parallel", "matrix"], true) : undefined;
    return isSeq(matrix)
      ? matrix.items.map((entry) => (isMap(entry) ? entry.get("SELECTION", true) : undefined))
      : [];
  });
  return firstSeq(lists);
}

function firstSeq(candidates: readonly unknown[]): YAMLSeq | undefined {
  return candidates.find((candidate): candidate is YAMLSeq => isSeq(candidate));
}

/** A block list gets a new `- item` line after the item, with the same prefix; a flow list `, item`. */
function insertAfterItem(text: string, list: YAMLSeq, item: Scalar, value: string): string {
  const [start, valueEnd] = rangeOf(item);
  const scalar = scalarLike(value, item);
  if (list.flow) return splice(text, valueEnd, `, ${scalar}`);
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const prefix = text.slice(lineStart, start);
  const lineEnd = text.indexOf("\n", valueEnd) === -1 ? text.length : text.indexOf("\n", valueEnd);
  return splice(text, lineEnd, `\n${prefix}${scalar}`);
}

/** Only a flow list can be empty (`selection: []`). */
function insertIntoEmpty(text: string, list: YAMLSeq, value: string): string {
  const [start] = rangeOf(list);
  return splice(text, start + 1, scalarLike(value, undefined));
}

/** The value as a YAML scalar quoted like its sibling (plain, single or double quotes). */
function scalarLike(value: string, sibling: Scalar | undefined): string {
  const scalar = new Scalar(value);
  if (sibling?.type) scalar.type = sibling.type;
  return new Document(scalar).toString({ lineWidth: 0 }).trimEnd();
}

function rangeOf(node: Node): [number, number, number] {
  if (!node.range) throw new Error("a parsed YAML node has no source range");
  return node.range;
}

function splice(text: string, at: number, insertion: string): string {
  return `${text.slice(0, at)}${insertion}${text.slice(at)}`;
}
