import { isMap, isScalar, isSeq, type Node, parseDocument, type YAMLMap } from "yaml";
import { githubWorkflow } from "../../render/ci/github.js";
import { gitlabPipeline } from "../../render/ci/gitlab.js";
import type { RepoLayout } from "../../render/ci/layout.js";
import type { CiModel } from "../../render/ci/model.js";

/**
 * The Dagger pieces of a CI job, taken from what create's CI renderer writes (render/ci/), so that a job
 * migrate edits runs Dagger exactly as a generated workflow does, pins and settings included. The
 * renderer is given a model whose test command is the stack test run; its output is parsed and the
 * pieces that are about Dagger are picked out.
 */
const DAGGER_ACTION = "dagger/dagger-for-github";

export function daggerModel(runtime: CiModel["runtime"], command: string): CiModel {
  return { runtime, versions: ["x"], selections: ["x"], install: [], test: () => command };
}

/** The step that runs `command` under `dagger run` (with the Dagger CLI the action installs). */
export function githubDaggerStep(model: CiModel, layout: RepoLayout): YAMLMap {
  const document = parseDocument(githubWorkflow(model, layout));
  const jobs = document.get("jobs", true);
  const steps = isMap(jobs)
    ? jobs.items.flatMap((job) => {
        const list = isMap(job.value) ? job.value.get("steps", true) : undefined;
        return isSeq(list) ? list.items : [];
      })
    : [];
  const step = steps.find((candidate): candidate is YAMLMap => isMap(candidate) && isDaggerStep(candidate));
  if (!step) throw new Error("the GitHub workflow renderer wrote no Dagger step");
  return step;
}

export function isDaggerStep(step: YAMLMap): boolean {
  const uses = step.get("uses");
  return typeof uses === "string" && uses.startsWith(`${DAGGER_ACTION}@`);
}

/** What a GitLab job needs to run Dagger: a Docker engine service, its variables, the CLI, the command. */
export interface GitlabDaggerParts {
  services: unknown[];
  variables: Record<string, string>;
  /** Lines that install the Dagger CLI. */
  install: string[];
  /** The line that runs the command under `dagger run`. */
  run: string[];
}

export function gitlabDaggerParts(model: CiModel, layout: RepoLayout): GitlabDaggerParts {
  const document = parseDocument(gitlabPipeline(model, layout));
  const job = isMap(document.contents) ? document.contents.items[0]?.value : undefined;
  if (!isMap(job)) throw new Error("the GitLab pipeline renderer wrote no job");
  const strings = (key: string) => {
    const list = job.get(key, true);
    return isSeq(list) ? list.items.map((item) => String(isScalar(item) ? item.value : item)) : [];
  };
  const services = job.get("services", true);
  const variables = job.get("variables", true);
  return {
    services: isSeq(services) ? services.items.map((item) => (item as Node).toJSON()) : [],
    variables: isMap(variables) ? (variables.toJSON() as Record<string, string>) : {},
    install: strings("before_script").filter((line) => /\bdagger\b/i.test(line) && !/^dagger\s/.test(line)),
    run: strings("script").filter((line) => /\bdagger\b/.test(line)),
  };
}
