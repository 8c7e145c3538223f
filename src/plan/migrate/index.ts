import type { PythonParser } from "../../edit/python/parser.js";
import { type Problem, UsageError } from "../../errors.js";
import type { Conversion } from "../../migrate/index.js";
import { foundSummary, keyCounts } from "../../migrate/summary.js";
import type { ProjectPicture } from "../../project/model.js";
import { renderContextOf } from "../../project/render-context.js";
import type { ProjectInventory } from "../../readers/inventory.js";
import type { MigrationReport } from "../../readers/report.js";
import { renderMigrationDoc } from "../../render/migration-doc.js";
import { loadStack } from "../../spec/load.js";
import type { NormalizedStack } from "../../spec/model.js";
import { type StackSpec, stackSpec } from "../../spec/schema.js";
import type { VirtualTree } from "../../tree/tree.js";
import type { FoundPaths } from "../build-files.js";
import { type CreatePlan, planCreate } from "../create.js";
import { MANIFEST_PATH, type Manifest, readManifest, writeManifest } from "../manifest.js";
import { type CiWiringInput, type CiWiringPlan, type KeptService, planCiWiring } from "./ci.js";
import { planTestWiring, type TestWiringInput, type TestWiringPlan } from "./tests.js";

/**
 * `migrate`, after the converter has made the spec: the stack as create makes it (step 2), the project's
 * own tests wired to it (step 3), CI given a Dagger counterpart (step 4), and the report of it all in
 * docs/dagger-migration.md (and as JSON where `--report` says). Pure: everything comes from its
 * arguments and the tree.
 */
export const MIGRATION_DOC = "docs/dagger-migration.md";

/**
 * Steps 3 and 4, planned by their own modules (tests.ts and ci.ts) on the tree planCreate wrote to. Each
 * returns one report entry per file it looked at, describing the file's state after the migration (a
 * second run reports what the first did, so the report and the tree stay the same), and the files it
 * created, which the manifest then owns. Step 4 runs after step 3: it runs step 3's stack test run.
 */
export interface MigrationSteps {
  wireTests(tree: VirtualTree, input: TestWiringInput): TestWiringPlan;
  migrateCi(tree: VirtualTree, input: CiWiringInput): CiWiringPlan;
}

export const WIRING_STEPS: MigrationSteps = { wireTests: planTestWiring, migrateCi: planCiWiring };

export interface MigrateInput {
  conversion: Conversion;
  inventory: ProjectInventory;
  picture: ProjectPicture;
  toolVersion: string;
  /** Where `--report` writes the JSON report, relative to the tree's folder. */
  reportFile?: string;
  /** What the CLI found at the paths Dockerfile builds read. */
  found?: FoundPaths;
  /** The project's source files, from the stack's folder (listSourceFiles): which tests read testEnv. */
  sourceFiles: readonly string[];
  /** tree-sitter's Python grammar (loadPythonParser()); required for a Python stack. */
  pythonParser?: PythonParser;
}

export interface MigratePlan extends CreatePlan {
  stack: NormalizedStack;
  report: MigrationReport;
}

export function planMigrate(
  input: MigrateInput,
  tree: VirtualTree,
  steps: MigrationSteps = WIRING_STEPS,
): MigratePlan {
  const spec = parseConverted(input.conversion);
  const stack = loadConverted(spec, input.conversion);
  const before = readManifest(tree);
  const previous = before?.migration?.files ?? [];
  // A re-run sees the runner create added for the stack's own tests (vitest) as the project's: leave it out.
  const addedByTool = new Set<string>(before?.packageJson?.devDependencies ?? []);
  const testRunners = input.picture.testRunners.filter((runner) => !addedByTool.has(runner));
  const ownFiles = [MIGRATION_DOC, ...(input.reportFile ? [input.reportFile] : [])];
  const created = planCreate(stack, tree, input.toolVersion, renderContextOf(input.picture), {
    ...(input.found && { found: input.found }),
    ownedElsewhere: [...ownFiles, ...previous],
  });
  const { tests, ci } = wireTestsAndCi(
    { ...input, picture: { ...input.picture, testRunners } },
    spec,
    stack,
    tree,
    steps,
  );
  const report: MigrationReport = {
    ...input.conversion.report,
    tests: tests.tests,
    ci: ci.ci,
    warnings: [...input.conversion.report.warnings, ...tests.warnings, ...ci.warnings],
  };
  const stepFiles = [...tests.generated, ...ci.generated];
  if (reportStillTrue(tree, ownFiles, previous)) {
    // The project is already migrated and this run changed nothing: the report of the run that did the
    // work still describes it (a second run would only find the job services step 4 already moved).
    recordMigrationFiles(tree, stepFiles, [...previous, ...ownFiles]);
    return { ...created, stack, report };
  }
  tree.write(
    MIGRATION_DOC,
    renderMigrationDoc({
      project: stack.name,
      report,
      found: foundSummary(input.inventory),
      counts: keyCounts(report),
    }),
  );
  if (input.reportFile) tree.write(input.reportFile, reportJson(report));
  recordMigrationFiles(tree, [...ownFiles, ...stepFiles], previous);
  return { ...created, stack, report };
}

