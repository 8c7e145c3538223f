import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { commandKind, composeServices, runsTests } from "./ci-commands.js";
import {
  applySplices,
  endOfNode,
  hasNoReferences,
  indentAt,
  isBlock,
  itemLines,
  nextLineStart,
  pairLines,
  rangeOf,
  type Splice,
  yamlLines,
} from "./splice.js";

/**
 * A GitHub Actions job moved from `services:` and docker compose onto a Dagger step, edited in the
 * workflow's text: the services go (a comment says where they went), the compose lines and the
 * variables that pointed at them go, the Dagger step comes after the step that runs the tests, and
 * everything else stays as it was, comments included. When the job is written in a way this cannot
 * edit safely (anchors, a job container, compose chained with other commands), it says why instead.
 */
export interface GithubJobChanges {
  job: string;
  /** Job services the stack replaces. */
  services: readonly string[];
  /** Variables of the job and its steps that pointed at those services; the stack test run sets them. */
  env: readonly string[];
  /** Whether a `docker compose` line may go: the stack replaces every service it names. */
  composeReplaced: (services: readonly string[]) => boolean;
  /** The step to add (a YAML node or plain data), and how to recognise one added before. */
  daggerStep: unknown;
  isDaggerStep: (step: YAMLMap) => boolean;
  /** Comment lines (without `# `) put where the services were. */
  servicesComment: readonly string[];
}

export interface GithubJobEdited {
  ok: true;
  text: string;
  services: string[];
  env: string[];
  composeLines: string[];
  /** Compose lines kept: they name services the stack does not replace. */
  keptCompose: string[];
}

export type GithubJobEdit = GithubJobEdited | { ok: false; reason: string };

export function editGithubJob(text: string, changes: GithubJobChanges): GithubJobEdit {
  if (!text.includes("\r\n")) return editLf(text, changes);
  const edit = editLf(text.replace(/\r\n/g, "\n"), changes);
  return edit.ok ? { ...edit, text: edit.text.replace(/\n/g, "\r\n") } : edit;
}

function editLf(text: string, changes: GithubJobChanges): GithubJobEdit {
  const document = parseDocument(text);
  if (document.errors.length > 0) return refuse(`it does not parse: ${document.errors[0]?.message}`);
  const job = document.getIn(["jobs", changes.job], true);
  if (!isMap(job) || !isBlock(job)) return refuse("it is not a block mapping");
  if (!hasNoReferences(job)) return refuse("it uses YAML anchors, aliases or merge keys");
  if (job.has("container")) return refuse("it runs in a container, where its tests reach services by name");
  const result: GithubJobEdited = {
    ok: true,
    text,
    services: [],
    env: [],
    composeLines: [],
    keptCompose: [],
  };
  const splices: Splice[] = [];
  const problem =
    removeServices(text, job, changes, result, splices) ??
    removeEnv(text, job, changes, result, splices) ??
    editSteps(text, job, changes, result, splices);
  if (problem) return refuse(problem);
  const edited = applySplices(text, splices);
  const check = verify(edited, changes);
  if (check) return refuse(`the edit would not hold (${check})`);
  return { ...result, text: edited };
}

function refuse(reason: string): GithubJobEdit {
  return { ok: false, reason };
}

function removeServices(
  text: string,
  job: YAMLMap,
  changes: GithubJobChanges,
  result: GithubJobEdited,
  splices: Splice[],
): string | undefined {
  const pair = pairOf(job, "services");
  if (!pair) return undefined;
  const services = pair.value;
  if (!isMap(services) || !isBlock(services)) return "its services are not a block mapping";
  const going = services.items.filter((item) => changes.services.includes(keyOf(item)));
  result.services = going.map(keyOf);
  if (going.length === 0) return undefined;
  if (going.length === services.items.length) {
    const lines = pairLines(text, pair);
    const indent = indentAt(text, rangeOf(pair.key as Node)[0]);
    const comment = changes.servicesComment.map((line) => `${indent}# ${line}\n`).join("");
    splices.push({ ...lines, text: comment });
  } else for (const item of going) splices.push({ ...pairLines(text, item), text: "" });
  return undefined;
}

