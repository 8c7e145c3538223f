import { isInteractive } from "../cli/interactive.js";
import { serviceGenerator } from "./service-generator.js";
import { stackGenerator } from "./stack-generator.js";

/**
 * The plop plugin: `await plop.load("create-dagger-stack/plop")` in a plopfile registers `dagger-stack`
 * (create's questions) and `dagger-service` (add's). Their one action runs create-dagger-stack itself, so
 * dry runs, conflicts, rollback, locks and running twice behave as on the command line. Only the shapes
 * of plop's API this plugin uses are declared here: the package does not depend on plop.
 */
export interface PlopPrompt {
  type: string;
  name: string;
  message: unknown;
  [option: string]: unknown;
}

/** A plop action function: resolves with the line plop prints, rejects to fail the run. */
export type PlopAction = (answers: Record<string, unknown>, config?: { force?: boolean }) => Promise<string>;

export interface PlopGeneratorConfig {
  description: string;
  prompts: PlopPrompt[];
  actions: PlopAction[];
}

export interface PlopApi {
  setGenerator(name: string, config: PlopGeneratorConfig): unknown;
  /** Where plop writes: the plopfile's folder, or `--dest`. */
  getDestBasePath(): string;
}

export default async function daggerStackPlop(plop: PlopApi): Promise<void> {
  const dest = plop.getDestBasePath();
  // Questions plop did not get from its arguments are asked only of a person at a terminal, as by the CLI.
  const asking = isInteractive({ stdin: process.stdin, stdout: process.stdout, env: process.env });
  plop.setGenerator("dagger-stack", stackGenerator(dest, asking));
  plop.setGenerator("dagger-service", serviceGenerator(dest, asking));
}
