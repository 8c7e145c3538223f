import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach } from "vitest";

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
