import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TYPESCRIPT_DEV_DEPENDENCIES } from "../../../../../src/render/typescript/packages.js";
import { SERVICE_KINDS } from "../../../../../src/spec/catalog/services.js";
import { projectEnv } from "../../child-env.js";
import { type ChildResult, runChild } from "../../child-process.js";
import { withLock } from "../../lock.js";
import { BUILD_RUN_CACHE, NPM_CACHE } from "../../repo.js";

/**
 * One node_modules for every generated TypeScript project: the union of the dev dependencies any project
 * can pin (the toolchain plus every catalog kind's client), keyed by a hash of that union so a version
 * bump makes a new store. Installed once; each project gets a symlink to it.
 */
export interface DependencyStore {
  dir: string;
  nodeModules: string;
  packages: Readonly<Record<string, string>>;
}

const COMPLETE_MARKER = ".build-run-complete";

export function dependencyUnion(): Record<string, string> {
  const clients = SERVICE_KINDS.map((kind) => kind.npmClient ?? {});
  const union: Record<string, string> = {};
  for (const [name, version] of [TYPESCRIPT_DEV_DEPENDENCIES, ...clients].flatMap(Object.entries)) {
    const taken = union[name];
    if (taken !== undefined && taken !== version)
      throw new Error(`the catalog pins ${name} at both ${taken} and ${version}`);
    union[name] = version;
  }
  return Object.fromEntries(Object.entries(union).sort(([a], [b]) => a.localeCompare(b)));
}

export function dependencyStore(packages = dependencyUnion()): DependencyStore {
  const hash = createHash("sha256").update(JSON.stringify(packages)).digest("hex").slice(0, 12);
  const dir = join(BUILD_RUN_CACHE, `node-${hash}`);
  return { dir, nodeModules: join(dir, "node_modules"), packages };
}

export function storeIsReady(store: DependencyStore): boolean {
  return existsSync(join(store.nodeModules, COMPLETE_MARKER));
}

/**
 * Installs the store unless it is there: once, under a lock, into a staging folder renamed into place, so
 * nobody ever sees a half-installed store (even if the lock is broken as stale).
 */
export async function ensureStore(store: DependencyStore): Promise<{ warm: boolean; install?: ChildResult }> {
  if (storeIsReady(store)) return { warm: true };
  return withLock(`${store.dir}.lock`, async () =>
    storeIsReady(store) ? { warm: true } : installStore(store),
  );
}

async function installStore(store: DependencyStore): Promise<{ warm: boolean; install?: ChildResult }> {
  mkdirSync(BUILD_RUN_CACHE, { recursive: true });
  const staging = `${store.dir}.staging-${process.pid}-${randomBytes(4).toString("hex")}`;
  mkdirSync(staging);
  try {
    writeFileSync(join(staging, "package.json"), storePackageJson(store));
    const npm = await runChild(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--cache", NPM_CACHE],
      {
        cwd: staging,
        env: projectEnv(),
      },
    );
    if (npm.exitCode !== 0) return { warm: false, install: npm };
    writeFileSync(join(staging, "node_modules", COMPLETE_MARKER), "");
    publish(staging, store);
    return { warm: false, install: npm };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function publish(staging: string, store: DependencyStore): void {
  try {
    renameSync(staging, store.dir);
  } catch (error) {
    // Another run published the same store first; ours is discarded.
    if (!storeIsReady(store)) throw error;
  }
}

function storePackageJson(store: DependencyStore): string {
  const manifest = { name: "build-run-store", private: true, devDependencies: store.packages };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The project's pinned dev dependencies the store does not hold at exactly that version. */
export function notInStore(store: DependencyStore, projectDir: string): string[] {
  return Object.entries(pinnedPackages(projectDir))
    .filter(([name, version]) => store.packages[name] !== version)
    .map(([name, version]) => `${name}@${version} (store: ${store.packages[name] ?? "absent"})`);
}

export function linkStore(store: DependencyStore, projectDir: string): void {
  symlinkSync(store.nodeModules, join(projectDir, "node_modules"), "dir");
}

/** Every package the project's package.json pins, dependencies and devDependencies alike. */
export function pinnedPackages(projectDir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(projectDir, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return { ...manifest.dependencies, ...manifest.devDependencies };
}
