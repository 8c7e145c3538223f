import { defineConfig } from "vitest/config";

// Four layers (see ARCHITECTURE.md): fast pure tests, the built CLI end to end, the engine stand-in, and
// build-run, which generates projects and runs their own test suites. `npm run test:fast` runs the first.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "test/unit/**/*.test.ts",
            "test/golden/**/*.test.ts",
            "test/add/**/*.test.ts",
            "test/python/**/*.test.ts",
            "test/add-python/**/*.test.ts",
            "test/readers/**/*.test.ts",
            "test/migrate-wiring/**/*.test.ts",
          ],
          // Runs a generated Python suite against the stand-in and real servers: the engine layer.
          // *.run.test.ts run real test runners and build-runs on migrated projects: the build-run layer.
          exclude: ["test/python/stand-in.test.ts", "test/migrate-wiring/**/*.run.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "cli",
          include: ["test/cli/**/*.test.ts", "test/repo/**/*.test.ts"],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "engine",
          include: ["test/engine/**/*.test.ts", "test/python/stand-in.test.ts"],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: "build-run",
          include: ["test/build-run/**/*.test.ts", "test/migrate-wiring/**/*.run.test.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
        },
      },
    ],
  },
});
