import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import { PATHS } from "../../../../../src/render/typescript/names.js";
import type { Selection, TestCounts } from "../../types.js";
import { excludedTestPrefixes } from "./vitest-args.js";

/** The parts of Vitest's JSON report the harness reads. */
export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
}

export function readVitestReport(path: string): VitestReport | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as VitestReport;
}

export function countsOf(report: VitestReport): TestCounts {
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/**
 * Ways the run differs from the selection: the filters are only as good as what actually ran. A failed
 * run (say, global setup threw) runs nothing, so missing files count only after a passing run.
 */
export function selectionProblems(
  report: VitestReport,
  projectDir: string,
  selection: Selection,
  passed: boolean,
): string[] {
  const ran = new Set(report.testResults.map((file) => relative(projectDir, file.name)));
  const tests = report.testResults.flatMap((file) => file.assertionResults);
  const problems: string[] = [];
  for (const service of passed ? selection.smoke : []) {
    if (!ran.has(PATHS.smoke(service))) problems.push(`selected ${PATHS.smoke(service)} did not run`);
  }
  for (const { unit } of selection.excluded) {
    if (unit.kind === "smoke" && ran.has(PATHS.smoke(unit.service)))
      problems.push(`excluded ${PATHS.smoke(unit.service)} ran`);
  }
  for (const prefix of excludedTestPrefixes(selection)) {
    const matched = tests.filter((test) => test.fullName.includes(prefix));
    if (passed && matched.length === 0)
      problems.push(`no generated test is named "${prefix}...": the name filter is stale`);
    if (matched.some((test) => test.status === "passed" || test.status === "failed"))
      problems.push(`excluded test "${prefix}..." ran`);
  }
  return problems;
}
