import { parseDocument } from "yaml";
import { type Problem, UsageError } from "../../src/errors.js";
import { loadStack } from "../../src/spec/load.js";
import { isService, type NormalizedStack } from "../../src/spec/model.js";
import type { StackSpecInput } from "../../src/spec/schema.js";
import { credentialReason } from "../../src/spec/secrets.js";
import { generate } from "../golden/generate.js";
import { CREDENTIAL_VALUES, SECRET_MARKER } from "./arbitraries.js";
import { checkPython, pythonCommand } from "./support/python.js";
import { checkOneProject, checkProjects, type ProjectFiles, stringLiterals } from "./support/typescript.js";

/**
 * What must hold for any spec: it is rejected with a UsageError whose every problem carries a spec path
 * and a hint, or it generates a project whose files parse, whose TypeScript type-checks and whose Python
 * compiles, in which every user string arrives exactly, no credential appears, and which a second run
 * leaves unchanged. Checks that need a compiler run in batches (compileAll); the rest run per case.
 */
export type Outcome =
  | { type: "rejected"; problems: Problem[] }
  | { type: "generated"; stack: NormalizedStack; files: ProjectFiles; expected: string[] };

const SPEC_PATH = /^(name|language|services|matrix|ci|nodeVersions|pythonVersions|\$schema)\b|^\(spec\)$/;
const CONTROL = /\p{Cc}/u;

export function examine(spec: StackSpecInput): Outcome {
  let stack: NormalizedStack;
  try {
    stack = loadStack(structuredClone(spec), "spec.yaml");
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    checkRejection(error.problems);
    return { type: "rejected", problems: error.problems };
  }
  const { files, plan } = generate(stack);
  fail(leaks(files, spec), "credentials in generated files");
  fail(unparsable(files), "files that do not parse");
  const rerun = generate(loadStack(structuredClone(spec), "spec.yaml"), files);
  fail(rerun.changed, "a second run changed files");
  fail(secretsIn(plan.notes.join("\n"), spec), "credentials in notes");
  const expected = expectedStrings(stack);
  if (stack.language === "typescript")
    fail(missing(expected, typeScriptStrings(files)), "strings lost in TypeScript");
  return { type: "generated", stack, files, expected };
}

function checkRejection(problems: Problem[]): void {
  if (problems.length === 0) throw new Error("a UsageError without problems");
  for (const problem of problems) {
    const shown = JSON.stringify(problem);
    if (!SPEC_PATH.test(problem.path)) throw new Error(`a problem without a spec path: ${shown}`);
    if (!problem.message || !problem.hint) throw new Error(`a problem without a message or hint: ${shown}`);
    const text = `${problem.path} ${problem.message} ${problem.hint}`;
    if (CONTROL.test(text)) throw new Error(`a problem that prints a control character: ${shown}`);
    if (CREDENTIAL_VALUES.some((value) => text.includes(value)))
      throw new Error(`a problem shows a credential: ${shown}`);
  }
}

/** Every user string that must reach the generated code as a whole string literal. */
function expectedStrings(stack: NormalizedStack): string[] {
  return stack.services.flatMap((service) => [
    // Only a service that listens has an alias and a smoke test over HTTP; a container has neither.
    ...(isService(service) ? [service.name] : []),
    ...(service.image !== undefined ? [service.image] : []),
    ...(service.build ? [service.build.context, service.build.dockerfile] : []),
    ...service.mounts.flatMap((mount) => ("source" in mount ? [mount.source, mount.target] : [mount.target])),
    ...service.env.flatMap((entry) => (entry.type === "literal" ? [entry.value] : [])),
    ...service.command,
    ...service.packages.apt,
    ...service.packages.pip,
    ...(service.healthPath !== undefined && isService(service) ? [service.healthPath] : []),
    ...(service.database !== undefined ? [service.database] : []),
    ...(service.user !== undefined ? [service.user] : []),
  ]);
}

