// `npm run build-run -- --spec <file> [--build] [--keep] [--verbose]`: generates a project from the spec
// with the built CLI, installs, type-checks and runs its own tests against the engine stand-in and real
// servers, checks the recorded pipeline, and prints one summary line. Exit code 0 only if all passed.
// `--project <dir>` instead takes a folder that already holds a generated or migrated project (its
// dagger-stack.json gives the spec) and does the same with a copy of it.
import { parseArgs } from "node:util";
import {
  buildCli,
  buildRun,
  buildRunProject,
  ensureBuiltCli,
  report,
  staleCliProblem,
  standInProblem,
} from "../test/support/build-run/index.js";

const USAGE = "usage: npm run build-run -- (--spec <file> | --project <dir>) [--build] [--keep] [--verbose]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string" },
      project: { type: "string" },
      build: { type: "boolean" },
      keep: { type: "boolean" },
      verbose: { type: "boolean" },
    },
  });
  if (!values.spec === !values.project) {
    console.error(USAGE);
    return 2;
  }
  const problem = standInProblem();
  if (problem) {
    console.error(`build-run: cannot run: ${problem}`);
    return 1;
  }
  await (values.build ? buildCli() : ensureBuiltCli());
  const stale = staleCliProblem();
  if (stale) console.error(`build-run: warning: ${stale} (or pass --build)`);
  const common = {
    keep: values.keep ? ("always" as const) : ("on-failure" as const),
    ...(values.verbose ? { log: (line: string) => console.error(`build-run: ${line}`) } : {}),
  };
  const result = values.project
    ? await buildRunProject({ projectDir: values.project, ...common })
    : await buildRun({ specFile: values.spec as string, ...common });
  for (const line of report(result)) console.log(line);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`build-run: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
