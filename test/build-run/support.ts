import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Language } from "../../src/spec/model.js";
import {
  type BuildRunOptions,
  type BuildRunResult,
  buildRun,
  languageSkipReason,
  type PipelineCheck,
  report,
} from "../support/build-run/index.js";
import { REPO_ROOT } from "../support/build-run/repo.js";

export const LANGUAGES: readonly Language[] = ["typescript", "python"];

/** Why build-runs of `language` skip on this machine, announced once as a warning; "" when they run. */
export async function skipNoteFor(language: Language, what: string): Promise<string> {
  const reason = await languageSkipReason(language);
  if (!reason) return "";
  console.warn(`${what} in ${language} skipped: ${reason}`);
  return ` (skipped: ${reason})`;
}

const SPEC_COPIES = join(tmpdir(), `build-run-specs-${process.pid}`);

export function removeExampleSpecCopies(): void {
  rmSync(SPEC_COPIES, { recursive: true, force: true });
}

/**
 * An example spec for `language`. The examples are written for TypeScript (the default); for Python a
 * copy that says `language: python` is written to a temporary folder.
 */
export function exampleSpec(name: string, language: Language): string {
  const original = join(REPO_ROOT, "test", "fixtures", "specs", `${name}.yaml`);
  if (language === "typescript") return original;
  mkdirSync(SPEC_COPIES, { recursive: true });
  const copy = join(SPEC_COPIES, `${name}.${language}.yaml`);
  writeFileSync(copy, `${readFileSync(original, "utf8")}\nlanguage: ${language}\n`);
  return copy;
}

/** A build-run whose report is printed, so the exclusions and their reasons show in the test output. */
export async function reportedBuildRun(options: BuildRunOptions): Promise<BuildRunResult> {
  const result = await buildRun(options);
  console.log(report(result).join("\n"));
  return result;
}

/** The check called `name`, failing loudly when the harness made no such check. */
export function checkNamed(result: BuildRunResult, name: string): PipelineCheck {
  const found = result.checks.find((entry) => entry.name === name);
  if (!found)
    throw new Error(
      `no pipeline check "${name}"; made: ${result.checks.map((entry) => entry.name).join("; ")}`,
    );
  return found;
}

/** Runs at most `slots` tasks at once: build-runs are CPU-heavy (tsc, Vitest) and share few cores. */
export function limit(slots: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    while (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    running += 1;
    try {
      return await task();
    } finally {
      running -= 1;
      waiting.shift()?.();
    }
  };
}
