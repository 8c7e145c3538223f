import type { Language } from "../../../src/spec/model.js";
import { ensureBuiltCli, staleCliProblem } from "./cli.js";
import { languageHook } from "./languages/index.js";

/** Builds the CLI if needed and fills the languages' shared caches, once before several build-runs. */
export async function prepareBuildRuns(languages: readonly Language[] = ["typescript"]): Promise<void> {
  await ensureBuiltCli();
  const stale = staleCliProblem();
  if (stale) console.warn(`build-run: ${stale}; testing the CLI as built`);
  for (const language of languages) await languageHook(language).prepare();
}
