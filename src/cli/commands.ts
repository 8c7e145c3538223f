/**
 * The commands' modules, loaded together once main() knows a command runs: one chunk instead of one per
 * command and the pieces they share, which start-up pays for per file. What is heavy within a command
 * (add's planner and ts-morph, the prompt flow, the JSON Schema code) stays behind its own import.
 */
export { runAdd } from "./add/run.js";
export { runCreate } from "./create/run.js";
export { runSchema } from "./schema-command.js";
