import {
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
  lineStart,
  pairLines,
  rangeOf,
  type Splice,
  yamlLines,
} from "./splice.js";

/**
 * A GitLab CI job moved from `services:` and docker compose onto Dagger, edited in the pipeline's text:
 * the services the stack replaces go (Docker-in-Docker comes in, for Dagger's engine, unless the job has
 * it already), the variables that pointed at them go and Dagger's come in, compose lines go from the
 * scripts, and the Dagger CLI install and `dagger run` come after the line that runs the tests. The rest
 * stays as it was. A job this cannot edit safely (extends, anchors, compose running the tests inside
 * containers) comes back with the reason.
 */
export interface GitlabService {
  image: string;
  alias?: string;
}

export interface GitlabJobChanges {
  job: string;
  /** Whether the stack replaces one of the job's services. */
  replaces: (service: GitlabService) => boolean;
  /** Variables that pointed at those services; the stack test run sets them. */
  env: readonly string[];
  composeReplaced: (services: readonly string[]) => boolean;
  daggerServices: readonly unknown[];
  daggerVariables: Readonly<Record<string, string>>;
  /** Script lines: the Dagger CLI install, then the stack test run under `dagger run`. */
  daggerScript: readonly string[];
  servicesComment: readonly string[];
}

export interface GitlabJobEdited {
  ok: true;
  text: string;
  services: string[];
  env: string[];
  composeLines: string[];
  keptCompose: string[];
}

export type GitlabJobEdit = GitlabJobEdited | { ok: false; reason: string };

const SCRIPTS = ["before_script", "script", "after_script"];

export function editGitlabJob(text: string, changes: GitlabJobChanges): GitlabJobEdit {
  if (!text.includes("\r\n")) return editLf(text, changes);
  const edit = editLf(text.replace(/\r\n/g, "\n"), changes);
  return edit.ok ? { ...edit, text: edit.text.replace(/\n/g, "\r\n") } : edit;
}

function editLf(text: string, changes: GitlabJobChanges): GitlabJobEdit {
  const document = parseDocument(text);
  if (document.errors.length > 0) return refuse(`it does not parse: ${document.errors[0]?.message}`);
  const job = isMap(document.contents) ? document.contents.get(changes.job, true) : undefined;
  if (!isMap(job) || !isBlock(job)) return refuse("it is not a block mapping");
  if (!hasNoReferences(job)) return refuse("it uses YAML anchors, aliases or merge keys");
  if (job.has("extends")) return refuse("it extends other jobs, which may hold its services");
  const result: GitlabJobEdited = {
    ok: true,
    text,
    services: [],
    env: [],
    composeLines: [],
    keptCompose: [],
  };
  const splices: Splice[] = [];
  const hasDind = editServices(text, job, changes, result, splices);
  if (typeof hasDind === "string") return refuse(hasDind);
  const problem =
    editVariables(text, job, changes, hasDind, result, splices) ??
    editScripts(text, job, changes, result, splices);
  if (problem) return refuse(problem);
  const edited = applySplices(text, splices);
  const check = verify(edited, changes);
  if (check) return refuse(`the edit would not hold (${check})`);
  return { ...result, text: edited };
}

function refuse(reason: string): GitlabJobEdit {
  return { ok: false, reason };
}

function serviceOf(item: unknown): GitlabService | undefined {
  if (isScalar(item)) return { image: String(item.value) };
  if (!isMap(item)) return undefined;
  const image = item.get("name");
  const alias = item.get("alias");
  return typeof image === "string" ? { image, ...(typeof alias === "string" ? { alias } : {}) } : undefined;
}

export function isDockerInDocker(service: GitlabService): boolean {
  return /^docker:.*dind/.test(service.image);
}

/** Whether the job keeps (or already had) a Docker engine service; a reason when it cannot be edited. */
function editServices(
  text: string,
  job: YAMLMap,
  changes: GitlabJobChanges,
  result: GitlabJobEdited,
  splices: Splice[],
): boolean | string {
  const pair = pairOf(job, "services");
  if (!pair) return "the job has no services of its own";
  const list = pair.value;
  if (!isSeq(list) || !isBlock(list)) return "its services are not a block list";
  const services = list.items.map(serviceOf);
  if (services.some((service) => service === undefined))
    return "a service is neither an image nor a mapping with a name";
  const going = list.items.filter((_, index) => {
    const service = services[index] as GitlabService;
    return !isDockerInDocker(service) && changes.replaces(service);
  });
  result.services = going.map((item) => (serviceOf(item) as GitlabService).image);
  const hasDind = services.some((service) => service && isDockerInDocker(service));
  if (going.length === 0) return hasDind;
  for (const item of going) splices.push({ ...itemLines(text, item as Node), text: "" });
  if (!hasDind) {
    const last = list.items.at(-1) as Node;
    const at = endOfNode(text, last);
    splices.push({
      start: at,
      end: at,
      text: `${yamlLines(changes.daggerServices, indentAt(text, rangeOf(last)[0]))}\n`,
    });
  }
  const keyLine = lineStart(text, rangeOf(pair.key as Node)[0]);
  const indent = indentAt(text, keyLine);
  splices.push({
    start: keyLine,
    end: keyLine,
    text: changes.servicesComment.map((line) => `${indent}# ${line}\n`).join(""),
  });
  return hasDind;
}

