import { type Problem, UsageError } from "../../errors.js";
import type { Conversion } from "../../migrate/index.js";
import { foundSummary, keyCounts } from "../../migrate/summary.js";
import type { ProjectPicture } from "../../project/model.js";
import { renderContextOf } from "../../project/render-context.js";
import type { ProjectInventory } from "../../readers/inventory.js";
import type { FileReport, MigrationReport } from "../../readers/report.js";
import { renderMigrationDoc } from "../../render/migration-doc.js";
import { loadStack } from "../../spec/load.js";
import type { NormalizedStack } from "../../spec/model.js";
import { type StackSpec, stackSpec } from "../../spec/schema.js";
import type { VirtualTree } from "../../tree/tree.js";
import type { FoundPaths } from "../build-files.js";
import { type CreatePlan, planCreate } from "../create.js";
import { MANIFEST_PATH, type Manifest, readManifest, writeManifest } from "../manifest.js";

/**
 * `migrate`, after the converter has made the spec: the stack as create makes it (step 2), the project's
 * own tests wired to it (step 3), CI given a Dagger counterpart (step 4), and the report of it all in
 * docs/dagger-migration.md (and as JSON where `--report` says). Pure: everything comes from its
 * arguments and the tree.
 */
export const MIGRATION_DOC = "docs/dagger-migration.md";

/**
 * Steps 3 and 4, planned by their own modules (src/plan/migrate/tests*.ts and ci*.ts). Each edits or
 * creates files on the tree and returns one report entry per file it looked at. An entry describes
 * the file's state after the migration, not this run's change: a second run reports what the first
 * did, so the report (and the tree) stay the same. Paths are relative to the tree's folder.
 */
export interface MigrationSteps {
  /** Step 3: the stack wired into the project's test setup; `spec.testEnv` is what tests read. */
  wireTests(tree: VirtualTree, picture: ProjectPicture, spec: StackSpec): FileReport[];
  /** Step 4: a Dagger counterpart for CI jobs that ran docker compose or job services. */
  migrateCi(tree: VirtualTree, inventory: ProjectInventory, spec: StackSpec): FileReport[];
}

/**
 * REPLACE AT MERGE: stands in for step 3's and step 4's planners until they are merged in; it changes
 * nothing and reports nothing, so the report's `tests` and `ci` stay empty.
 */
export const PENDING_STEPS: MigrationSteps = {
  wireTests: () => [],
  migrateCi: () => [],
};

export interface MigrateInput {
  conversion: Conversion;
  inventory: ProjectInventory;
  picture: ProjectPicture;
  toolVersion: string;
  /** Where `--report` writes the JSON report, relative to the tree's folder. */
  reportFile?: string;
  /** What the CLI found at the paths Dockerfile builds read. */
  found?: FoundPaths;
}

export interface MigratePlan extends CreatePlan {
  stack: NormalizedStack;
  report: MigrationReport;
}

export function planMigrate(
  input: MigrateInput,
  tree: VirtualTree,
  steps: MigrationSteps = PENDING_STEPS,
): MigratePlan {
  const spec = parseConverted(input.conversion);
  const stack = loadConverted(spec, input.conversion);
  const previous = readManifest(tree)?.migration?.files ?? [];
  const ownFiles = [MIGRATION_DOC, ...(input.reportFile ? [input.reportFile] : [])];
  const created = planCreate(stack, tree, input.toolVersion, renderContextOf(input.picture), {
    ...(input.found && { found: input.found }),
    ownedElsewhere: [...ownFiles, ...previous],
  });
  const tests = steps.wireTests(tree, input.picture, spec);
  const ci = steps.migrateCi(tree, input.inventory, spec);
  const report: MigrationReport = { ...input.conversion.report, tests, ci };
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
  const stepFiles = [...tests, ...ci].filter((file) => file.status === "created").map((file) => file.file);
  recordMigrationFiles(tree, [...ownFiles, ...stepFiles], previous);
  return { ...created, stack, report };
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
