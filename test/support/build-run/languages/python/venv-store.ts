import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  HTTP_CLIENT,
  MIN_PYTHON,
  PYTHON_DEV_DEPENDENCIES,
} from "../../../../../src/render/python/packages.js";
import { SERVICE_KINDS } from "../../../../../src/spec/catalog/services.js";
import { projectEnv } from "../../child-env.js";
import { type ChildResult, runChild } from "../../child-process.js";
import { withLock } from "../../lock.js";
import { BUILD_RUN_CACHE, CACHE_DIR } from "../../repo.js";

/**
 * One venv for every generated Python project: the union of the dev dependencies any project can pin
 * (dagger-io, pytest, anyio, httpx and every catalog kind's client), keyed by a hash of that union.
 * Installed once with pip's cache in .cache/pip; projects run their tests with its interpreter.
 */
export interface VenvStore {
  dir: string;
  python: string;
  packages: Readonly<Record<string, string>>;
}

const COMPLETE_MARKER = ".build-run-complete";
const PIP_CACHE = join(CACHE_DIR, "pip");
const PYTHON_CANDIDATES = ["python3.13", "python3.12", "python3.11", "python3"];

export function pythonDependencyUnion(): Record<string, string> {
  const clients = SERVICE_KINDS.map((kind) => kind.pipClient ?? {});
  const union: Record<string, string> = {};
  for (const [name, version] of [PYTHON_DEV_DEPENDENCIES, HTTP_CLIENT, ...clients].flatMap(Object.entries)) {
    const taken = union[name];
    if (taken !== undefined && taken !== version)
      throw new Error(`the catalog pins ${name} at both ${taken} and ${version}`);
    union[name] = version;
  }
  return Object.fromEntries(Object.entries(union).sort(([a], [b]) => a.localeCompare(b)));
}

export function venvStore(packages = pythonDependencyUnion()): VenvStore {
  const hash = createHash("sha256").update(JSON.stringify(packages)).digest("hex").slice(0, 12);
  const dir = join(BUILD_RUN_CACHE, `python-${hash}`);
  return { dir, python: join(dir, "venv", "bin", "python"), packages };
}

export function venvIsReady(store: VenvStore): boolean {
  return existsSync(join(store.dir, COMPLETE_MARKER));
}

/** Creates the venv in place under a lock (a venv is not relocatable); the marker is written last. */
export async function ensureVenv(store: VenvStore): Promise<{ warm: boolean; install?: ChildResult }> {
  if (venvIsReady(store)) return { warm: true };
  return withLock(`${store.dir}.lock`, async () => (venvIsReady(store) ? { warm: true } : createVenv(store)));
}

async function createVenv(store: VenvStore): Promise<{ warm: boolean; install: ChildResult }> {
  rmSync(store.dir, { recursive: true, force: true });
  mkdirSync(store.dir, { recursive: true });
  const python = await findPython();
  if (!python) return { warm: false, install: missingPython() };
  const venv = await runChild(python, ["-m", "venv", join(store.dir, "venv")], {
    cwd: store.dir,
    env: projectEnv(),
  });
  if (venv.exitCode !== 0) return { warm: false, install: venv };
  const pins = Object.entries(store.packages).map(([name, version]) => `${name}==${version}`);
  const pip = await runChild(
    store.python,
    ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--cache-dir", PIP_CACHE, ...pins],
    { cwd: store.dir, env: projectEnv() },
  );
  if (pip.exitCode === 0) writeFileSync(join(store.dir, COMPLETE_MARKER), `${pins.join("\n")}\n`);
  return { warm: false, install: pip };
}

/** The first Python on PATH that is new enough for the generated code, or undefined. */
export async function findPython(): Promise<string | undefined> {
  const check = `import sys; sys.exit(0 if sys.version_info >= (${MIN_PYTHON.replace(".", ", ")}) else 1)`;
  for (const candidate of PYTHON_CANDIDATES) {
    const result = await runChild(candidate, ["-c", check], { cwd: tmpdir(), env: projectEnv() });
    if (result.exitCode === 0) return candidate;
  }
  return undefined;
}

function missingPython(): ChildResult {
  return { exitCode: 1, output: `no Python ${MIN_PYTHON} or newer on PATH`, durationMs: 0, timedOut: false };
}

/** Every `name==version` the project pins, in pyproject.toml or any requirements file at its root. */
export function pinnedPythonPackages(projectDir: string): Record<string, string> {
  const files = readdirSync(projectDir).filter(
    (name) => name === "pyproject.toml" || /requirements.*\.txt$/.test(name),
  );
  const pins: Record<string, string> = {};
  for (const file of files) {
    for (const match of readFileSync(join(projectDir, file), "utf8").matchAll(
      /([A-Za-z0-9_.-]+)==([0-9][^"'\s,\]]*)/g,
    )) {
      pins[(match[1] ?? "").toLowerCase()] = match[2] ?? "";
    }
  }
  return pins;
}

export function notInVenv(store: VenvStore, projectDir: string): string[] {
  return Object.entries(pinnedPythonPackages(projectDir))
    .filter(([name, version]) => store.packages[name] !== version)
    .map(([name, version]) => `${name}==${version} (store: ${store.packages[name] ?? "absent"})`);
}
