import { PassThrough } from "node:stream";
import { main } from "../../../src/cli/main.js";
import { FakeTerminal, type Step } from "./fake-terminal.js";

/** main() run in-process on a pretend terminal, answering each prompt as the steps say. */
export interface Session {
  code: number;
  /** The screen: prompts and output, without escape codes. */
  stdout: string;
  stderr: string;
}

export async function terminalSession(cwd: string, argv: string[], steps: readonly Step[]): Promise<Session> {
  const terminal = new FakeTerminal();
  const stderr = new PassThrough();
  let errors = "";
  stderr.on("data", (chunk: Buffer) => {
    errors += chunk.toString("utf8");
  });
  const run = main({ argv, stdin: terminal.stdin, stdout: terminal.stdout, stderr, cwd, env: {} });
  await terminal.answer(steps);
  const code = await finished(run, () => terminal.text);
  return { code, stdout: terminal.text, stderr: errors };
}

/** A run still waiting after the last step is asking something no step answers: fail with the screen. */
async function finished(run: Promise<number>, screen: () => string, timeoutMs = 10_000): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`still running after the last step; screen:\n${screen()}`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([run, stuck]);
  } finally {
    clearTimeout(timer);
  }
}
