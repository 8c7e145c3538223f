import { type CreatePlan, planCreate } from "../../plan/create.js";
import { shellWord } from "../../render/escape.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { loadLabelled } from "../answers/check.js";
import { lastValue, resolveAnswers } from "../answers/resolve.js";
import type { ParsedArgs } from "../argv.js";
import { type ChangeRun, decideChanges, showDryRun, writeChanges } from "../changes/finish.js";
import { detectPackageManager, nextSteps } from "../changes/next-steps.js";
import { printLockPlan, stopOnDependencyConflicts, updateLockFile } from "../changes/python-lock.js";
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
}

export async function runCreate(ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  const target = resolveTarget(parsed.positionals, ctx.cwd);
  const shown = displayPath(ctx.cwd, target);
  await checkTarget(target, shown);
  const asking = isInteractive(ctx, parsed.switches.interactive) && !parsed.switches.yes;
  const asker = asking ? createAsker(ctx) : undefined;
  const run: Run = { ctx, io, parsed, target, shown, switches: parsed.switches, asker };
  const { plan, planned, answered, language, packageManager } = await planRun(run);
  if (planned.length === 0) {
    io.print(`Nothing to change: ${shown} is up to date.`);
    return 0;
  }
  stopOnDependencyConflicts(plan, parsed.switches.force === true);
  if (parsed.switches["dry-run"]) {
    await showDryRun(run, planned, plan);
    printLockPlan(io, plan);
    return 0;
  }
  await writeChanges(run, planned, `Created the Dagger stack in ${run.shown}:`);
  const lockFirst = await updateLockFile(io, plan, target, ctx.env);
  printDone(run, plan, answered);
  report.printNextSteps(io, nextSteps(language, packageManager, shown, [...lockFirst, ...plan.nextScripts]));
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
  });
  const stack = loadLabelled(resolved.raw, resolved.origins, resolved.specFile);
  const tree = new VirtualTree(diskReader(run.target));
  const packageManager = detectPackageManager(run.target, run.ctx.env);
  const plan = planCreate(stack, tree, toolVersion(), { packageManager });
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
