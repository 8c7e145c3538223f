import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { githubWorkflow } from "../../render/ci/github.js";
import { DAGGER_SETUP } from "../../render/ci/gitlab.js";
import type { RepoLayout } from "../../render/ci/layout.js";
import type { CiModel } from "../../render/ci/model.js";

/**
 * The Dagger pieces of a CI job, taken from create's CI renderer (render/ci/), so that a job migrate edits
 * runs Dagger exactly as a generated workflow does, pins and settings included. GitHub: the renderer is
 * given a model whose test command is the stack test run, and the Dagger step is picked out of its
 * output. GitLab: the setup its job is built from.
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

/** What a GitLab job needs to run Dagger: a Docker engine service, its variables, the CLIs, the command. */
export interface GitlabDaggerParts {
  services: unknown[];
  variables: Record<string, string>;
  /** Lines that install the Docker and Dagger CLIs. */
  install: string[];
  /** The line that runs the command under `dagger run`. */
  run: string[];
}

/** The Dagger setup of create's GitLab job (render/ci/gitlab.ts), around `command`. */
export function gitlabDaggerParts(command: string): GitlabDaggerParts {
  return {
    services: DAGGER_SETUP.services.map((service) => ({ ...service })),
    variables: { ...DAGGER_SETUP.variables },
    install: [...DAGGER_SETUP.tools],
    run: [`dagger run ${command}`],
  };
}
