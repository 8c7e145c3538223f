import type { SignalSource } from "./context.js";

/**
 * Runs `work` with SIGINT and SIGTERM turned into an abort of its signal instead of an immediate exit:
 * the commit stops before its next step, rolls back, and the run exits 130. Outside this window the
 * default applies (nothing is half-written then; a lock left behind is taken over by the next run).
 */
export async function withInterrupts<T>(
  signals: SignalSource | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  signals?.on("SIGINT", abort);
  signals?.on("SIGTERM", abort);
  try {
    return await work(controller.signal);
  } finally {
    signals?.off("SIGINT", abort);
    signals?.off("SIGTERM", abort);
  }
}
