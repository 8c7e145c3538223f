import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CreatePlan, planCreate } from "../../src/plan/create.js";
import { loadStack } from "../../src/spec/load.js";
import type { NormalizedStack } from "../../src/spec/model.js";
import type { StackSpecInput } from "../../src/spec/schema.js";
import { type FileChange, memoryReader, VirtualTree } from "../../src/tree/tree.js";
import { fixtureSpec, fixtureSpecNames } from "../support/builders.js";
import { contextOf } from "../support/project-picture.js";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The example specs, all rendered as Python. */
export const FIXTURES: readonly string[] = fixtureSpecNames();

export function pythonStack(input: unknown): NormalizedStack {
  return loadStack({ ...(input as StackSpecInput), language: "python" });
}

export function fixtureStack(name: string): NormalizedStack {
  return pythonStack(fixtureSpec(name));
}

export interface Generated {
  stack: NormalizedStack;
  plan: CreatePlan;
  /** Every file after the run, by path. */
  files: Record<string, string>;
  changes: FileChange[];
}

/** Runs `create` on an in-memory folder holding `existing`. */
export function generate(stack: NormalizedStack, existing: Readonly<Record<string, string>> = {}): Generated {
  const tree = new VirtualTree(memoryReader(existing));
  const plan = planCreate(stack, tree, "0.0.0-test", contextOf(existing));
  const changes = tree.changes();
  const files = { ...existing };
  for (const change of changes) files[change.path] = change.content;
  return { stack, plan, files, changes };
}

export function file(generated: Generated, path: string): string {
  const content = generated.files[path];
  if (content === undefined)
    throw new Error(`${path} was not generated; have: ${Object.keys(generated.files).join(", ")}`);
  return content;
}

/** The pinned Python tools of scripts/ci/python-tools.sh, or why they cannot be used. */
export interface PythonTools {
  python: string;
  ruff: string;
}

/** The venvs of scripts/ci/python-tools.sh: the pinned versions, and the oldest versions the tests accept. */
export type PythonVenv = "pyenv" | "pyenv-min";

export function pythonTools(venv: PythonVenv = "pyenv"): PythonTools | string {
  const bin = join(REPO_ROOT, ".cache", venv, "bin");
  const python = join(bin, "python");
  const ruff = join(bin, "ruff");
  if (!existsSync(python) || (venv === "pyenv" && !existsSync(ruff))) {
    return `the pinned Python tools are not installed (${bin}); run scripts/ci/python-tools.sh`;
  }
  return { python, ruff };
}

/** The folder of Poetry, uv, PDM, Hatch and pip-tools (scripts/ci/python-tools.sh), or why it is missing. */
export function projectToolsBin(): string {
  return join(REPO_ROOT, ".cache/pytools/bin");
}

export function projectToolsMissing(): string | undefined {
  const bin = projectToolsBin();
  return existsSync(join(bin, "poetry")) && existsSync(join(bin, "uv"))
    ? undefined
    : `Poetry, uv, PDM, Hatch and pip-tools are not installed (${bin}); run scripts/ci/python-tools.sh`;
}

/** Writes files into a fresh temporary folder; returns its path. */
export function writeProject(files: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), "cds-python-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export function removeProject(root: string): void {
  rmSync(root, { recursive: true, force: true });
}

export interface Run {
  status: number | null;
  output: string;
}

/** Runs a command in `cwd` with a clean Dagger environment; never throws on a non-zero exit. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...withoutDagger(process.env), ...env },
    timeout: 120_000,
  });
  return { status: result.status, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function withoutDagger(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !name.startsWith("DAGGER_") && !name.startsWith("OTEL_")),
  );
}

/** Evaluates Python literals with `ast.literal_eval`, through the system python3. */
export function literalEval(literals: readonly string[]): unknown[] {
  const script = [
    "import ast, json, sys",
    "json.dump([ast.literal_eval(text) for text in json.load(sys.stdin)], sys.stdout)",
  ].join("\n");
  return JSON.parse(
    execFileSync("python3", ["-c", script], { input: JSON.stringify(literals), encoding: "utf8" }),
  );
}

/** Prints why a group of tests is skipped, so a skip is never silent. */
export function reportSkip(what: string, reason: string): void {
  console.warn(`${what} skipped: ${reason}`);
}