function wireTestsAndCi(
  input: MigrateInput,
  spec: StackSpec,
  stack: NormalizedStack,
  tree: VirtualTree,
  steps: MigrationSteps,
): { tests: TestWiringPlan; ci: CiWiringPlan } {
  const context = renderContextOf(input.picture);
  const testEnv = spec.testEnv ?? {};
  const pythonTool = input.picture.pythonTool;
  const tests = steps.wireTests(tree, {
    stack,
    testEnv,
    testRunners: input.picture.testRunners,
    sourceFiles: input.sourceFiles,
    packageManager: context.packageManager,
    pythonTool,
    ...(input.pythonParser && { pythonParser: input.pythonParser }),
  });
  const ci = steps.migrateCi(tree, {
    stack,
    testEnv,
    ciFiles: input.picture.ci,
    context,
    pythonTool,
    keptServices: keptJobServices(input),
    ...(tests.stackRun && { stackRun: tests.stackRun }),
  });
  return { tests, ci };
}

/** GitHub job services the user did not carry over: their jobs keep them. */
function keptJobServices(input: MigrateInput): KeptService[] {
  const skipped = new Set(
    input.conversion.report.services
      .filter((service) => service.status === "skipped")
      .map((service) => `${service.source}\u0000${service.name}`),
  );
  return input.inventory.githubServices
    .filter((service) => skipped.has(`${service.workflow}\u0000${service.name}`))
    .map((service) => ({ file: service.workflow, job: service.job, service: service.name }));
}

/** A re-run whose steps change no file of the project keeps the reports the migration wrote. */
function reportStillTrue(
  tree: VirtualTree,
  ownFiles: readonly string[],
  previous: readonly string[],
): boolean {
  if (!ownFiles.every((file) => previous.includes(file) && tree.exists(file))) return false;
  const reports = new Set([...ownFiles, MANIFEST_PATH]);
  return tree.changes().every((change) => reports.has(change.path));
}

export function reportJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The converter's spec through zod: it must fit the schema, or the converter has a bug. */
function parseConverted(conversion: Conversion): StackSpec {
  const parsed = stackSpec.safeParse(conversion.spec);
  if (parsed.success) return parsed.data;
  throw new Error(
    `the converted spec does not fit the schema: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
  );
}

/** Validation problems name the project's service beside the spec path, with a way forward. */
function loadConverted(spec: StackSpec, conversion: Conversion): NormalizedStack {
  try {
    return loadStack(spec, "the converted stack");
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      error.problems.map((problem) => withService(problem, conversion)),
      error.source,
    );
  }
}

function withService(problem: Problem, conversion: Conversion): Problem {
  const index = /^services\[(\d+)\]/.exec(problem.path)?.[1];
  const name = index === undefined ? undefined : conversion.spec.services[Number(index)]?.name;
  if (name === undefined) return problem;
  const leaveOut = `or leave ${name} out with --services`;
  return {
    path: `${problem.path} (service ${name})`,
    message: `the stack cannot take this yet: ${problem.message}`,
    hint: problem.hint ? `${problem.hint}; ${leaveOut}` : leaveOut,
  };
}

/** Adds migrate's own files to the manifest create wrote: pristine on the next run, and never pruned. */
function recordMigrationFiles(
  tree: VirtualTree,
  files: readonly string[],
  previous: readonly string[],
): void {
  const text = tree.read(MANIFEST_PATH);
  if (text === undefined) return;
  const manifest = JSON.parse(text) as Manifest;
  const { files: _, ...rest } = manifest;
  const all = [...new Set([...previous, ...files])].sort();
  writeManifest(tree, { ...rest, migration: { files: all } }, files, manifest);
}
