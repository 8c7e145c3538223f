import { CancelledError } from "../../errors.js";
import type { NormalizedService, NormalizedStack } from "../../spec/model.js";
import type { PlannedChange } from "../changes/conflicts.js";
import type { Io } from "../io.js";
import type { Asker } from "../prompts/ask.js";

/**
 * Before an interactive create writes anything: what the answers add up to (the stack, what the run
 * decided on its own, how many files change) and a last yes or no. --yes and --dry-run skip it.
 */
export interface Summary {
  stack: NormalizedStack;
  /** Notes from resolving the answers and from the plan: services added for a matrix, references dropped. */
  notes: readonly string[];
  planned: readonly PlannedChange[];
  /** Where the stack goes, as shown to the user. */
  shown: string;
  /** The answers started from dagger-stack.json's. */
  rerun: boolean;
}

export function summaryLines(summary: Summary): string[] {
  const { stack } = summary;
  const width = Math.max(...stack.services.map((service) => service.name.length));
  return [
    `The stack${summary.rerun ? " (dagger-stack.json's answers, with your changes)" : ""}:`,
    `  name      ${stack.name} (${stack.language})`,
    "  services",
    ...stack.services.map((service) => `    ${service.name.padEnd(width)}  ${describeService(service)}`),
    ...stack.matrix.map(
      (axis) => `  matrix    tests using the "${axis.name}" fixture run against ${axis.targets.join(", ")}`,
    ),
    `  CI        ${stack.ci}`,
    ...summary.notes.map((note) => `  note: ${note}`),
    `  files     ${countChanges(summary.planned)}`,
  ];
}

function describeService(service: NormalizedService): string {
  const parts = [
    service.build
      ? `${service.kind.kind}, built from ${service.build.context}/${service.build.dockerfile}`
      : `${service.kind.kind}${service.version ? ` ${service.version}` : ""}${service.kind.source === "custom" ? ` (${service.image})` : ""}`,
    service.hostPort !== undefined ? `host port ${service.hostPort}` : "no host port",
  ];
  if (service.extensions.length > 0)
    parts.push(`extensions ${service.extensions.map((extension) => extension.id).join(", ")}`);
  if (service.dependsOn.length > 0) parts.push(`waits for ${service.dependsOn.join(", ")}`);
  return parts.join(", ");
}

function countChanges(planned: readonly PlannedChange[]): string {
  const counts = new Map<string, number>();
  for (const { action } of planned) counts.set(action, (counts.get(action) ?? 0) + 1);
  const phrases: [string, string][] = [
    ["create", "to create"],
    ["update", "to update"],
    ["overwrite", "to overwrite"],
    ["delete", "to delete"],
    ["keep", "kept as you changed them"],
  ];
  return phrases
    .filter(([action]) => counts.has(action))
    .map(([action, phrase]) => `${counts.get(action)} ${phrase}`)
    .join(", ");
}

/** Shows the summary and asks; "no" cancels the run (exit 130) with nothing written. */
export async function confirmSummary(io: Io, asker: Asker, summary: Summary): Promise<void> {
  io.print();
  for (const line of summaryLines(summary)) io.print(line);
  io.print();
  const where = summary.shown === "." ? "the current folder" : summary.shown;
  const answer = await asker.ask({
    type: "confirm",
    message: `Write these changes to ${where}?`,
    default: true,
  });
  if (answer !== "yes") throw new CancelledError();
}
