import { buildPathsOf } from "../../plan/build-files.js";
import { type CreatePlan, planCreate } from "../../plan/create.js";
import { readManifest } from "../../plan/manifest.js";
import { type ProjectPicture, readProject, renderContextOf } from "../../project/index.js";
import { shellWord } from "../../render/escape.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { flagText } from "../answers/apply.js";
import { loadLabelled } from "../answers/check.js";
import { lastValue, resolveAnswers } from "../answers/resolve.js";
import type { ParsedArgs } from "../argv.js";
import type { PlannedChange } from "../changes/conflicts.js";
import { type ChangeRun, decideChanges, holdingTarget, showDryRun, writeChanges } from "../changes/finish.js";
import { nextSteps } from "../changes/next-steps.js";
import { printLockPlan, stopOnDependencyConflicts, updateLockFile } from "../changes/python-lock.js";
import * as report from "../changes/report.js";
import type { CliContext } from "../context.js";
import { readFoundPaths } from "../found-paths.js";
import { isInteractive } from "../interactive.js";
import type { Io } from "../io.js";
import { npmKeptYes } from "../npm-flags.js";
import { createAsker } from "../prompts/ask.js";
import { confirmSummary } from "./summary.js";
import { checkTarget, displayPath, resolveTarget } from "./target.js";

/**
 * `create`: answers → spec → plan on a virtual tree → conflicts → (in a terminal) summary and yes/no →
 * report, then one atomic commit.
 */
interface Run extends ChangeRun {
  parsed: ParsedArgs;
  shown: string;
  project: ProjectPicture;
}

export async function runCreate(ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  const target = resolveTarget(parsed.positionals, ctx.cwd);
  const shown = displayPath(ctx.cwd, target);
  await checkTarget(target, shown);
  const asking = isInteractive(ctx, parsed.switches.interactive) && !parsed.switches.yes;
  const asker = asking ? createAsker(ctx) : undefined;
  const project = readProject(target, ctx.env.npm_config_user_agent);
  const root = project.stackFolder === "" ? undefined : { path: project.root, folder: project.stackFolder };
  const run: Run = { ctx, io, parsed, target, root, shown, switches: parsed.switches, asker, project };
  const answers = await resolveRun(run);
  // From the first read of the folder to the last write, no other run changes it.
  return holdingTarget(run, () => createIn(run, answers));
}

async function createIn(run: Run, { resolved, stack }: Answers): Promise<number> {
  const { io, shown, parsed, asker } = run;
  const { plan, planned, packageManager, dropped } = await planRun(run, stack);
  if (planned.length === 0) {
    io.print(`Nothing to change: ${shown} is up to date.`);
    return 0;
  }
  stopOnDependencyConflicts(plan, parsed.switches.force === true);
  const messages = { notes: [...resolved.notes, ...plan.notes], warnings: plan.warnings };
  if (parsed.switches["dry-run"]) {
    await showDryRun(run, planned, messages);
    printLockPlan(io, plan);
    return 0;
  }
  if (asker)
    await confirmSummary(io, asker, { stack, notes: messages.notes, planned, shown, rerun: resolved.rerun });
  await writeChanges(run, planned, `Created the Dagger stack in ${run.shown}:`);
  const lockFirst = await updateLockFile(io, plan, run.target, run.ctx.env);
  report.printPlanNotes(io, {
    ...messages,
    warnings: [...messages.warnings, ...keptWarnings(planned, dropped)],
  });
  if (resolved.answered.length > 0) report.printRepeatCommand(io, repeatCommand(run, resolved.answered));
  report.printNextSteps(
    io,
    nextSteps(stack.language, packageManager, shown, [...lockFirst, ...plan.nextScripts]),
  );
  return 0;
}

type Answers = Awaited<ReturnType<typeof resolveRun>>;

async function resolveRun(run: Run) {
  const { parsed } = run;
  const usesSpecFile = lastValue(parsed, "spec") !== undefined;
  const resolved = await resolveAnswers({
    parsed,
    cwd: run.ctx.cwd,
    target: run.target,
    asker: usesSpecFile ? undefined : run.asker,
    yes: parsed.switches.yes === true,
    npmKeptYes: npmKeptYes(run.ctx.env, parsed, run.ctx.argv),
    projectName: run.project.name,
    languages: run.project.languages,
  });
  const stack = loadLabelled(resolved.raw, resolved.origins, resolved.specFile);
  return { resolved, stack };
}

async function planRun(run: Run, stack: Answers["stack"]) {
  const { parsed, project } = run;
  const tree = new VirtualTree(diskReader(project.root)).at(project.stackFolder);
  const packageManager = project.packageManager.name;
  const found = readFoundPaths(run.target, buildPathsOf(stack));
  const names = new Set(stack.services.map((service) => service.name));
  const dropped = (readManifest(tree)?.spec.services ?? [])
    .map((service) => service.name)
    .filter((name) => !names.has(name));
  const upgradeDeps = parsed.switches["upgrade-deps"] === true;
  const plan: CreatePlan = planCreate(stack, tree, toolVersion(), renderContextOf(project), {
    upgradeDeps,
    found,
    gitignoresAbove: project.gitignoresAbove,
  });
  const planned = await decideChanges(run, tree);
  return { plan, planned, packageManager, dropped };
}

/**
 * A generated file the user chose to keep was generated for the previous answers; when this run dropped
 * services, it may still use them. Say so, with the way out.
 */
function keptWarnings(planned: readonly PlannedChange[], dropped: readonly string[]): string[] {
  if (dropped.length === 0) return [];
  return planned
    .filter(({ action }) => action === "keep")
    .map(
      ({ change }) =>
        `${change.path}: you kept your version, generated while the stack still had ${dropped.join(", ")}; if it still uses ${dropped.length > 1 ? "them" : "it"}, the type-check and the tests fail: take the generated version in by hand (--dry-run --diff shows it) or rerun with --force`,
    );
}

/** The run without prompts: the folder, the flags as typed, the answers, and --yes. */
function repeatCommand(run: Run, answered: readonly string[]): string {
  const { parsed, shown } = run;
  const typed = parsed.values.map(({ option, text }) => flagText(option, text));
  const switches = Object.entries(parsed.switches)
    .filter(([name]) => name !== "yes" && name !== "interactive")
    .map(([name, on]) => (on ? `--${name}` : `--no-${name}`));
  return [
    "create-dagger-stack",
    ...(shown === "." ? [] : [shellWord(shown)]),
    ...typed,
    ...answered,
    ...switches,
    "--yes",
  ].join(" ");
}
