import type { ProjectInventory } from "../readers/inventory.js";
import type { MigrationReport } from "../readers/report.js";

/**
 * Short views of step 1 and of the report, shared by the terminal and docs/dagger-migration.md: what was
 * found where, and how many keys each status counts.
 */
export interface FoundSummary {
  composeFiles: string[];
  envFiles: string[];
  profiles: { selected: string[]; declared: string[] };
  /** Workflow jobs that start job services: `.github/workflows/test.yml: job integration (postgres, redis)`. */
  workflows: string[];
  /** Services the dependencies suggest: `postgres (package.json:8: pg ^8.13.0, +3 more)`. */
  dependencies: string[];
  dockerfiles: string[];
}

export function foundSummary(inventory: ProjectInventory): FoundSummary {
  const jobs = new Map<string, string[]>();
  for (const service of inventory.githubServices) {
    const job = `${service.workflow}: job ${service.job}`;
    jobs.set(job, [...(jobs.get(job) ?? []), service.name]);
  }
  return {
    composeFiles: inventory.compose?.files ?? [],
    envFiles: inventory.compose?.envFiles ?? [],
    profiles: inventory.compose?.profiles ?? { selected: [], declared: [] },
    workflows: [...jobs].map(([job, names]) => `${job} (${names.join(", ")})`),
    dependencies: inventory.dependencies.map((finding) => {
      const [first, ...rest] = finding.evidence;
      const where = first ? `${first.at.file}:${first.at.line}: ${first.detail}` : "";
      return `${finding.kind} (${where}${rest.length > 0 ? `, +${rest.length} more` : ""})`;
    }),
    dockerfiles: inventory.dockerfiles.map((dockerfile) => dockerfile.path),
  };
}

export interface KeyCounts {
  converted: number;
  approximated: number;
  dropped: number;
}

export function keyCounts(report: MigrationReport): KeyCounts {
  const counts: KeyCounts = { converted: 0, approximated: 0, dropped: 0 };
  for (const service of report.services) {
    if (service.status !== "converted") continue;
    for (const key of service.keys) counts[key.status]++;
  }
  return counts;
}
