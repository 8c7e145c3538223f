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

const ACTION_NOTE: Partial<Record<Action, string>> = {
  keep: " (kept yours)",
  conflict: " (you changed it; --force overwrites)",
};

export function printChanges(io: Io, planned: readonly PlannedChange[]): void {
  const width = Math.max(...planned.map(({ action }) => action.length));
  for (const { change, action } of planned) {
    const verb = io.colors[ACTION_COLOR[action]](action.padEnd(width));
    io.print(`  ${verb} ${change.path}${io.colors.dim(ACTION_NOTE[action] ?? "")}`);
  }
}

export function printDryRunHeading(io: Io): void {
  io.print(io.colors.bold("Dry run: nothing written"));
}

export function printConflictSummary(io: Io, planned: readonly PlannedChange[]): void {
  const conflicts = planned.filter(({ action }) => action === "conflict").length;
  if (conflicts === 0) return;
  io.print();
  io.print(
    io.colors.yellow(`A real run would stop at ${conflicts} file(s) you changed; --force overwrites them.`),
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
