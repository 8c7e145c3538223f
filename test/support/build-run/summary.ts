import { failed } from "./pipeline/index.js";
import type { BuildRunResult, StepResult, TestUnit } from "./types.js";

/**
 * How a build-run reads on a terminal: what ran against real servers, the exclusions with their reasons,
 * what failed (if anything), then one summary line:
 *
 *   ran for real: postgres's smoke tests (PostgreSQL 15.15), matrix backend=postgres (PostgreSQL 15.15)
 *   excluded chromadb's smoke tests: the real chromadb server is not available here: ...
 *
 *   build-run knowledgebeast [typescript] PASS | create 1.7s | install 0.0s store warm | typecheck 2.7s |
 *   test 5.0s 3 passed, 0 failed, 1 skipped, 3 excluded | record 5.1s | pipeline 23/23 checks | engine errors 0 | 18.9s
 */
export function report(result: BuildRunResult): string[] {
  const kept = result.keptAt ? [`project kept at ${result.keptAt}`] : [];
  return [
    realRunLine(result),
    ...exclusionLines(result),
    ...failureLines(result),
    ...kept,
    summaryLine(result),
  ];
}

export function summaryLine(result: BuildRunResult): string {
  const problems = failed(result.checks).length;
  const parts = [
    `build-run ${result.stack.name} [${result.language}] ${result.ok ? "PASS" : "FAIL"}`,
    ...result.steps.map((step) => stepPart(step, result)),
    `pipeline ${result.checks.length - problems}/${result.checks.length} checks`,
    `engine errors ${result.engineErrors.length}`,
    seconds(result.durationMs),
  ];
  return parts.join(" | ");
}

function stepPart(step: StepResult, result: BuildRunResult): string {
  const words = [
    step.name,
    seconds(step.durationMs),
    ...(step.ok ? [] : ["FAILED"]),
    ...(step.note ? [step.note] : []),
  ];
  if (step.name === "test" && result.tests) {
    const { passed, failed: failures, skipped } = result.tests;
    words.push(
      `${passed} passed, ${failures} failed, ${skipped} skipped, ${result.selection.excluded.length} excluded`,
    );
  }
  return words.join(" ");
}

/** The smoke suites and matrix entries that ran against real servers, each with its server. */
export function realRunLine(result: BuildRunResult): string {
  const { smoke, matrix, servers } = result.selection;
  const withServer = (unit: string, service: string) =>
    servers[service] ? `${unit} (${servers[service]})` : unit;
  const units = [
    ...smoke.map((service) => withServer(describeUnit({ kind: "smoke", service }), service)),
    ...matrix.map(({ axis, target }) => withServer(describeUnit({ kind: "matrix", axis, target }), target)),
  ];
  return `ran for real: ${units.join(", ") || "nothing"}`;
}

export function exclusionLines(result: BuildRunResult): string[] {
  return result.selection.excluded.map(
    (exclusion) => `excluded ${describeUnit(exclusion.unit)}: ${exclusion.reason}`,
  );
}

export function describeUnit(unit: TestUnit): string {
  if (unit.kind === "smoke") return `${unit.service}'s smoke tests`;
  if (unit.kind === "smokeTest") return `${unit.service}'s ${unit.extension} test`;
  return `matrix ${unit.axis}=${unit.target}`;
}

/** Output of failed steps (their tail), failed pipeline checks and engine errors. */
export function failureLines(result: BuildRunResult): string[] {
  const lines: string[] = [];
  for (const step of result.steps.filter((entry) => !entry.ok)) {
    lines.push(`--- ${step.name} failed; its output (last lines):`, ...tail(step.output, 60));
  }
  for (const entry of failed(result.checks))
    lines.push(`pipeline check failed: ${entry.name}: ${entry.problem}`);
  for (const error of result.engineErrors) lines.push(`engine error: ${error}`);
  return lines;
}

function tail(text: string, count: number): string[] {
  return text.trimEnd().split("\n").slice(-count);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
