import { type CreatePlan, planCreate } from "../../plan/create.js";
import { type ProjectPicture, readProject, renderContextOf } from "../../project/index.js";
import { shellWord } from "../../render/escape.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { loadLabelled } from "../answers/check.js";
import { lastValue, resolveAnswers } from "../answers/resolve.js";
import type { ParsedArgs } from "../argv.js";
import { type ChangeRun, decideChanges, showDryRun, writeChanges } from "../changes/finish.js";
import { nextSteps } from "../changes/next-steps.js";
import * as report from "../changes/report.js";
import type { CliContext } from "../context.js";
import { isInteractive } from "../interactive.js";
import type { Io } from "../io.js";
import { createAsker } from "../prompts/ask.js";
import { checkTarget, displayPath, resolveTarget } from "./target.js";

/** `create`: answers → spec → plan on a virtual tree → conflicts → report, then one atomic commit. */
interface Run extends ChangeRun {
  ctx: CliContext;
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
  const { plan, planned, answered, language, packageManager } = await planRun(run);
  if (planned.length === 0) {
    io.print(`Nothing to change: ${shown} is up to date.`);
    return 0;
  }
  if (parsed.switches["dry-run"]) return showDryRun(run, planned, plan);
  await writeChanges(run, planned, `Created the Dagger stack in ${run.shown}:`);
  printDone(run, plan, answered);
  report.printNextSteps(io, nextSteps(language, packageManager, shown, plan.nextScripts));
  return 0;
}

async function planRun(run: Run) {
  const { parsed } = run;
  const usesSpecFile = lastValue(parsed, "spec") !== undefined;
  const resolved = await resolveAnswers({
    parsed,
    cwd: run.ctx.cwd,
    target: run.target,
    asker: usesSpecFile ? undefined : run.asker,
    yes: parsed.switches.yes === true,
    projectName: run.project.name,
  });
  const stack = loadLabelled(resolved.raw, resolved.origins, resolved.specFile);
  const tree = new VirtualTree(diskReader(run.project.root)).at(run.project.stackFolder);
  const packageManager = run.project.packageManager.name;
  const upgradeDeps = parsed.switches["upgrade-deps"] === true;
  const plan = planCreate(stack, tree, toolVersion(), renderContextOf(run.project), { upgradeDeps });
  const planned = await decideChanges(run, tree);
  return { plan, planned, answered: resolved.answered, language: stack.language, packageManager };
}

function printDone(run: Run, plan: CreatePlan, answered: string[]): void {
  report.printPlanNotes(run.io, plan);
  if (answered.length > 0) report.printRepeatCommand(run.io, repeatCommand(run.shown, answered));
}

function repeatCommand(shown: string, answered: string[]): string {
  return ["create-dagger-stack", ...(shown === "." ? [] : [shellWord(shown)]), ...answered].join(" ");
}
