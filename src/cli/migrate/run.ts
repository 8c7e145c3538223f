import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { UsageError } from "../../errors.js";
import { type Candidate, type Conversion, convertProject, migrationCandidates } from "../../migrate/index.js";
import { foundSummary } from "../../migrate/summary.js";
import { MANIFEST_PATH, type Manifest, readManifest } from "../../plan/manifest.js";
import { MIGRATION_DOC, type MigratePlan, planMigrate } from "../../plan/migrate/index.js";
import { type ProjectPicture, readProject } from "../../project/index.js";
import { type ProjectInventory, readProject as readInventory } from "../../readers/index.js";
import { diskProjectFiles } from "../../readers/project-files.js";
import { listSourceFiles } from "../../readers/source-files.js";
import { LANGUAGES } from "../../spec/choices.js";
import type { CiProvider, Language } from "../../spec/model.js";
import { diskReader } from "../../tree/disk.js";
import { VirtualTree } from "../../tree/tree.js";
import { toolVersion } from "../../version.js";
import { FALLBACK_LANGUAGE } from "../answers/language.js";
import type { ParsedArgs } from "../argv.js";
import { type ChangeRun, decideChanges, holdingTarget, showDryRun, writeChanges } from "../changes/finish.js";
import { nextSteps } from "../changes/next-steps.js";
import * as report from "../changes/report.js";
import type { CliContext } from "../context.js";
import { confirmSummary } from "../create/summary.js";
import { displayPath, resolveTarget } from "../create/target.js";
import { isInteractive } from "../interactive.js";
import type { Io } from "../io.js";
import { type Asker, createAsker } from "../prompts/ask.js";
import { printFiles, printFound, printReport, printServices, printStepHeading } from "./print.js";
import { checkSelection, readRequest } from "./request.js";

/**
 * `migrate`: the project read (step 1) → the services to carry over (asked in a terminal) → the converted
 * spec → planMigrate on a virtual tree (steps 2 to 4 and the report) → the same conflict policy, dry run,
 * summary and atomic commit as create → the report.
 */
interface MigrateRun extends ChangeRun {
  shown: string;
  project: ProjectPicture;
  inventory: ProjectInventory;
  conversion: Conversion;
  reportFile?: string;
}

export async function runMigrate(ctx: CliContext, parsed: ParsedArgs, io: Io): Promise<number> {
  const target = resolveTarget(parsed.positionals, ctx.cwd);
  const shown = displayPath(ctx.cwd, target);
  await checkFolder(target, shown);
  const project = readProject(target, ctx.env.npm_config_user_agent);
  const request = readRequest(parsed, ctx.cwd, target, project.root);
  const asking = isInteractive(ctx, parsed.switches.interactive) && !parsed.switches.yes;
  const asker = asking ? createAsker(ctx) : undefined;
  const inventory = readInventory(target, request.read);
  const manifest = readManifest(new VirtualTree(diskReader(target)));
  const existingStack = manifest && stackFiles(manifest);
  const candidates = migrationCandidates(inventory, { ...(existingStack && { existingStack }) });
  checkSomething(candidates, shown);
  if (request.services) checkSelection(request.services, candidates);
  if (asker) printFound(io, foundSummary(inventory));
  const services = request.services ?? (asker ? await askServices(asker, candidates) : undefined);
  const language = request.language ?? project.languages[0] ?? (await askLanguage(asker));
  const conversion = convertProject(inventory, {
    name: project.name ?? basename(target),
    language,
    ci: ciOf(project),
    module: parsed.switches.module ?? manifest?.spec.module === true,
    ...(existingStack && { existingStack }),
    ...(services && { services }),
  });
  const root = project.stackFolder === "" ? undefined : { path: project.root, folder: project.stackFolder };
  const run: MigrateRun = {
    ctx,
    io,
    target,
    root,
    switches: parsed.switches,
    asker,
    shown,
    project,
    inventory,
    conversion,
    ...(request.reportFile && { reportFile: request.reportFile }),
  };
  // From the planner's first read of the folder to the last write, no other run changes it.
  return holdingTarget(run, () => migrateIn(run));
}

