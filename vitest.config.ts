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
            "test/ci/**/*.test.ts",
            "test/migrate/**/*.test.ts",
            "test/migrate-wiring/**/*.test.ts",
          ],
          // Runs a generated Python suite against the stand-in and real servers: the engine layer.
          // The built CLI (with the real Python tools: Poetry, uv, ...; migrate's end-to-end runs) is the cli layer.
          // *.run.test.ts run real test runners and build-runs on migrated projects: the build-run layer.
          exclude: [
            "test/python/stand-in.test.ts",
            "test/python/**/*.e2e.test.ts",
            "test/migrate/**/*.e2e.test.ts",
            "test/migrate-wiring/**/*.run.test.ts",
          ],
          testTimeout: 60_000,
        },
      },
      // Generated specs from hostile alphabets: rejected with a spec path, or code that compiles (seed printed).
      { test: { name: "property", include: ["test/property/**/*.test.ts"], testTimeout: 300_000 } },
      {
        test: {
          name: "cli",
          include: [
            "test/cli/**/*.test.ts",
            "test/repo/**/*.test.ts",
            "test/python/**/*.e2e.test.ts",
            "test/migrate/**/*.e2e.test.ts",
          ],
          testTimeout: 300_000,
        },
      },
      {
        test: {
          name: "engine",
          include: ["test/engine/**/*.test.ts", "test/python/stand-in.test.ts"],
          testTimeout: 120_000,
        },
      },
      // The packed tarball installed into a temp project: its size, and create, add and plop run from it.
      {
        test: {
          name: "package",
          include: ["test/package/**/*.test.ts"],
          testTimeout: 300_000,
          hookTimeout: 600_000,
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
