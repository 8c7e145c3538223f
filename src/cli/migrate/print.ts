import { type FoundSummary, keyCounts } from "../../migrate/summary.js";
import type { FileReport, MigrationReport, ServiceReport } from "../../readers/report.js";
import type { Io } from "../io.js";

/**
 * What migrate shows: in a terminal each of the four steps as it goes, and always the report at the
 * end (the same report docs/dagger-migration.md and --report hold), every key that was not simply
 * converted named with why.
 */
export function printFound(io: Io, found: FoundSummary): void {
  const { bold, dim } = io.colors;
  io.print(bold("Step 1 of 4: what the project has"));
  const line = (label: string, items: readonly string[]) =>
    io.print(`  ${label.padEnd(22)}${items.length > 0 ? items.join(", ") : dim("none")}`);
  line("compose files", found.composeFiles);
  if (found.composeFiles.length > 0) {
    line("variables from", found.envFiles);
    line("profiles selected", found.profiles.selected);
  }
  line("workflow services", found.workflows);
  line("dependencies suggest", found.dependencies);
  line("Dockerfiles", found.dockerfiles);
  io.print();
}

export function printStepHeading(io: Io, step: 2 | 3 | 4): void {
  const titles = { 2: "the stack", 3: "your tests", 4: "CI" } as const;
  io.print(io.colors.bold(`Step ${step} of 4: ${titles[step]}`));
}

export function printServices(io: Io, report: MigrationReport): void {
  const width = Math.max(...report.services.map((service) => service.name.length));
  for (const service of report.services) io.print(`  ${service.name.padEnd(width)}  ${outcome(service)}`);
}

function outcome(service: ServiceReport): string {
  if (service.status === "skipped") return `skipped: ${service.reason}`;
  const counts = { converted: 0, approximated: 0, dropped: 0 };
  for (const key of service.keys) counts[key.status]++;
  const keys = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(", ");
  const renamed = service.stackName ? ` as ${service.stackName}` : "";
  const job = service.run ? ", run once" : "";
  return `${service.kind}${renamed}${job} (${service.source}${keys ? `; keys: ${keys}` : ""})`;
}

export function printFiles(io: Io, files: readonly FileReport[], none: string): void {
  if (files.length === 0) io.print(`  ${io.colors.dim(none)}`);
  for (const file of files) io.print(`  ${file.status} ${file.file}${file.note ? `: ${file.note}` : ""}`);
}

/** The report at the end of a run (or of a dry run): services, what changed in keys, secrets, files. */
export function printReport(io: Io, report: MigrationReport, doc: string): void {
  const { bold, yellow } = io.colors;
  const counts = keyCounts(report);
  io.print();
  io.print(bold(`Migration report (also in ${doc}):`));
  printServices(io, report);
  io.print(
    `  keys: ${counts.converted} converted, ${counts.approximated} approximated, ${counts.dropped} dropped`,
  );
  const changed = report.services.flatMap((service) =>
    service.status === "converted"
      ? service.keys
          .filter((key) => key.status !== "converted")
          .map((key) => `    ${service.name}.${key.key} ${yellow(key.status)}: ${key.note}`)
      : [],
  );
  if (changed.length > 0) {
    io.print("  not carried over as written:");
    for (const line of changed) io.print(line);
  }
  for (const secret of report.secrets) {
    const made =
      secret.source === "generated"
        ? "made at run time"
        : `read from $${secret.variable} where the stack runs`;
    io.print(`  secret ${secret.variable}: ${made}, for ${secret.usedBy.join(", ")}`);
  }
  for (const file of [...report.tests, ...report.ci]) {
    io.print(`  ${file.status} ${file.file}${file.note ? `: ${file.note}` : ""}`);
  }
  for (const warning of report.warnings) io.printError(`${io.errorColors.yellow("warning:")} ${warning}`);
}