function editVariables(
  text: string,
  job: YAMLMap,
  changes: GitlabJobChanges,
  hasDind: boolean,
  result: GitlabJobEdited,
  splices: Splice[],
): string | undefined {
  const pair = pairOf(job, "variables");
  const wanted = Object.entries(changes.daggerVariables).filter(
    ([name]) => !hasDind || !name.startsWith("DOCKER_"),
  );
  if (!pair) {
    const script = pairOf(job, "script");
    if (!script) return "the job has no script";
    const at = lineStart(text, rangeOf(script.key as Node)[0]);
    const body = yamlLines({ variables: Object.fromEntries(wanted) }, indentAt(text, at));
    splices.push({ start: at, end: at, text: `${body}\n` });
    return undefined;
  }
  const variables = pair.value;
  if (!isMap(variables) || !isBlock(variables)) return "its variables are not a block mapping";
  for (const item of variables.items) {
    if (!changes.env.includes(keyOf(item))) continue;
    result.env.push(keyOf(item));
    splices.push({ ...pairLines(text, item), text: "" });
  }
  const missing = wanted.filter(([name]) => !variables.has(name));
  const last = variables.items.at(-1);
  if (missing.length > 0 && last) {
    const at = endOfNode(text, (last.value as Node | null) ?? (last.key as Node));
    splices.push({
      start: at,
      end: at,
      text: `${yamlLines(Object.fromEntries(missing), indentAt(text, rangeOf(last.key as Node)[0]))}\n`,
    });
  }
  return undefined;
}

function editScripts(
  text: string,
  job: YAMLMap,
  changes: GitlabJobChanges,
  result: GitlabJobEdited,
  splices: Splice[],
): string | undefined {
  let runAfter: Node | undefined;
  let alreadyRuns = false;
  for (const key of SCRIPTS) {
    const pair = pairOf(job, key);
    if (!pair) continue;
    const list = pair.value;
    if (!isSeq(list) || !isBlock(list)) {
      if (key === "script") return "its script is not a block list";
      continue;
    }
    const kept: Node[] = [];
    const removals: Splice[] = [];
    for (const item of list.items) {
      const line = isScalar(item) ? String(item.value) : "";
      const kinds = line.split("\n").map(commandKind);
      if (kinds.some((kind) => kind === "compose-container" || kind === "mixed"))
        return `${key} runs its commands inside docker compose containers, or chains compose with other commands`;
      alreadyRuns ||= /\bdagger\s+run\b/.test(line);
      const compose =
        kinds.includes("compose") && kinds.every((kind) => kind === "compose" || kind === "blank");
      if (compose && changes.composeReplaced(composeServices([line]))) {
        result.composeLines.push(line.trim());
        removals.push({ ...itemLines(text, item as Node), text: "" });
      } else {
        if (compose) result.keptCompose.push(line.trim());
        kept.push(item as Node);
      }
    }
    if (kept.length === 0) splices.push({ ...pairLines(text, pair), text: "" });
    else splices.push(...removals);
    if (key === "script")
      runAfter = kept.findLast((item) => isScalar(item) && runsTests(String(item.value))) ?? kept.at(-1);
  }
  if (alreadyRuns) return undefined;
  if (!runAfter) return "its script has nothing left to run the tests after";
  const at = endOfNode(text, runAfter);
  splices.push({
    start: at,
    end: at,
    text: `${yamlLines(changes.daggerScript, indentAt(text, rangeOf(runAfter)[0]))}\n`,
  });
  return undefined;
}

function verify(text: string, changes: GitlabJobChanges): string | undefined {
  const document = parseDocument(text);
  if (document.errors.length > 0) return document.errors[0]?.message;
  const job = isMap(document.contents) ? document.contents.get(changes.job, true) : undefined;
  if (!isMap(job)) return "the job is gone";
  const services = job.get("services", true) as YAMLSeq | undefined;
  const left = (services?.items ?? [])
    .map(serviceOf)
    .filter((service) => service && !isDockerInDocker(service));
  if (left.some((service) => service && changes.replaces(service))) return "a service is still there";
  const script = job.get("script", true) as YAMLSeq | undefined;
  if (!script?.items.some((item) => isScalar(item) && /\bdagger\s+run\b/.test(String(item.value))))
    return "no `dagger run`";
  return undefined;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((item) => keyOf(item) === key);
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}
