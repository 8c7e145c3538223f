import type { FoundSummary, KeyCounts } from "../migrate/summary.js";
import type { FileReport, MigrationReport, SecretReport, ServiceReport } from "../readers/report.js";
import { render } from "./templates.js";

/**
 * docs/dagger-migration.md: the migration report for the people who own the project, rendered from the
 * same report `--report` writes as JSON. Table cells are escaped here, never in the template.
 */
export interface MigrationDocInput {
  project: string;
  report: MigrationReport;
  found: FoundSummary;
  counts: KeyCounts;
}

export function renderMigrationDoc(input: MigrationDocInput): string {
  return render("migrate/docs/dagger-migration.md.hbs", migrationDocView(input));
}

export function migrationDocView({ project, report, found, counts }: MigrationDocInput) {
  const converted = report.services.filter(
    (service): service is Extract<ServiceReport, { status: "converted" }> => service.status === "converted",
  );
  return {
    project,
    origin: originOf(found),
    counts,
    found: foundLines(found, converted),
    services: report.services.map((service) => ({
      name: cell(service.name),
      source: cell(service.source ?? ""),
      outcome: cell(outcomeOf(service)),
    })),
    converted: converted.map((service) => ({
      title: service.stackName ? `${service.name} (${service.stackName} in the stack)` : service.name,
      keys: service.keys.map((key) => ({
        key: cell(key.key),
        status: key.status,
        note: cell(key.note ?? ""),
      })),
      evidence: `Proposed because of: ${(service.evidence ?? []).map((line) => `\`${line}\``).join(", ")}.`,
    })),
    secrets: report.secrets.map((secret) => ({
      variable: cell(secret.variable),
      usedBy: cell(secret.usedBy.join(", ")),
      made: madeBy(secret),
    })),
    tests: report.tests.map(fileLine),
    ci: report.ci.map(fileLine),
    warnings: report.warnings.map(oneLine),
  };
}

function originOf(found: FoundSummary): string {
  if (found.composeFiles.length > 0) return "docker compose";
  if (found.workflows.length > 0) return "GitHub Actions job services";
  return "nothing but its dependencies to tell";
}

/**
 * What step 1 found. Dependencies are listed only when the stack was made from them, by the services
 * they suggested: the stack's own clients join the project's manifests, and this page must read the
 * same on a second run.
 */
function foundLines(
  found: FoundSummary,
  converted: readonly Extract<ServiceReport, { status: "converted" }>[],
): { label: string; value: string }[] {
  const list = (items: readonly string[]) =>
    items.length > 0 ? items.map((item) => `\`${item}\``).join(", ") : "none";
  const profiles =
    found.profiles.declared.length > 0
      ? `${found.profiles.selected.join(", ") || "none"} selected (declared: ${found.profiles.declared.join(", ")})`
      : "none declared";
  const proposed = converted
    .filter((service) => service.evidence !== undefined)
    .map((service) => service.kind);
  return [
    { label: "Compose files", value: list(found.composeFiles) },
    ...(found.composeFiles.length > 0
      ? [
          { label: "Variables from", value: list(found.envFiles) },
          { label: "Profiles", value: profiles },
        ]
      : []),
    { label: "GitHub Actions job services", value: list(found.workflows) },
    ...(proposed.length > 0 ? [{ label: "Services the dependencies suggest", value: list(proposed) }] : []),
    { label: "Dockerfiles", value: list(found.dockerfiles) },
  ];
}

function outcomeOf(service: ServiceReport): string {
  if (service.status === "skipped") return `skipped: ${service.reason}`;
  const named = service.stackName ? `${service.stackName}, ` : "";
  return `${named}${service.kind}${service.run ? ", a one-shot job (run once)" : ""}`;
}

function madeBy(secret: SecretReport): string {
  return secret.source === "generated"
    ? "made at run time by the stack"
    : `read from \`$${secret.variable}\` where the stack runs`;
}

function fileLine(file: FileReport): { file: string; what: string } {
  return { file: file.file, what: oneLine(`${file.status}${file.note ? `: ${file.note}` : ""}`) };
}

function cell(text: string): string {
  return oneLine(text).replaceAll("|", "\\|");
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ");
}
