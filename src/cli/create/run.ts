import { type CreatePlan, planCreate } from "../../plan/create.js";
import { readManifest } from "../../plan/manifest.js";
import { shellWord } from "../../render/escape.js";
import type { Language } from "../../spec/model.js";
import { commitChanges } from "../../tree/commit.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { loadLabelled } from "../answers/check.js";
import { lastValue, resolveAnswers } from "../answers/resolve.js";
import type { ParsedArgs } from "../argv.js";
import type { CliContext } from "../context.js";
import { isInteractive } from "../interactive.js";
import type { Io } from "../io.js";
import { type Asker, createAsker } from "../prompts/ask.js";
import { decideConflicts, type PlannedChange, toWrite } from "./conflicts.js";
import { printDiffs } from "./diff.js";
import { detectPackageManager, nextSteps } from "./next-steps.js";
import * as report from "./report.js";
import { checkTarget, displayPath, resolveTarget } from "./target.js";

/** `create`: answers → spec → plan on a virtual tree → conflicts → report, then one atomic commit. */
interface Run {
  ctx: CliContext;
  io: Io;
  parsed: ParsedArgs;
  target: string;
  shown: string;
  asker?: Asker;
}

export async function runCreate(ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  const target = resolveTarget(parsed.positionals, ctx.cwd);
  const shown = displayPath(ctx.cwd, target);
  await checkTarget(target, shown);
  const asking = isInteractive(ctx, parsed.switches.interactive) && !parsed.switches.yes;
  const run: Run = { ctx, io, parsed, target, shown, asker: asking ? createAsker(ctx) : undefined };
  const { plan, planned, answered, language } = await planRun(run);
  if (planned.length === 0) {
    io.print(`Nothing to change: ${shown} is up to date.`);
    return 0;
  }
  if (parsed.switches["dry-run"]) return printDryRun(run, planned, plan);
  await commitChanges(target, toWrite(planned));
  await printDone(run, planned, plan, answered);
  printNext(run, language, plan);
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
  const plan = planCreate(stack, tree, toolVersion());
  const planned = await decideConflicts(tree.changes(), readManifest(tree), {
    force: parsed.switches.force === true,
    dryRun: parsed.switches["dry-run"] === true,
    asker: run.asker,
  });
  return { plan, planned, answered: resolved.answered, language: stack.language };
}

async function printDryRun(run: Run, planned: PlannedChange[], plan: CreatePlan): Promise<number> {
  report.printDryRunHeading(run.io);
  report.printChanges(run.io, planned);
  report.printConflictSummary(run.io, planned);
  report.printPlanNotes(run.io, plan);
  const changes = planned.map(({ change }) => change);
  if (run.parsed.switches.diff) await printDiffs(run.io, changes);
  return 0;
}

async function printDone(
  run: Run,
  planned: PlannedChange[],
  plan: CreatePlan,
  answered: string[],
): Promise<void> {
  run.io.print(run.io.colors.bold(`Created the Dagger stack in ${run.shown}:`));
  report.printChanges(run.io, planned);
  if (run.parsed.switches.diff) await printDiffs(run.io, toWrite(planned));
  report.printPlanNotes(run.io, plan);
  if (answered.length > 0) report.printRepeatCommand(run.io, repeatCommand(run.shown, answered));
}

function printNext(run: Run, language: Language, plan: CreatePlan): void {
  const pm = detectPackageManager(run.target, run.ctx.env);
  report.printNextSteps(run.io, nextSteps(language, pm, run.shown, plan.nextScripts));
}

function repeatCommand(shown: string, answered: string[]): string {
  return ["create-dagger-stack", ...(shown === "." ? [] : [shellWord(shown)]), ...answered].join(" ");
}
