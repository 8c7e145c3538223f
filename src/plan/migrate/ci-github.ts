import { isMap, isScalar, isSeq, parseDocument, type YAMLMap } from "yaml";
import { commandKind } from "../../edit/yaml/ci-commands.js";
import { editGithubJob, type GithubJobEdited } from "../../edit/yaml/github-job.js";
import type { FileReport } from "../../readers/report.js";
import { githubWorkflow } from "../../render/ci/github.js";
import { fromStack, type RepoLayout, ROOT_LAYOUT } from "../../render/ci/index.js";
import { daggerModel, githubDaggerStep, isDaggerStep } from "./ci-dagger.js";
import { type CiContext, servicesComment, stackStartsAll } from "./ci-model.js";
import { besideCommand, fullModel } from "./ci-models.js";

/**
 * GitHub Actions: each job that used `services:` or docker compose is edited in place to run the stack
 * test run on Dagger instead; a job that cannot be edited safely keeps its file as it is and gets a
 * Dagger counterpart in a new workflow beside it.
 */
export interface FileOutcome {
  reports: FileReport[];
  warnings: string[];
  generated: string[];
}

export function wireGithubWorkflow(context: CiContext, file: string): FileOutcome {
  const layout = context.input.context.layout ?? ROOT_LAYOUT;
  const path = fromStack(layout, file);
  const original = context.tree.read(path);
  if (original === undefined) return { reports: [], warnings: [], generated: [] };
  const jobs = jobsToMove(original);
  if (jobs.length === 0) return { reports: [], warnings: [], generated: [] };
  const step = githubDaggerStep(daggerModel(runtimeOf(context), context.command), layout);
  let text = original;
  const moved: string[] = [];
  const refused: { job: string; reason: string }[] = [];
  const warnings: string[] = [];
  for (const job of jobs) {
    const edit = editGithubJob(text, {
      job,
      services: servicesOf(text, job).filter((service) => !kept(context, file, job, service)),
      env: context.variables,
      composeReplaced: stackStartsAll(context.input.stack),
      daggerStep: step,
      isDaggerStep,
      servicesComment: servicesComment(context.command, "the Dagger step below"),
    });
    if (!edit.ok) {
      refused.push({ job, reason: edit.reason });
      continue;
    }
    text = edit.text;
    moved.push(describe(job, edit, context.command));
    warnings.push(
      ...edit.keptCompose.map(
        (line) => `${file}: job ${job} still runs \`${line}\`: the stack does not replace what it starts`,
      ),
    );
  }
  const reports: FileReport[] = [];
  if (moved.length > 0) {
    context.tree.write(path, text, "merged");
    reports.push({ file, status: "edited", note: `edited in place, comments kept: ${moved.join("; ")}` });
  }
  if (refused.length === 0) return { reports, warnings, generated: [] };
  const beside = besidePath(file);
  context.tree.write(fromStack(layout, beside), besideWorkflow(context, file, layout), "generated");
  const why = refused.map(({ job, reason }) => `job ${job}: ${reason}`).join("; ");
  if (moved.length === 0)
    reports.push({
      file,
      status: "unchanged",
      note: `left as it is (${why}); ${beside} runs its tests on Dagger`,
    });
  reports.push({
    file: beside,
    status: "created",
    note: `the Dagger counterpart of ${refused.map(({ job }) => `job ${job}`).join(", ")} in ${file}, which could not be edited safely (${why}): it runs \`${besideCommand(context)}\`; remove the old job's services once this one passes`,
  });
  return { reports, warnings, generated: [fromStack(layout, beside)] };
}

/** Jobs with `services:` or a docker compose line in a step. */
function jobsToMove(text: string): string[] {
  const document = parseDocument(text);
  const jobs = document.get("jobs", true);
  if (!isMap(jobs)) return [];
  return jobs.items.flatMap((pair) => {
    const job = pair.value;
    if (!isMap(job) || !isScalar(pair.key)) return [];
    const name = String(pair.key.value);
    return job.has("services") || usesCompose(job) ? [name] : [];
  });
}

function usesCompose(job: YAMLMap): boolean {
  const steps = job.get("steps", true);
  if (!isSeq(steps)) return false;
  return steps.items.some((step) => {
    const run = isMap(step) ? step.get("run") : undefined;
    return (
      typeof run === "string" &&
      run.split("\n").some((line) => commandKind(line) !== "other" && commandKind(line) !== "blank")
    );
  });
}

function servicesOf(text: string, job: string): string[] {
  const services = parseDocument(text).getIn(["jobs", job, "services"], true);
  return isMap(services)
    ? services.items.map((pair) => String(isScalar(pair.key) ? pair.key.value : pair.key))
    : [];
}

function kept(context: CiContext, file: string, job: string, service: string): boolean {
  return (context.input.keptServices ?? []).some(
    (entry) => entry.file === file && entry.job === job && entry.service === service,
  );
}

function describe(job: string, edit: GithubJobEdited, command: string): string {
  const parts = [
    ...(edit.services.length > 0 ? [`services ${edit.services.join(", ")} removed`] : []),
    ...(edit.composeLines.length > 0
      ? [`${edit.composeLines.map((line) => `\`${line}\``).join(", ")} removed`]
      : []),
    ...(edit.env.length > 0 ? [`${edit.env.join(", ")} no longer set (the stack test run sets them)`] : []),
    `a Dagger step runs \`${command}\` after the tests`,
  ];
  return `job ${job}: ${parts.join(", ")}`;
}

/**
 * create's workflow for the stack test run, named after the workflow it stands beside, with a concurrency
 * group of its own: sharing create's, one workflow's run would cancel the other's.
 */
function besideWorkflow(context: CiContext, file: string, layout: RepoLayout): string {
  const document = parseDocument(githubWorkflow(fullModel(context), layout));
  const base = file.replace(/^.*\//, "").replace(/\.ya?ml$/, "");
  document.set("name", `${base} on Dagger`);
  document.setIn(["concurrency", "group"], `dagger-${base}-\${{ github.ref }}`);
  return document.toString({ lineWidth: 0, nullStr: "" });
}

/** `.github/workflows/ci.yml` → `.github/workflows/ci-dagger.yml`. */
function besidePath(file: string): string {
  return file.replace(/(\.ya?ml)$/, "-dagger$1");
}

function runtimeOf(context: CiContext) {
  return context.input.stack.language === "python" ? ("python" as const) : ("node" as const);
}
