import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { commandKind } from "../../edit/yaml/ci-commands.js";
import { includeLocal } from "../../edit/yaml/gitlab-include.js";
import {
  editGitlabJob,
  type GitlabJobEdited,
  type GitlabService,
  isDockerInDocker,
} from "../../edit/yaml/gitlab-job.js";
import type { FileReport } from "../../readers/report.js";
import { gitlabPipeline } from "../../render/ci/gitlab.js";
import { fromStack, GITLAB_PIPELINE_PATH, ROOT_LAYOUT } from "../../render/ci/index.js";
import type { NormalizedStack } from "../../spec/model.js";
import { gitlabDaggerParts } from "./ci-dagger.js";
import type { FileOutcome } from "./ci-github.js";
import { type CiContext, servicesComment, stackStartsAll } from "./ci-model.js";
import { besideCommand, fullModel } from "./ci-models.js";

/**
 * GitLab CI: each job of .gitlab-ci.yml that used `services:` or docker compose is edited in place to
 * run the stack test run on Dagger (Docker-in-Docker gives Dagger its engine, as in create's job); a job
 * that cannot be edited safely stays as it is, and a job of its own in `.gitlab/` runs its tests on
 * Dagger, included by one `include:` line.
 */
const NOT_JOBS = new Set([
  "stages",
  "variables",
  "include",
  "default",
  "workflow",
  "image",
  "services",
  "before_script",
  "after_script",
  "cache",
]);

export function wireGitlabPipeline(context: CiContext): FileOutcome {
  const layout = context.input.context.layout ?? ROOT_LAYOUT;
  const path = fromStack(layout, GITLAB_PIPELINE_PATH);
  const original = context.tree.read(path);
  if (original === undefined) return { reports: [], warnings: [], generated: [] };
  const jobs = jobsToMove(original);
  if (jobs.length === 0) return { reports: [], warnings: [], generated: [] };
  const parts = gitlabDaggerParts(context.command);
  let text = original;
  const moved: string[] = [];
  const refused: { job: string; reason: string }[] = [];
  const warnings: string[] = [];
  for (const job of jobs) {
    const edit = editGitlabJob(text, {
      job,
      replaces: (service) => replacedByStack(context.input.stack, service),
      env: context.variables,
      composeReplaced: stackStartsAll(context.input.stack),
      daggerServices: parts.services,
      daggerVariables: parts.variables,
      daggerScript: [...parts.install, ...parts.run],
      servicesComment: servicesComment(context.command, "`dagger run` in the script below"),
    });
    if (!edit.ok) {
      refused.push({ job, reason: edit.reason });
      continue;
    }
    text = edit.text;
    moved.push(describe(job, edit, context.command));
    warnings.push(
      ...edit.keptCompose.map((line) => `${GITLAB_PIPELINE_PATH}: job ${job} still runs \`${line}\``),
    );
    warnings.push(...imageWarning(text, job));
  }
  const reports: FileReport[] = [];
  const generated: string[] = [];
  if (moved.length > 0)
    reports.push({
      file: GITLAB_PIPELINE_PATH,
      status: "edited",
      note: `edited in place, comments kept: ${moved.join("; ")}`,
    });
  for (const { job, reason } of refused) {
    const file = `.gitlab/dagger-${job.replace(/[^A-Za-z0-9._-]+/g, "-")}.yml`;
    context.tree.write(fromStack(layout, file), besideJob(context, job, layout), "generated");
    generated.push(fromStack(layout, file));
    text = includeLocal(
      text,
      GITLAB_PIPELINE_PATH,
      file,
      `Job ${job} on Dagger, added by create-dagger-stack migrate`,
    );
    reports.push({
      file,
      status: "created",
      note: `the Dagger counterpart of job ${job}, which could not be edited safely (${reason}): it runs \`${besideCommand(context)}\`; ${GITLAB_PIPELINE_PATH} includes it`,
    });
  }
  if (text !== original) context.tree.write(path, text, "merged");
  if (moved.length === 0 && refused.length > 0)
    reports.unshift({
      file: GITLAB_PIPELINE_PATH,
      status: "edited",
      note: "one `include:` entry added; its jobs are as they were",
    });
  return { reports, warnings, generated };
}

function jobsToMove(text: string): string[] {
  const document = parseDocument(text);
  if (!isMap(document.contents)) return [];
  return document.contents.items.flatMap((pair) => {
    const name = isScalar(pair.key) ? String(pair.key.value) : "";
    const job = pair.value;
    if (NOT_JOBS.has(name) || name.startsWith(".") || !isMap(job)) return [];
    return hasServices(job) || usesCompose(job) ? [name] : [];
  });
}

function hasServices(job: YAMLMap): boolean {
  const services = job.get("services", true);
  return (
    isSeq(services) &&
    services.items.some((item) => {
      const image = isScalar(item) ? String(item.value) : isMap(item) ? String(item.get("name")) : "";
      return !isDockerInDocker({ image });
    })
  );
}

function usesCompose(job: YAMLMap): boolean {
  return ["before_script", "script", "after_script"].some((key) => {
    const list = job.get(key, true);
    return (
      isSeq(list) &&
      list.items.some(
        (item) =>
          isScalar(item) &&
          String(item.value)
            .split("\n")
            .some((line) => ["compose", "compose-container", "mixed"].includes(commandKind(line))),
      )
    );
  });
}

/** A job service the stack replaces: named like a stack service, or from the same image. */
export function replacedByStack(stack: NormalizedStack, service: GitlabService): boolean {
  const repository = imageRepository(service.image);
  const aliases = [service.alias, repository.split("/").at(-1)].filter(Boolean);
  return stack.services.some(
    (candidate) =>
      aliases.includes(candidate.name) ||
      (candidate.image !== undefined &&
        imageRepository(candidate.image).split("/").at(-1) === repository.split("/").at(-1)),
  );
}

function imageRepository(image: string): string {
  return image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
}

function imageWarning(text: string, job: string): string[] {
  const document = parseDocument(text);
  const image = isMap(document.contents) ? document.contents.getIn([job, "image"]) : undefined;
  return typeof image === "string" && /alpine|slim/.test(image)
    ? [
        `${GITLAB_PIPELINE_PATH}: job ${job} runs in ${image}, which may lack curl: the Dagger CLI installs with it`,
      ]
    : [];
}

function describe(job: string, edit: GitlabJobEdited, command: string): string {
  const parts = [
    ...(edit.services.length > 0
      ? [`services ${edit.services.join(", ")} replaced by Docker-in-Docker for Dagger`]
      : []),
    ...(edit.composeLines.length > 0
      ? [`${edit.composeLines.map((line) => `\`${line}\``).join(", ")} removed`]
      : []),
    ...(edit.env.length > 0 ? [`${edit.env.join(", ")} no longer set (the stack test run sets them)`] : []),
    `\`dagger run ${command}\` after the tests`,
  ];
  return `job ${job}: ${parts.join(", ")}`;
}

/** create's GitLab job for the stack test run, named after the job it stands beside. */
function besideJob(context: CiContext, job: string, layout: typeof ROOT_LAYOUT): string {
  const document = parseDocument(gitlabPipeline(fullModel(context), layout));
  if (isMap(document.contents)) {
    const pair = document.contents.items[0];
    if (pair && isScalar(pair.key)) pair.key.value = `${job}-dagger`;
  }
  return document.toString({ lineWidth: 0, nullStr: "" });
}
