import type { ConflictReason } from "../../errors.js";
import type { Recovery } from "../../tree/recovery.js";
import type { Colors } from "../colors.js";
import type { Io } from "../io.js";
import type { Action, PlannedChange } from "./conflicts.js";

/** What a run did or would do, as short lines: one per file, then notes, warnings and next steps. */
export interface PlanMessages {
  notes: readonly string[];
  warnings: readonly string[];
}

const ACTION_COLOR: Record<Action, keyof Colors> = {
  create: "green",
  update: "yellow",
  delete: "red",
  overwrite: "red",
  keep: "dim",
  conflict: "red",
};

const CONFLICT_NOTE: Readonly<Record<ConflictReason, string>> = {
  edited: " (you changed it; --force overwrites)",
  foreign: " (not written by create-dagger-stack; --force overwrites)",
  damaged: " (a damaged manifest; --force overwrites)",
};

function note({ action, reason }: PlannedChange): string {
  if (action === "keep") return " (kept yours)";
  if (action === "conflict") return CONFLICT_NOTE[reason ?? "edited"];
  return "";
}

export function printChanges(io: Io, planned: readonly PlannedChange[]): void {
  const width = Math.max(...planned.map(({ action }) => action.length));
  for (const change of planned) {
    const verb = io.colors[ACTION_COLOR[change.action]](change.action.padEnd(width));
    io.print(`  ${verb} ${change.change.path}${io.colors.dim(note(change))}`);
  }
}

/** Where the files an overwrite discarded were kept, named as `<path>.backup` in `folder`. */
export function printKept(io: Io, folder: string, paths: readonly string[]): void {
  io.print();
  io.print(
    `Your versions of the ${paths.length} overwritten file(s) are kept in ${folder}/ (git ignores it):`,
  );
  for (const path of paths) io.print(`  ${path} ${io.colors.dim(`→ ${folder}/${path}.backup`)}`);
}

/** What was done about an interrupted earlier run, before this run planned anything. */
export function printRecovery(io: Io, recovery: Recovery): void {
  const { yellow } = io.colors;
  if (recovery.completed) {
    io.print(
      `${yellow("note:")} an earlier run was interrupted after writing everything; finished its cleanup`,
    );
  } else {
    io.print(
      `${yellow("note:")} an earlier run was interrupted while writing; put back ${recovery.restored.length} file(s) as they were before it${
        recovery.restored.length > 0 ? `: ${recovery.restored.join(", ")}` : ""
      }`,
    );
  }
  io.print();
}

export function printDryRunHeading(io: Io): void {
  io.print(io.colors.bold("Dry run: nothing written"));
}

export function printConflictSummary(io: Io, planned: readonly PlannedChange[]): void {
  const conflicts = planned.filter(({ action }) => action === "conflict").length;
  if (conflicts === 0) return;
  io.print();
  io.print(
    io.colors.yellow(
      `A real run would stop at ${conflicts} file(s) that create-dagger-stack did not write as they are; --force overwrites them, keeping a copy.`,
    ),
  );
}

export function printPlanNotes(io: Io, plan: PlanMessages): void {
  if (plan.notes.length + plan.warnings.length === 0) return;
  io.print();
  for (const note of plan.notes) io.print(`${io.colors.cyan("note:")} ${note}`);
  for (const warning of plan.warnings) io.printError(`${io.errorColors.yellow("warning:")} ${warning}`);
}

export function printNextSteps(io: Io, steps: readonly string[]): void {
  io.print();
  io.print(io.colors.bold("Next steps:"));
  for (const step of steps) io.print(`  ${io.colors.cyan(step)}`);
}

export function printRepeatCommand(io: Io, command: string): void {
  io.print();
  io.print(io.colors.dim(`The same without prompts: ${command}`));
}
