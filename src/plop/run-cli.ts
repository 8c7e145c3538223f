import { Readable, Writable } from "node:stream";

/**
 * A generator's action: create-dagger-stack's own main() with the answers as flags, in the folder plop
 * writes to. Its planner, conflict policy, dry run, lock, rollback and report are the command line's; no
 * input stream is given, so nothing is asked twice and a conflict fails unless plop runs with --force.
 * Resolves with what the run printed; a run that fails rejects with its error output, which plop shows.
 */
export async function runCli(argv: readonly string[], cwd: string): Promise<string> {
  const { main } = await import("../cli/main.js");
  const stdout = new TextSink();
  const stderr = new TextSink();
  const code = await main({
    argv,
    stdin: Readable.from([]),
    stdout,
    stderr,
    cwd,
    env: process.env,
    signals: process,
  });
  if (code !== 0) throw new Error((stderr.text || stdout.text).trimEnd());
  return stdout.text.trimEnd();
}

class TextSink extends Writable {
  text = "";

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}
