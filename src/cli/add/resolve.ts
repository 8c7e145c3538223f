import type { UsageError } from "../../errors.js";
import type { AddRequest } from "../../plan/add/index.js";
import type { StackSpec } from "../../spec/schema.js";
import type { ParsedArgs } from "../argv.js";
import type { Asker } from "../prompts/ask.js";
import type { Labels } from "./labels.js";
import {
  extensionRequest,
  missingExtensionWord,
  missingKind,
  readWanted,
  serviceDraft,
  serviceRequest,
} from "./request.js";

/**
 * The planner's request, from words and flags first, then (in a terminal, without --yes) answers to what
 * they leave open. A service whose name the stack already has is not asked about: the planner says
 * whether it is already there or a clash.
 */
export interface ResolvedAdd {
  request: AddRequest;
  labels: Labels;
  /** The command's words, asked ones included: `add redis`, `add extension postgres postgis`. */
  words: string[];
  /** The answers, as the flags that give them. */
  answered: string[];
  /** Whether anything was asked, so the same run without prompts is worth showing. */
  asked: boolean;
}

type Prompts = typeof import("./prompts.js");

export async function resolveRequest(
  parsed: ParsedArgs,
  spec: StackSpec,
  asker?: Asker,
): Promise<ResolvedAdd> {
  const wanted = readWanted(parsed);
  if (wanted.type === "service") return resolveService(parsed, spec, wanted.kind, asker);
  const service =
    wanted.service ??
    (await askOr(
      asker,
      () => missingExtensionWord("<service>"),
      (prompts, a) => prompts.askExtensionService(spec, a),
    ));
  const extension =
    wanted.extension ??
    (await askOr(
      asker,
      () => missingExtensionWord("<extension>"),
      (prompts, a) => prompts.askExtension(spec, service, a),
    ));
  return {
    ...extensionRequest(spec, service, extension),
    words: ["add", "extension", service, extension],
    answered: [],
    asked: wanted.service === undefined || wanted.extension === undefined,
  };
}

async function resolveService(
  parsed: ParsedArgs,
  spec: StackSpec,
  givenKind: string | undefined,
  asker: Asker | undefined,
): Promise<ResolvedAdd> {
  const kind = givenKind ?? (await askOr(asker, missingKind, (prompts, a) => prompts.askKind(a)));
  const draft = serviceDraft(spec, kind, parsed);
  const answered =
    asker && !draft.nameTaken ? await (await import("./prompts.js")).askServiceSettings(draft, asker) : [];
  return {
    request: serviceRequest(draft),
    labels: draft.labels,
    words: ["add", kind],
    answered,
    asked: givenKind === undefined || answered.length > 0,
  };
}

/** Asks through prompts.ts, loaded on the first question, when there is someone to ask; else the error. */
async function askOr<T>(
  asker: Asker | undefined,
  missing: () => UsageError,
  ask: (prompts: Prompts, asker: Asker) => Promise<T>,
): Promise<T> {
  if (!asker) throw missing();
  return ask(await import("./prompts.js"), asker);
}
