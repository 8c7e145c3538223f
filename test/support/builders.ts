import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import type { Problem } from "../../src/errors.js";
import type { NormalizedService, NormalizedStack } from "../../src/spec/model.js";
import { normalizeSpec } from "../../src/spec/normalize.js";
import { type StackSpec, type StackSpecInput, stackSpec } from "../../src/spec/schema.js";
import { validateSpec } from "../../src/spec/validate.js";
import { memoryReader, VirtualTree } from "../../src/tree/tree.js";

/**
 * Small builders for specs, stacks and trees, in the spirit of changesets' test-utils: a test states only
 * what it is about, everything else is a valid default.
 */
export type ServiceInput = StackSpecInput["services"][number];

/** A service of `kind`, named after it unless the overrides say otherwise. */
export function service(kind: string, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return { name: kind, kind, ...overrides };
}

/** A custom container (the kind that needs an image). */
export function custom(name: string, overrides: Partial<ServiceInput> = {}): ServiceInput {
  return { name, kind: "custom", image: "python:3.12.14-slim-bookworm", ...overrides };
}

/** A raw spec with these services; `name` defaults to "demo". */
export function spec(services: ServiceInput[], overrides: Partial<StackSpecInput> = {}): StackSpecInput {
  return { name: "demo", services, ...overrides };
}

/** Parses with the zod schema, failing the test if the input does not even parse. */
export function parsed(input: StackSpecInput): StackSpec {
  return stackSpec.parse(input);
}

/** Every problem validateSpec() finds in the input. */
export function problemsOf(input: StackSpecInput): Problem[] {
  return validateSpec(parsed(input));
}

/** The one problem at `path`, failing loudly when there is none or several. */
export function problemAt(input: StackSpecInput, path: string): Problem {
  const problems = problemsOf(input);
  const found = problems.filter((problem) => problem.path === path);
  if (found.length !== 1) {
    throw new Error(
      `expected one problem at ${path}, got ${found.length}: ${JSON.stringify(problems, null, 2)}`,
    );
  }
  return found[0] as Problem;
}

/** A normalised stack from an input that must be valid. */
export function normalized(input: StackSpecInput): NormalizedStack {
  const spec = parsed(input);
  const problems = validateSpec(spec);
  if (problems.length > 0) throw new Error(`invalid test spec: ${JSON.stringify(problems, null, 2)}`);
  return normalizeSpec(spec);
}

/** The normalised service called `name`. */
export function serviceOf(stack: NormalizedStack, name: string): NormalizedService {
  const found = stack.services.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no service ${name} in ${stack.services.map((s) => s.name).join(", ")}`);
  return found;
}

/** A virtual tree over in-memory files (an empty folder by default). */
export function memoryTree(files: Readonly<Record<string, string>> = {}): VirtualTree {
  return new VirtualTree(memoryReader(files));
}

const SPECS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures", "specs");

/** Names of the example specs in test/fixtures/specs, without `.yaml`. */
export function fixtureSpecNames(): string[] {
  return readdirSync(SPECS_DIR)
    .filter((file) => file.endsWith(".yaml"))
    .map((file) => basename(file, ".yaml"))
    .sort();
}

/** The raw (unparsed) content of an example spec. */
export function fixtureSpec(name: string): unknown {
  return parseYaml(readFileSync(join(SPECS_DIR, `${name}.yaml`), "utf8"));
}