function typeScriptStrings(files: ProjectFiles): Set<string> {
  return new Set(
    Object.entries(files)
      .filter(([path]) => /\.m?ts$/.test(path))
      .flatMap(([path, text]) => stringLiterals(path, text)),
  );
}

const missing = (expected: string[], found: Set<string>) => expected.filter((value) => !found.has(value));

/**
 * Credential env values of the spec (by shape or by name) found in any file. Only values that cannot
 * occur in generated code by chance are looked for: the known credentials and values with the marker.
 */
function leaks(files: ProjectFiles, spec: StackSpecInput): string[] {
  return Object.entries(files).flatMap(([path, text]) =>
    secretsIn(text, spec).map((secret) => `${path}: ${secret}`),
  );
}

function secretsIn(text: string, spec: StackSpecInput): string[] {
  const entries = spec.services.flatMap((service) =>
    Object.entries(service.env ?? {}).map(([name, value]) => ({ name, value: String(value) })),
  );
  const credential = ({ name, value }: { name: string; value: string }) =>
    credentialReason(name, value) !== undefined;
  const plain = entries.filter((entry) => !credential(entry)).map((entry) => entry.value);
  const secrets = entries
    .filter(credential)
    .map((entry) => entry.value)
    .filter((value) => CREDENTIAL_VALUES.includes(value) || value.includes(SECRET_MARKER))
    // The same text as a plain value elsewhere is written on purpose.
    .filter((value) => !plain.some((other) => other.includes(value)));
  return secrets.filter((secret) => text.includes(secret));
}

function unparsable(files: ProjectFiles): string[] {
  return Object.entries(files).flatMap(([path, text]) => {
    if (path.endsWith(".json")) {
      try {
        JSON.parse(text);
      } catch (error) {
        return [`${path}: ${String(error)}`];
      }
    }
    if (/\.ya?ml$/.test(path)) {
      const errors = parseDocument(text, { uniqueKeys: true }).errors;
      if (errors.length > 0) return [`${path}: ${errors[0]?.message}`];
    }
    return [];
  });
}

function fail(found: readonly string[], what: string): void {
  if (found.length > 0) throw new Error(`${what}:\n${found.slice(0, 10).join("\n")}`);
}

export interface CompileFailure {
  /** Index into the batch. */
  index: number;
  errors: string[];
}

/**
 * Type-checks every TypeScript project in one Program and compiles every Python project in one Python
 * process; Python's string constants are checked against the expected strings here too.
 */
export function compileAll(outcomes: readonly Extract<Outcome, { type: "generated" }>[]): {
  failures: CompileFailure[];
  other: string[];
  python: boolean;
} {
  const failures: CompileFailure[] = [];
  const byLanguage = (language: string) =>
    outcomes
      .map((outcome, index) => ({ outcome, index }))
      .filter(({ outcome }) => outcome.stack.language === language);
  const typescript = byLanguage("typescript");
  const checked = checkProjects(typescript.map(({ outcome }) => outcome.files));
  for (const { index, errors } of checked.projects)
    failures.push({ index: typescript[index]?.index ?? -1, errors });
  const python = pythonCommand();
  const pythonCases = byLanguage("python");
  if (python && pythonCases.length > 0) {
    const results = checkPython(
      python,
      pythonCases.map(({ outcome }) => outcome.files),
    );
    results.forEach((result, position) => {
      const { outcome, index } = pythonCases[position] ?? {};
      if (!outcome || index === undefined) return;
      const lost = missing(outcome.expected, new Set(result.strings)).map(
        (value) => `string lost: ${JSON.stringify(value)}`,
      );
      if (result.errors.length + lost.length > 0)
        failures.push({ index, errors: [...result.errors, ...lost] });
    });
  }
  return { failures, other: checked.other, python: python !== undefined };
}

/** The compile checks of one case on its own (for shrinking and for kept regressions). */
export function compileOne(outcome: Extract<Outcome, { type: "generated" }>): string[] {
  if (outcome.stack.language === "typescript") return checkOneProject(outcome.files);
  const { failures, other } = compileAll([outcome]);
  return [...other, ...(failures[0]?.errors ?? [])];
}
