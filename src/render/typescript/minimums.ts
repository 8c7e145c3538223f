import type { Minimum } from "../../edit/json/package-json.js";

/**
 * The oldest versions the generated TypeScript type-checks and runs with, found by type-checking a
 * generated stack (postgres, redis, mysql and a testing matrix) with each release line: TypeScript 5.0
 * and 5.1 lack the ESNext.Disposable library (5.2.2 is the first 5.2 release), Vitest before 3.2 has no
 * `test.projects`. A bump goes to the minimum itself, so it names a version that exists.
 */
export const TYPESCRIPT_MINIMUMS: Readonly<Record<string, Minimum>> = {
  typescript: {
    version: "5.2.2",
    needs: "the stack's AsyncDisposable (stack/stack.ts, `await using` in tests/stack)",
  },
  vitest: { version: "3.2.0", needs: "the test projects of vitest.stack.config.mts" },
};
