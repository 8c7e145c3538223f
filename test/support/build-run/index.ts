/**
 * Build-run: generate a project from a spec with the built CLI, install, type-check and run its own tests
 * against the engine stand-in and real servers, and check the pipeline it recorded.
 */
export { BUILT_CLI_COMMAND, buildCli, type CliCommand, ensureBuiltCli, staleCliProblem } from "./cli.js";
export { type LanguageHook, languageHook, type ProjectUnderTest, type TestRun } from "./languages/index.js";
export { dependencyStore, dependencyUnion, storeIsReady } from "./languages/typescript/dependency-store.js";
export { checkRunPipeline, checkStackPipeline, failed, withProjectRelativePaths } from "./pipeline/index.js";
export { postgresSettingsFor } from "./postgres-settings.js";
export { prepareBuildRuns } from "./prepare.js";
export {
  buildRunSkipReason,
  languageSkipReason,
  realServersProblem,
  standInProblem,
} from "./prerequisites.js";
export { buildRunProject, type ProjectRunOptions, projectStorePackages } from "./project.js";
export type { ServersHere } from "./real-servers.js";
export { type BuildRunOptions, buildRun } from "./run.js";
export { selectTests } from "./selection.js";
export { describeUnit, exclusionLines, failureLines, realRunLine, report, summaryLine } from "./summary.js";
export type * from "./types.js";
