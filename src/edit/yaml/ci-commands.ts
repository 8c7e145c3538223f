/**
 * What the shell commands of a CI job do, as far as migrate needs to know: which lines start or stop
 * docker compose services (they go: the stack replaces them), which run commands inside compose
 * containers (then the job cannot simply switch to the stack), and which run the tests.
 */
/** `mixed`: compose chained with other commands on one line, which the job cannot keep half of. */
export type CommandKind = "compose" | "compose-container" | "mixed" | "other" | "blank";

export interface ComposeCommand {
  subcommand: string;
  /** The services named on the line; empty for all of them. */
  services: string[];
}

const COMPOSE = /^(?:sudo\s+)?(?:docker\s+compose|docker-compose)\b(.*)$/;
/** Subcommands that run a command in a container: the job's tests run inside compose, not on the runner. */
const IN_CONTAINER = new Set(["run", "exec"]);
/** Global options of `docker compose` that take a value. */
const VALUE_OPTIONS = new Set([
  "-f",
  "--file",
  "-p",
  "--project-name",
  "--profile",
  "--env-file",
  "--project-directory",
  "--ansi",
  "--progress",
]);
/** Options of the subcommands that take a value (`up --wait-timeout 60`, `down --timeout 5`, ...). */
const SUB_VALUE_OPTIONS = new Set([
  "-t",
  "--timeout",
  "--wait-timeout",
  "--scale",
  "--pull",
  "--exit-code-from",
  "--attach",
  "--no-attach",
  "--rmi",
]);

export function composeCommand(line: string): ComposeCommand | undefined {
  const match = COMPOSE.exec(line.trim());
  if (!match) return undefined;
  const words = (match[1] ?? "").trim().split(/\s+/).filter(Boolean);
  let index = 0;
  while (index < words.length && (words[index] as string).startsWith("-")) {
    const word = words[index] as string;
    index += VALUE_OPTIONS.has(word) ? 2 : 1;
  }
  const subcommand = words[index] ?? "";
  const services: string[] = [];
  for (index += 1; index < words.length; index++) {
    const word = words[index] as string;
    if (word.startsWith("-")) {
      if (SUB_VALUE_OPTIONS.has(word)) index++;
      continue;
    }
    services.push(word);
  }
  return { subcommand, services };
}

/** How one line of a script reads. */
export function commandKind(line: string): CommandKind {
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return "blank";
  const parts = trimmed.split(/\s*(?:&&|\|\||;)\s*/).filter(Boolean);
  const compose = parts.map(composeCommand);
  if (compose.some((command) => command && IN_CONTAINER.has(command.subcommand))) return "compose-container";
  if (compose.every((command) => command !== undefined)) return "compose";
  return compose.some((command) => command !== undefined) ? "mixed" : "other";
}

/** Every service the compose lines of a script start or stop by name. */
export function composeServices(lines: readonly string[]): string[] {
  return lines.flatMap((line) =>
    line
      .trim()
      .split(/\s*(?:&&|\|\||;)\s*/)
      .flatMap((part) => composeCommand(part)?.services ?? []),
  );
}

const TEST_COMMAND =
  /\b(?:(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?test\b|npx\s+(?:vitest|jest)\b|vitest\b|jest\b|pytest\b|tox\b|nox\b|make\s+test\b)/;

/** A line that runs the project's tests: the step after which the Dagger step goes. */
export function runsTests(script: string): boolean {
  return script.split("\n").some((line) => commandKind(line) === "other" && TEST_COMMAND.test(line));
}
