import { promises as fs } from "node:fs";
import type { CommitHooks } from "../../tree/commit.js";
import type { CliContext } from "../context.js";

/**
 * Fault injection for the commit's end-to-end tests (test/cli/safety-*.test.ts), through one environment
 * variable only those tests set, holding JSON:
 * - `pauseBeforeRename: "<path>"`: before that file is moved into place, print
 *   `test-hook: paused before <path>` on stderr and wait for a line on stdin (or a signal), so the test
 *   can edit a file, interrupt or kill the run at that exact point;
 * - `failWrite: { path, code }`: writing that file's staged copy stops halfway with that errno (ENOSPC);
 * - `lockWaitMs`: how long to wait for another run's lock.
 */
export const TEST_HOOKS_ENV = "CREATE_DAGGER_STACK_TEST_HOOKS";

interface TestHookSpec {
  pauseBeforeRename?: string;
  failWrite?: { path: string; code: string };
  lockWaitMs?: number;
}

type HookContext = Pick<CliContext, "env" | "stdin" | "stderr">;

function specOf(ctx: HookContext): TestHookSpec {
  const text = ctx.env[TEST_HOOKS_ENV];
  return text ? (JSON.parse(text) as TestHookSpec) : {};
}

export function testLockWait(ctx: HookContext): number | undefined {
  return specOf(ctx).lockWaitMs;
}

export function testCommitHooks(ctx: HookContext, signal: AbortSignal): CommitHooks {
  const { pauseBeforeRename, failWrite } = specOf(ctx);
  const hooks: CommitHooks = {};
  if (pauseBeforeRename) {
    hooks.beforeRename = async (path) => {
      if (path !== pauseBeforeRename) return;
      ctx.stderr.write(`test-hook: paused before ${path}\n`);
      await resumed(ctx, signal);
    };
  }
  if (failWrite) {
    hooks.writeStaged = async (temp, content, path) => {
      if (path !== failWrite.path) return fs.writeFile(temp, content, { flag: "wx" });
      await fs.writeFile(temp, content.slice(0, content.length >> 1), { flag: "wx" });
      throw Object.assign(new Error(`${failWrite.code}: injected failure, write`), { code: failWrite.code });
    };
  }
  return hooks;
}

function resumed(ctx: HookContext, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      ctx.stdin.off("data", done);
      signal.removeEventListener("abort", done);
      ctx.stdin.pause();
      resolve();
    };
    ctx.stdin.on("data", done);
    signal.addEventListener("abort", done);
  });
}