function removeEnv(
  text: string,
  job: YAMLMap,
  changes: GithubJobChanges,
  result: GithubJobEdited,
  splices: Splice[],
): string | undefined {
  const owners: YAMLMap[] = [job];
  const steps = job.get("steps", true);
  if (isSeq(steps)) owners.push(...steps.items.filter((step): step is YAMLMap => isMap(step)));
  for (const owner of owners) {
    const pair = pairOf(owner, "env");
    if (!pair) continue;
    const env = pair.value;
    const going = isMap(env) ? env.items.filter((item) => changes.env.includes(keyOf(item))) : [];
    if (going.length === 0) continue;
    if (!isMap(env) || !isBlock(env)) return "its env is not a block mapping";
    result.env.push(...going.map(keyOf));
    if (going.length === env.items.length) splices.push({ ...pairLines(text, pair), text: "" });
    else for (const item of going) splices.push({ ...pairLines(text, item), text: "" });
  }
  result.env = [...new Set(result.env)];
  return undefined;
}

function editSteps(
  text: string,
  job: YAMLMap,
  changes: GithubJobChanges,
  result: GithubJobEdited,
  splices: Splice[],
): string | undefined {
  const steps = job.get("steps", true);
  if (!isSeq(steps) || !isBlock(steps)) return "it has no block list of steps";
  const kept: YAMLMap[] = [];
  for (const step of steps.items) {
    if (!isMap(step)) return "a step is not a mapping";
    const outcome = composeLinesOf(text, step, changes, result);
    if (outcome === "whole") splices.push({ ...itemLines(text, step), text: "" });
    else if (typeof outcome === "string") return outcome;
    else {
      splices.push(...outcome);
      kept.push(step);
    }
  }
  if (kept.some(changes.isDaggerStep)) return undefined;
  const after = kept.findLast((step) => runsTestsStep(step)) ?? kept.at(-1);
  if (!after) return "it has no step to put the Dagger step after";
  const indent = indentAt(text, rangeOf(after)[0]);
  const at = endOfNode(text, after);
  splices.push({ start: at, end: at, text: `${yamlLines([changes.daggerStep], indent)}\n` });
  return undefined;
}

/**
 * The compose lines of a step's `run`: the whole step when it does nothing else, else the lines of its
 * block scalar; a reason when the step runs its commands inside compose or chains compose with others.
 */
function composeLinesOf(
  text: string,
  step: YAMLMap,
  changes: GithubJobChanges,
  result: GithubJobEdited,
): "whole" | Splice[] | string {
  const run = step.get("run", true);
  if (!isScalar(run)) return [];
  const lines = String(run.value).split("\n");
  const kinds = lines.map(commandKind);
  if (kinds.some((kind) => kind === "compose-container")) {
    return "a step runs its commands inside docker compose containers, where the stack cannot take over";
  }
  if (kinds.some((kind) => kind === "mixed"))
    return "a step chains docker compose with other commands on one line";
  const going = lines.filter(
    (line, index) => kinds[index] === "compose" && changes.composeReplaced(composeServices([line])),
  );
  result.keptCompose.push(
    ...lines
      .filter((line, index) => kinds[index] === "compose" && !going.includes(line))
      .map((line) => line.trim()),
  );
  if (going.length === 0) return [];
  result.composeLines.push(...going.map((line) => line.trim()));
  const rest = lines.filter((line, index) => kinds[index] !== "blank" && !going.includes(line));
  if (rest.length === 0) return "whole";
  if (run.type !== "BLOCK_LITERAL")
    return "a step mixes docker compose with other commands outside a `|` block";
  const [start, , end] = rangeOf(run);
  const splices: Splice[] = [];
  for (let at = nextLineStart(text, start); at < end; at = nextLineStart(text, at)) {
    const line = text.slice(at, nextLineStart(text, at)).replace(/\n$/, "");
    if (going.includes(line.trim())) splices.push({ start: at, end: nextLineStart(text, at), text: "" });
  }
  return splices;
}

function runsTestsStep(step: YAMLMap): boolean {
  const run = step.get("run");
  return typeof run === "string" && runsTests(run);
}

function verify(text: string, changes: GithubJobChanges): string | undefined {
  const document: Document = parseDocument(text);
  if (document.errors.length > 0) return document.errors[0]?.message;
  const job = document.getIn(["jobs", changes.job], true);
  if (!isMap(job)) return "the job is gone";
  const services = job.get("services", true);
  if (isMap(services) && services.items.some((item) => changes.services.includes(keyOf(item))))
    return "a service is still there";
  const steps = job.get("steps", true) as YAMLSeq | undefined;
  if (!steps?.items.some((step) => isMap(step) && changes.isDaggerStep(step))) return "no Dagger step";
  return undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => keyOf(item) === key);
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
