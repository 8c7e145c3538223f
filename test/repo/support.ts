import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";
import { ROOT as REPO_ROOT } from "../cli/support/built-cli.js";
import { projectEnv } from "../support/build-run/child-env.js";

/** A real repository layout in a temporary folder: path → content (a path ending in / is a folder). */
export type Layout = Record<string, string>;

const made: string[] = [];

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function repository(layout: Layout, prefix = "cds-repo-"): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  made.push(root);
  writeLayout(root, layout);
  return root;
}

export function writeLayout(root: string, layout: Layout): void {
  for (const [path, content] of Object.entries(layout)) {
    const full = join(root, path);
    if (path.endsWith("/")) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** "Installs" packages from this repository's node_modules into a temporary repository, as links. */
export function linkPackages(root: string, names: readonly string[]): void {
  for (const name of names) {
    const target = join(root, "node_modules", name);
    mkdirSync(dirname(target), { recursive: true });
    symlinkSync(join(REPO_ROOT, "node_modules", name), target, "dir");
  }
}

/** A tool of the temporary repository, run with node as its package.json script would run it. */
export function runTool(root: string, tool: string, args: readonly string[]): ToolResult {
  return runNode(root, join(root, "node_modules", tool), args);
}

export interface ToolResult {
  code: number | null;
  output: string;
}

/** A Node script run in `root`, with the environment of a user's shell (no parent Vitest variables). */
export function runNode(root: string, script: string, args: readonly string[]): ToolResult {
  const result = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    env: projectEnv(),
    encoding: "utf8",
    timeout: 120_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
