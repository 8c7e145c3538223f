import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import { lstatSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cleanEnv, ROOT } from "../cli/support/built-cli.js";

/**
 * The package as a user gets it: `npm pack`, then `npm install <tarball>` in an empty project, from npm's
 * cache when it holds everything (--prefer-offline). What it installed is measured from the tree itself.
 */
export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], cwd: string, env = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync(command, args, {
    cwd,
    env: { ...cleanEnv(), ...env },
    encoding: "utf8",
    input: "",
    timeout: 300_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function mustRun(command: string, args: readonly string[], cwd: string, env = {}): Run {
  const result = run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited ${result.code}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

/** Packs the built package into `dir`; returns the tarball's path. */
export function pack(dir: string): string {
  const { stdout } = mustRun("npm", ["pack", "--json", "--pack-destination", dir], ROOT);
  const [packed] = JSON.parse(stdout) as { filename: string }[];
  if (!packed) throw new Error(`npm pack printed no file:\n${stdout}`);
  return join(dir, packed.filename);
}

export function installInto(project: string, tarball: string): void {
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", private: true })}\n`);
  mustRun("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], project);
}

export interface Footprint {
  /** Every installed package, nested ones included, by its folder under node_modules. */
  packages: string[];
  /** The size of every file under node_modules, in bytes. */
  bytes: number;
}

export function footprint(nodeModules: string): Footprint {
  const packages: string[] = [];
  const visit = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
      if (entry.name.startsWith("@")) visit(join(folder, entry.name), `${prefix}${entry.name}/`);
      else {
        packages.push(`${prefix}${entry.name}`);
        const nested = join(folder, entry.name, "node_modules");
        if (isFolder(nested)) visit(nested, `${prefix}${entry.name}/node_modules/`);
      }
    }
  };
  visit(nodeModules, "");
  return { packages: packages.sort(), bytes: sizeOf(nodeModules) };
}

function isFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

function sizeOf(path: string): number {
  const stats = lstatSync(path);
  if (!stats.isDirectory()) return stats.isFile() ? stats.size : 0;
  return readdirSync(path).reduce((total, entry) => total + sizeOf(join(path, entry)), 0);
}
