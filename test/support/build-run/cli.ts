import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { projectEnv } from "./child-env.js";
import { runChild } from "./child-process.js";
import { withLock } from "./lock.js";
import { BUILD_RUN_CACHE, BUILT_CLI, REPO_ROOT } from "./repo.js";
import type { StepResult } from "./types.js";

/** How to start the CLI: the built one by default, as a user runs it. */
export type CliCommand = readonly [command: string, ...args: string[]];

export const BUILT_CLI_COMMAND: CliCommand = [process.execPath, BUILT_CLI];

/** `create-dagger-stack <dir> --spec <file> --yes`, non-interactive, as a user would type it. */
export async function runCreate(
  cli: CliCommand,
  projectDir: string,
  specFile: string,
  name: "create" | "create again",
): Promise<StepResult> {
  const [command, ...prefix] = cli;
  const result = await runChild(command, [...prefix, projectDir, "--spec", specFile, "--yes"], {
    cwd: REPO_ROOT,
    env: projectEnv(),
  });
  return {
    name,
    ok: result.exitCode === 0,
    durationMs: result.durationMs,
    output: result.output,
    ...(result.exitCode === 0 ? {} : { note: `exit ${result.exitCode}` }),
  };
}

/** A second identical `create` must say it changes nothing, and indeed change no file. */
export async function runCreateAgain(
  cli: CliCommand,
  projectDir: string,
  specFile: string,
): Promise<StepResult> {
  const before = fingerprint(projectDir);
  const step = await runCreate(cli, projectDir, specFile, "create again");
  const changed = changedFiles(before, fingerprint(projectDir));
  const saysNoChange = /nothing to change/i.test(step.output);
  const problems = [
    ...(saysNoChange ? [] : ["the second run did not report that nothing changed"]),
    ...changed.map((path) => `the second run changed ${path}`),
  ];
  if (!step.ok || problems.length === 0) return { ...step, ...(step.ok ? { note: "no changes" } : {}) };
  return { ...step, ok: false, output: [step.output, ...problems].join("\n"), note: problems[0] };
}

function fingerprint(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), createHash("sha256").update(readFileSync(path)).digest("hex"));
    }
  };
  walk(dir);
  return files;
}

function changedFiles(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((path) => before.get(path) !== after.get(path)).sort();
}

/** Why the built CLI is older than the source it was built from, or undefined. */
export function staleCliProblem(): string | undefined {
  if (!existsSync(BUILT_CLI)) return undefined;
  const built = statSync(BUILT_CLI).mtimeMs;
  // Templates are precompiled into the bundle, so they count as source too.
  const newer = [newestSource(join(REPO_ROOT, "src")), newestSource(join(REPO_ROOT, "templates"))]
    .filter((entry) => entry !== undefined)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)[0];
  return newer && newer.mtimeMs > built
    ? `${relative(REPO_ROOT, BUILT_CLI)} is older than ${relative(REPO_ROOT, newer.path)}: run \`npm run build\``
    : undefined;
}

/**
 * Builds the CLI (`node scripts/build.mjs`) when there is none. A stale build is left alone, only
 * reported: the build empties dist/ first, so rebuilding under other tests that use it would break them.
 */
export async function ensureBuiltCli(): Promise<void> {
  await withLock(join(BUILD_RUN_CACHE, "cli-build.lock"), async () => {
    if (!existsSync(BUILT_CLI)) await buildCli();
  });
}

/** `npm run build`, for callers that know nothing else uses dist/ right now. */
export async function buildCli(): Promise<void> {
  const build = await runChild(process.execPath, [join(REPO_ROOT, "scripts", "build.mjs")], {
    cwd: REPO_ROOT,
    env: projectEnv(),
  });
  if (build.exitCode !== 0) throw new Error(`building the CLI failed:\n${build.output}`);
}

function newestSource(dir: string): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(path);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { path, mtimeMs };
  }
  return newest;
}
