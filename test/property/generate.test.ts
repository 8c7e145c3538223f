import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StackSpecInput } from "../../src/spec/schema.js";
import { specArbitrary } from "./arbitraries.js";
import { compileAll, compileOne, examine, type Outcome } from "./case.js";
import { checkOneProject } from "./support/typescript.js";

/**
 * Property: any spec is either rejected with a UsageError carrying a spec path, or generates TypeScript
 * that type-checks against the real @dagger.io/dagger types and Python that compiles, with every user
 * string intact and no credential written. The seed is printed; rerun one with FC_SEED=<seed>, and set
 * FC_RUNS for more cases. Every shrunk failure found so far is a regular test in regressions.test.ts.
 *
 * Per-case checks run inside fast-check (so a failure shrinks at once); compiling is batched: all
 * TypeScript projects in one Program, all Python in one process. When the batch finds an error, the
 * failing case is replayed with the same seed and shrunk with the compile check of that case alone.
 */
const SEED = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.FC_RUNS ?? 250);
/** Projects whose global setup is also checked with their own ProvidedContext (one Program each). */
const GLOBAL_SETUP_SAMPLES = 2;

type Generated = Extract<Outcome, { type: "generated" }>;

describe(`generated specs (seed ${SEED}, ${RUNS} runs; rerun with FC_SEED=${SEED})`, () => {
  const generated: { run: number; spec: StackSpecInput; outcome: Generated }[] = [];
  let rejected = 0;

  it("each is rejected with spec paths, or generates files that parse, keep every string and no credential", () => {
    console.log(`property seed: ${SEED} (FC_SEED=${SEED} FC_RUNS=${RUNS} to rerun)`);
    let run = 0;
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const outcome = examine(spec);
        if (outcome.type === "rejected") rejected++;
        else generated.push({ run, spec, outcome });
        run++;
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`${generated.length} generated, ${rejected} rejected`);
    expect(generated.length).toBeGreaterThan(RUNS / 5);
  });

  it("the TypeScript type-checks and the Python compiles", () => {
    const started = Date.now();
    const { failures, other, python } = compileAll(generated.map((entry) => entry.outcome));
    if (!python) console.warn("python3 (3.11+) not found: the generated Python was not compiled");
    console.log(`compiled ${generated.length} projects in ${Date.now() - started} ms`);
    expect(other).toEqual([]);
    const first = failures[0];
    if (!first) return;
    const failing = generated[first.index];
    const shrunk = shrinkCompileFailure(failing?.run ?? 0);
    expect.fail(
      `seed ${SEED}, run ${failing?.run}: ${first.errors.slice(0, 8).join("\n")}\n` +
        `spec: ${JSON.stringify(failing?.spec)}\nshrunk: ${shrunk}`,
    );
  });

  it(`a sample's global setup type-checks with its own ProvidedContext`, () => {
    const typescript = generated.filter((entry) => entry.outcome.stack.language === "typescript");
    for (const entry of typescript.slice(0, GLOBAL_SETUP_SAMPLES)) {
      expect(checkOneProject(entry.outcome.files), JSON.stringify(entry.spec)).toEqual([]);
    }
  });
});

/** Replays the failing run with the same seed and lets fast-check shrink it, compiling one case at a time. */
function shrinkCompileFailure(run: number): string {
  const result = fc.check(
    fc.property(specArbitrary, (spec) => {
      const outcome = examine(spec);
      return outcome.type === "rejected" || compileOne(outcome).length === 0;
    }),
    { seed: SEED, numRuns: RUNS, path: String(run) },
  );
  return result.failed ? JSON.stringify(result.counterexample?.[0]) : "(did not fail on its own)";
}
