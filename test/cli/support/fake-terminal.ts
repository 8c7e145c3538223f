import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";

/** Keys as a terminal sends them. */
export const KEY = { enter: "\r", down: "\x1b[B", space: " ", ctrlC: "\x03" } as const;

export interface Step {
  /** Wait until the output since the previous step shows this. */
  expect: RegExp;
  /** Then type these keys. */
  keys: string;
}

/** Like process.stdout, it stays open when a prompt ends the stream piped into it. */
class TerminalOutput extends PassThrough {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  override end(): this {
    return this;
  }
}

/**
 * A pretend terminal for driving prompts in-process: stdin and stdout say they are TTYs, the output is
 * collected without escape codes, and a script answers each prompt once its question is on screen.
 */
export class FakeTerminal {
  readonly stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => this.stdin });
  readonly stdout = new TerminalOutput();
  private pending = "";
  private output = "";
  private onOutput: (() => void) | undefined;

  constructor() {
    this.stdout.on("data", (chunk: Buffer) => {
      const text = stripVTControlCharacters(chunk.toString("utf8"));
      this.pending += text;
      this.output += text;
      this.onOutput?.();
    });
  }

  get text(): string {
    return this.output;
  }

  /** Runs the steps in order; rejects with the screen so far when a question does not show up in time. */
  async answer(steps: readonly Step[], timeoutMs = 5000): Promise<void> {
    for (const step of steps) {
      await this.waitFor(step.expect, timeoutMs);
      this.pending = "";
      await new Promise((resolve) => setImmediate(resolve));
      this.stdin.write(step.keys);
    }
  }

  private waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.onOutput = undefined;
        reject(new Error(`no ${pattern} within ${timeoutMs}ms; output so far:\n${this.output}`));
      }, timeoutMs);
      this.onOutput = () => {
        if (!pattern.test(this.pending)) return;
        clearTimeout(timer);
        this.onOutput = undefined;
        resolve();
      };
      this.onOutput();
    });
  }
}