async function migrateIn(run: MigrateRun): Promise<number> {
  const { io, asker, shown } = run;
  const tree = new VirtualTree(diskReader(run.project.root)).at(run.project.stackFolder);
  const python = run.conversion.spec.language === "python";
  const plan = planMigrate(
    {
      conversion: run.conversion,
      inventory: run.inventory,
      picture: run.project,
      toolVersion: toolVersion(),
      sourceFiles: listSourceFiles(diskProjectFiles(run.project.target)),
      // tree-sitter's grammar, loaded only for a Python stack (its conftest.py is edited, not replaced).
      ...(python && { pythonParser: await (await import("../../edit/python/parser.js")).loadPythonParser() }),
      ...(run.reportFile && { reportFile: run.reportFile }),
    },
    tree,
  );
  if (asker) printSteps(io, plan);
  const planned = await decideChanges(run, tree);
  const messages = { notes: plan.notes, warnings: plan.warnings };
  if (planned.length === 0) {
    io.print(`Nothing to change: ${shown} is migrated already.`);
    printReport(io, plan.report, MIGRATION_DOC);
    return 0;
  }
  if (run.switches["dry-run"]) {
    await showDryRun(run, planned, messages, `Would migrate ${shown} onto a Dagger stack:`);
    printReport(io, plan.report, MIGRATION_DOC);
    return 0;
  }
  if (asker)
    await confirmSummary(io, asker, { stack: plan.stack, notes: plan.notes, planned, shown, rerun: false });
  await writeChanges(run, planned, `Migrated ${shown} onto a Dagger stack:`);
  report.printPlanNotes(io, messages);
  printReport(io, plan.report, MIGRATION_DOC);
  report.printNextSteps(
    io,
    nextSteps(plan.stack.language, run.project.packageManager.name, shown, plan.nextScripts),
  );
  return 0;
}

function printSteps(io: Io, plan: MigratePlan): void {
  printStepHeading(io, 2);
  printServices(io, plan.report);
  io.print();
  printStepHeading(io, 3);
  printFiles(io, plan.report.tests, "nothing in your test setup changes");
  io.print();
  printStepHeading(io, 4);
  printFiles(io, plan.report.ci, "no CI file changes");
}

/** The files a stack already in the folder generated, from its dagger-stack.json. */
function stackFiles(manifest: Manifest): { files: string[] } {
  return { files: [MANIFEST_PATH, ...Object.keys(manifest.files)] };
}

/** migrate works on a project that is there: a missing folder or a file is bad input. */
async function checkFolder(target: string, shown: string): Promise<void> {
  const stats = await stat(target).catch(() => undefined);
  if (stats?.isDirectory()) return;
  throw new UsageError({
    path: `[dir] ${shown}`,
    message: stats ? "is a file, not a folder" : "no such folder",
    hint: "give the folder of the project to migrate, e.g. create-dagger-stack migrate ./my-app",
  });
}

function checkSomething(candidates: readonly Candidate[], shown: string): void {
  if (candidates.some((candidate) => candidate.skipped === undefined)) return;
  throw new UsageError({
    path: `[dir] ${shown}`,
    message:
      candidates.length === 0
        ? "nothing to migrate: no compose file, no GitHub Actions job services, and no dependency that suggests a service"
        : `nothing to migrate: every service is skipped (${candidates.map((c) => `${c.name}: ${c.skipped}`).join("; ")})`,
    hint: "select a profile with --profile, or make a stack from scratch with create-dagger-stack --services postgres",
  });
}

async function askServices(asker: Asker, candidates: readonly Candidate[]): Promise<string[]> {
  const answer = await asker.ask({
    type: "checkbox",
    message: "Step 2 of 4: the services to carry over onto the stack",
    required: true,
    choices: candidates.map((candidate) => ({
      value: candidate.name,
      name: `${candidate.name}  ${candidate.what} (${candidate.file})`,
      checked: candidate.skipped === undefined,
      ...(candidate.skipped && { disabled: candidate.skipped }),
    })),
  });
  return [answer].flat();
}

async function askLanguage(asker: Asker | undefined): Promise<Language> {
  if (!asker) return FALLBACK_LANGUAGE;
  const answer = await asker.ask({
    type: "select",
    message: "Language of the generated code (the folder has no package.json or pyproject.toml to tell)",
    choices: LANGUAGES.map((language) => ({ value: language, name: language })),
    default: FALLBACK_LANGUAGE,
  });
  return answer as Language;
}

/** The CI the project already uses: GitLab when it has only a .gitlab-ci.yml, else GitHub Actions. */
function ciOf(project: ProjectPicture): CiProvider {
  const gitlab = project.ci.some((file) => file.startsWith(".gitlab"));
  const github = project.ci.some((file) => file.startsWith(".github"));
  return gitlab && !github ? "gitlab" : "github";
}
