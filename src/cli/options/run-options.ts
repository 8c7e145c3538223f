import type { OptionDef } from "./types.js";

/** Options about the run itself; they never land in the spec. */
export const RUN_OPTIONS: readonly OptionDef[] = [
  {
    name: "spec",
    type: "string",
    value: "<file>",
    description:
      "Read every answer from a JSON or YAML spec (`create-dagger-stack schema` prints its schema)",
    example: "--spec stack.yaml",
    multiple: false,
    group: "run",
  },
  {
    name: "yes",
    short: "y",
    type: "boolean",
    description: "Take the defaults for everything not given",
    group: "run",
  },
  {
    name: "dry-run",
    type: "boolean",
    description: "List what would be created or changed; write nothing",
    group: "run",
  },
  { name: "diff", type: "boolean", description: "Also print a unified diff of every change", group: "run" },
  { name: "force", type: "boolean", description: "Overwrite generated files you have changed", group: "run" },
  {
    name: "upgrade-deps",
    type: "boolean",
    description:
      "Raise your typescript or vitest range when it allows versions too old for the generated code",
    group: "run",
  },
  {
    name: "interactive",
    type: "boolean",
    description:
      "Force prompts on (--no-interactive: off); default: on when stdin and stdout are terminals and CI is unset",
    group: "run",
  },
  { name: "help", short: "h", type: "boolean", description: "Show this help", group: "run" },
  { name: "version", short: "v", type: "boolean", description: "Print the version", group: "run" },
];

export type SwitchName =
  | "module"
  | "yes"
  | "dry-run"
  | "diff"
  | "force"
  | "upgrade-deps"
  | "interactive"
  | "help"
  | "version";
