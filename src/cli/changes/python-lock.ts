import { dirname, join } from "node:path";
import { DependencyConflictError, type Problem } from "../../errors.js";
import type { LockStep } from "../../plan/python-project.js";
import { shellWord } from "../../render/escape.js";
import { runLock } from "../../tasks/lock.js";
import type { Env } from "../context.js";
import type { Io } from "../io.js";

/** A plan that may carry Python's dependency conflicts and a lock file to update. */
export interface PythonPlanParts {
  conflicts?: Problem[];
  lock?: LockStep;
}

/** Stops before anything is written when the project's requirements leave the tests no version, unless --force. */
export function stopOnDependencyConflicts(plan: PythonPlanParts, force: boolean): void {
  if (!force && plan.conflicts && plan.conflicts.length > 0)
    throw new DependencyConflictError(plan.conflicts);
}

const commandText = (lock: LockStep) => lock.command.map(shellWord).join(" ");

/** --dry-run: the lock update a real run would do after writing. */
export function printLockPlan(io: Io, plan: PythonPlanParts): void {
  if (!plan.lock) return;
  io.print();
  io.print(
    `After writing, \`${commandText(plan.lock)}\` would update ${plan.lock.file} (when it is on PATH).`,
  );
}

/**
 * After the commit: updates the lock file with the project's tool, in the lock file's folder (a uv
 * workspace's root, for a stack in one of its members). Returns the commands the user still has
 * to run (the lock command, when the tool is not on PATH or failed), to go first in the next steps.
 */
export async function updateLockFile(
  io: Io,
  plan: PythonPlanParts,
  cwd: string,
  env: Env,
): Promise<string[]> {
  const { lock } = plan;
  if (!lock) return [];
  const command = commandText(lock);
  const outcome = await runLock(lock.command, join(cwd, dirname(lock.file)), env);
  if (outcome.status === "done") {
    io.print();
    io.print(`Updated ${lock.file} with \`${command}\`, as the dev dependencies changed.`);
    return [];
  }
  const why =
    outcome.status === "missing"
      ? `${lock.command[0]} is not on PATH`
      : `\`${command}\` failed:\n${outcome.output.trimEnd().split("\n").slice(-15).join("\n")}`;
  io.printError(
    `${io.errorColors.yellow("warning:")} ${lock.file} is out of date: ${why}; run \`${command}\` first.`,
  );
  return [command];
}
