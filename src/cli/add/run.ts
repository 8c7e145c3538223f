import { UsageError } from "../../errors.js";
import type { AddParsers, AddPlan } from "../../plan/add/index.js";
import { buildPathsOf, buildWarnings } from "../../plan/build-files.js";
import { MANIFEST_PATH, type Manifest } from "../../plan/manifest.js";
import { type ProjectPicture, readProject, renderContextOf } from "../../project/index.js";
import { shellWord } from "../../render/escape.js";
import { loadStack } from "../../spec/load.js";
import type { Language } from "../../spec/model.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { flagText } from "../answers/apply.js";
import type { ParsedArgs } from "../argv.js";
import { type ChangeRun, decideChanges, holdingTarget, showDryRun, writeChanges } from "../changes/finish.js";
import { nextSteps, type PackageManager } from "../changes/next-steps.js";
import { printLockPlan, stopOnDependencyConflicts, updateLockFile } from "../changes/python-lock.js";
import * as report from "../changes/report.js";
import type { CliContext } from "../context.js";
import { readFoundPaths } from "../found-paths.js";
import { isInteractive } from "../interactive.js";
import type { Io } from "../io.js";
import { createAsker } from "../prompts/ask.js";
import { folderName, openStackFolder, type StackFolder } from "./folder.js";
import { type ResolvedAdd, resolveRequest } from "./resolve.js";

/**
 * `add`: the stack's folder → the request (words, flags, answers) → planAdd on a virtual tree → the same
 * conflict policy, dry run, report and atomic commit as create. The planner, and ts-morph with it, is
 * imported only here, once the request is complete; tree-sitter's Python parser only for a Python stack.
 */
export async function runAdd(ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  const folder = await openStackFolder(parsed, ctx.cwd);
  const asking = isInteractive(ctx, parsed.switches.interactive) && !parsed.switches.yes;
  const asker = asking ? createAsker(ctx) : undefined;
  const resolved = await resolveRequest(parsed, folder.manifest.spec, asker);
  const project = readProject(folder.target, ctx.env.npm_config_user_agent);
  const root = project.stackFolder === "" ? undefined : { path: project.root, folder: project.stackFolder };
  const run: ChangeRun = { io, target: folder.target, root, switches: parsed.switches, asker, ctx };
  // From the planner's first read of the folder to the last write, no other run changes it.
  return holdingTarget(run, () => addTo(run, { folder, resolved, parsed, project }));
}

interface AddRun {
  folder: StackFolder;
  resolved: ResolvedAdd;
  parsed: ParsedArgs;
  project: ProjectPicture;
}

async function addTo(run: ChangeRun, { folder, resolved, parsed, project }: AddRun) {
  const { io } = run;
  const tree = new VirtualTree(diskReader(project.root)).at(project.stackFolder);
  const context = renderContextOf(project);
  const packageManager = context.packageManager;
  const upgradeDeps = parsed.switches["upgrade-deps"] === true;
  const language = folder.manifest.spec.language ?? "typescript";
  const plan = await planGrowth(resolved, tree, language, { context, upgradeDeps });
  if (plan.added.length > 0) plan.warnings.push(...newBuildWarnings(resolved, tree, folder.target));
  const planned = plan.added.length > 0 ? await decideChanges(run, tree) : [];
  if (planned.length === 0) return printNothingToChange(io, folder, plan);
  stopOnDependencyConflicts(plan, parsed.switches.force === true);
  const added = plan.added.join(", ");
  if (parsed.switches["dry-run"]) {
    await showDryRun(run, planned, plan, `Would add to the stack in ${folder.shown}: ${added}`);
    printLockPlan(io, plan);
    return 0;
  }
  await writeChanges(run, planned, `Added to the stack in ${folder.shown}: ${added}`);
  const lockFirst = await updateLockFile(io, plan, folder.target, run.ctx.env);
  report.printPlanNotes(io, plan);
  if (resolved.asked) report.printRepeatCommand(io, repeatCommand(resolved, parsed));
  printNext(io, folder, plan, packageManager, lockFirst);
  return 0;
}

/** The planner, and the parser a Python stack's edits need (WebAssembly, loaded only for those). */
async function planGrowth(
  resolved: ResolvedAdd,
  tree: VirtualTree,
  language: Language,
  options: Omit<AddParsers, "python">,
): Promise<AddPlan> {
  const { planAdd } = await import("../../plan/add/index.js");
  const python =
    language === "python"
      ? await (await import("../../edit/python/parser.js")).loadPythonParser()
      : undefined;
  try {
    return planAdd(resolved.request, tree, toolVersion(), { ...options, python });
  } catch (error) {
    throw error instanceof UsageError ? resolved.labels.relabel(error) : error;
  }
}

/** A new service built from a Dockerfile whose folder or Dockerfile is not there yet gets a warning. */
function newBuildWarnings(resolved: ResolvedAdd, tree: VirtualTree, target: string): string[] {
  const { request } = resolved;
  const grown = tree.read(MANIFEST_PATH);
  if (request.type !== "service" || grown === undefined) return [];
  const name = request.service.name ?? request.service.kind;
  const stack = loadStack((JSON.parse(grown) as Manifest).spec, MANIFEST_PATH);
  const only = [name];
  return buildWarnings(stack, readFoundPaths(target, buildPathsOf(stack, only)), only);
}

function printNothingToChange(io: Io, folder: StackFolder, plan: AddPlan): number {
  io.print(`Nothing to change in ${folderName(folder)}.`);
  report.printPlanNotes(io, plan);
  return 0;
}

function printNext(io: Io, folder: StackFolder, plan: AddPlan, pm: PackageManager, first: string[]): void {
  const language = folder.manifest.spec.language ?? "typescript";
  const scripts = [...first, ...plan.nextScripts];
  report.printNextSteps(io, nextSteps(language, pm, folder.shown, scripts, plan.installNeeded));
}

/** The run without prompts: its words, the flags as typed, then the answers. */
function repeatCommand(resolved: ResolvedAdd, parsed: ParsedArgs): string {
  const typed = parsed.values.map(({ option, text }) => flagText(option, text));
  return [
    "create-dagger-stack",
    ...resolved.words.map(shellWord),
    ...typed,
    ...resolved.answered,
    "--yes",
  ].join(" ");
}
