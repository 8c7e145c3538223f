import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { main } from "../../../../src/cli/main.js";

/** The CLI run in-process as a user would run it, on piped (non-TTY) streams, writing to a real folder. */
export interface MainRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<MainRun> {
  const stdin = Object.assign(Readable.from([]), { isTTY: false });
  const [stdout, readOut] = collector();
  const [stderr, readErr] = collector();
  const code = await main({ argv, stdin, stdout, stderr, cwd, env });
  return { code, stdout: readOut(), stderr: readErr() };
}

function collector(): [PassThrough & { isTTY: boolean }, () => string] {
  const stream = Object.assign(new PassThrough(), { isTTY: false });
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return [stream, () => text];
}

/** Temporary folders, each removed by `cleanup()` (call it in afterEach). */
export class TempFolders {
  private readonly dirs: string[] = [];

  fresh(): string {
    const dir = mkdtempSync(join(tmpdir(), "cds-hostile-"));
    this.dirs.push(dir);
    return dir;
  }

  cleanup(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file under `root`, by path relative to it. */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const visit = (path: string) => {
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else files[relative(root, path)] = readFileSync(path, "utf8");
  };
  visit(root);
  return files;
}
