import { matchesGlob } from "../../util/glob.js";
import { folderOf, languageOf, localImports } from "./tests-imports.js";
import type { WiredRunner } from "./tests-model.js";

/**
 * Which of the user's tests the stack run includes. A test needs the stack when it reads one of the
 * `testEnv` variables, or imports (through the project's own modules) code that does: that is how it
 * reached the compose services before. The stack run takes such tests by the folder they live in when
 * that folder is, by its name, where the project keeps its integration tests (`tests/integration`,
 * `e2e`, ...): the project's own convention, so tests added there later get the stack too, and no unit
 * test is swept in. A test that needs the stack anywhere else is taken alone, by its path.
 */
export interface SelectionInput {
  runner: WiredRunner;
  sourceFiles: readonly string[];
  read: (path: string) => string | undefined;
  variables: readonly string[];
  /** The stack's own files (generated stack and tests): never one of the user's tests. */
  isStackFile: (path: string) => boolean;
  /** The runner's test-file globs when the user's config names them (vitest `include`). */
  testPatterns?: readonly string[];
}

export interface BoundTest {
  path: string;
  /** Why it needs the stack: "reads DATABASE_URL", or "imports src/db.ts, which reads DATABASE_URL". */
  reason: string;
}

export interface TestSelection {
  bound: BoundTest[];
  /** Integration-test folders the stack run takes whole. */
  folders: string[];
  /** Tests outside those folders, taken one by one. */
  files: string[];
  /** The test-file endings in the folders, e.g. `.test.ts`, for runners that select files by glob. */
  suffixes: string[];
}

const INTEGRATION_FOLDER = /^(?:integration|integration[-_]tests?|e2e|it|functional|system[-_]tests?)$/i;

export function selectStackTests(input: SelectionInput): TestSelection {
  const files = new Set(input.sourceFiles);
  const readers = envReaders(input);
  const reaches = reachability(input, files, readers);
  const bound = input.sourceFiles
    .filter((path) => !input.isStackFile(path) && isTestFile(input, path))
    .flatMap((path) => {
      const reason = reaches(path);
      return reason ? [{ path, reason }] : [];
    });
  const folders = [...new Set(bound.flatMap(({ path }) => integrationFolder(path) ?? []))].sort();
  const alone = bound.map(({ path }) => path).filter((path) => integrationFolder(path) === undefined);
  const suffixes = [...new Set(bound.flatMap(({ path }) => testSuffix(path) ?? []))].sort();
  return { bound, folders, files: alone, suffixes };
}

/** Files that read a variable, with the first one they read. Python settings classes read by field name. */
function envReaders(input: SelectionInput): Map<string, string> {
  const readers = new Map<string, string>();
  const patterns = input.variables.map((variable) => ({
    variable,
    exact: new RegExp(`\\b${variable}\\b`),
    anyCase: new RegExp(`\\b${variable}\\b`, "i"),
  }));
  for (const path of input.sourceFiles) {
    if (input.isStackFile(path)) continue;
    const text = input.read(path) ?? "";
    const python = languageOf(path) === "python";
    const found = patterns.find(({ exact, anyCase }) => (python ? anyCase : exact).test(text));
    if (found) readers.set(path, found.variable);
  }
  return readers;
}

/** For a file, why it reaches a reader through local imports ("reads X" / "imports a, which reads X"). */
function reachability(
  input: SelectionInput,
  files: ReadonlySet<string>,
  readers: ReadonlyMap<string, string>,
): (path: string) => string | undefined {
  // Chains found are kept for the next test; a dead end only within one search (a cycle may cut it short).
  const found = new Map<string, string[]>();
  const chainFrom = (path: string, visited: Set<string>): string[] | undefined => {
    const known = found.get(path);
    if (known) return known;
    if (readers.has(path)) return [path];
    if (visited.has(path)) return undefined;
    visited.add(path);
    for (const target of localImports(path, input.read(path) ?? "", files)) {
      if (input.isStackFile(target)) continue;
      const rest = chainFrom(target, visited);
      if (rest) {
        const chain = [path, ...rest];
        found.set(path, chain);
        return chain;
      }
    }
    return undefined;
  };
  return (path) => {
    const chain = chainFrom(path, new Set());
    if (!chain) return undefined;
    const reader = chain.at(-1) as string;
    const variable = readers.get(reader);
    if (chain.length === 1) return `reads ${variable}`;
    return `imports ${chain.slice(1).join(" → ")}, which reads ${variable}`;
  };
}

const TEST_FILE: Record<WiredRunner, RegExp> = {
  vitest: /\.(?:test|spec)\.[cm]?[jt]sx?$/,
  jest: /(?:^|\/)__tests__\/.*\.[jt]sx?$|(?:^|[./])(?:test|spec)\.[jt]sx?$/,
  pytest: /(?:^|\/)(?:test_[^/]*|[^/]*_test)\.py$/,
};

function isTestFile(input: SelectionInput, path: string): boolean {
  const patterns = input.testPatterns?.filter((pattern) => !/[?+@!]\(/.test(pattern));
  if (patterns && patterns.length > 0) return patterns.some((pattern) => matchesGlob(pattern, path));
  return TEST_FILE[input.runner].test(path);
}

/** The folder, up to the first one named for integration tests, or undefined. */
export function integrationFolder(path: string): string | undefined {
  const parts = folderOf(path).split("/").filter(Boolean);
  const index = parts.findIndex((part) => INTEGRATION_FOLDER.test(part));
  return index === -1 ? undefined : parts.slice(0, index + 1).join("/");
}

function testSuffix(path: string): string | undefined {
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/.exec(path)?.[0];
}
