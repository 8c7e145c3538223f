import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Runs the built CLI as a user would: `node dist/bin.cjs ...` with piped (non-TTY) stdio. The bundle is
 * rebuilt first when any source is newer than it; a lock keeps parallel test files from building at once.
 */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const BIN = join(ROOT, "dist", "bin.cjs");
export const BUILD_META = join(ROOT, ".cache", "build-meta.json");
const LOCK = join(ROOT, ".cache", "build.lock");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
  input?: string;
}

export async function ensureBuilt(): Promise<void> {
  if (!isStale()) return;
  await withLock(() => {
    if (isStale()) build();
  });
  if (!existsSync(BIN))
    throw new Error(`${BIN} is missing after building: run \`npm run build\` and read its errors`);
}

export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...cleanEnv(), ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The parent's env without what would change the CLI's behaviour: npm's config, CI, colours. */
export function cleanEnv(): Record<string, string | undefined> {
  const entries = Object.entries(process.env).filter(
    ([name]) => !name.startsWith("npm_") && !["CI", "FORCE_COLOR", "NO_COLOR"].includes(name),
  );
  return { ...Object.fromEntries(entries), NO_COLOR: "1" };
}

function isStale(): boolean {
  if (!existsSync(BIN)) return true;
  const built = statSync(BIN).mtimeMs;
  const inputs = ["src", "scripts", "templates", "package.json", "plop.js"].map((path) => join(ROOT, path));
  return inputs.some((path) => newestMtime(path) > built);
}

function newestMtime(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

function build(): void {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts", "build.mjs")], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`build failed (exit ${result.status}):\n${result.stderr}`);
}

async function withLock(action: () => void): Promise<void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (const start = Date.now(); !tryLock(); ) {
    if (Date.now() - start > 60_000)
      throw new Error(`${LOCK} held for a minute; remove it if no build is running`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function tryLock(): boolean {
  try {
    mkdirSync(LOCK);
    return true;
  } catch {
    return false;
  }
}
