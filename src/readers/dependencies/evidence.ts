import type { SourceLocation } from "../source.js";
import type { ProposedKind, Signal } from "./catalog.js";

/** A service the project's dependencies suggest, with everything that suggested it. */
export interface DependencyFinding {
  kind: ProposedKind;
  extensions?: string[];
  evidence: Evidence[];
}

export interface Evidence {
  at: SourceLocation;
  /** What kind of clue: a package manifest, an ORM's settings, or a connection URL. */
  source: "npm" | "python" | "prisma" | "typeorm" | "knex" | "drizzle" | "url";
  /** What was found, never a credential: `pg ^8.11.3`, `provider = "postgresql"`, `postgresql+asyncpg:// URL`. */
  detail: string;
}

export interface Clue {
  signal: Signal;
  evidence: Evidence;
}

/** One finding per kind, in the catalog's usual order, evidence in the order found. */
export function findingsFrom(clues: readonly Clue[]): DependencyFinding[] {
  const byKind = new Map<ProposedKind, DependencyFinding>();
  for (const { signal, evidence } of clues) {
    const finding = byKind.get(signal.kind) ?? { kind: signal.kind, evidence: [] };
    finding.evidence.push(evidence);
    if (signal.extension && !finding.extensions?.includes(signal.extension)) {
      finding.extensions = [...(finding.extensions ?? []), signal.extension];
    }
    byKind.set(signal.kind, finding);
  }
  return [...byKind.values()];
}

/** The 1-based line of the first match, for evidence locations. */
export function lineOf(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  if (!match) return 1;
  return text.slice(0, match.index).split("\n").length;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
