import { applyEdits, type FormattingOptions, modify, type ParseError, parse } from "jsonc-parser";
import { globRegExp } from "../../util/glob.js";
import { detectLayout } from "./format.js";

/**
 * Keeps a project's root tsconfig from compiling the stack's files, which have a tsconfig of their own:
 * under the project's settings (say `moduleResolution: node`) they would not type-check. Only a tsconfig
 * whose `include` takes them in is edited, and only `exclude` changes, in place: comments, trailing
 * commas and the rest of the layout stay. An `exclude` replaces tsc's default one, so a new list starts
 * with what tsc excluded before (node_modules, bower_components, jspm_packages and the outDir).
 */
export interface TsconfigExclusion {
  /** The edited text, or undefined when nothing needs to change. */
  text?: string;
  /** What was added to `exclude`. */
  added: string[];
  /** Why the file could not be read, when it could not. */
  problem?: string;
}

interface Tsconfig {
  extends?: unknown;
  include?: unknown;
  exclude?: unknown;
  files?: unknown;
  compilerOptions?: { outDir?: unknown };
}

/** The folders and files to exclude, each with the generated files below it that tsc must not see. */
export interface StackEntry {
  exclude: string;
  files: readonly string[];
}

/** `readBase` reads a config the tsconfig extends, by its path relative to the tsconfig. */
export function excludeStackFromTsconfig(
  text: string,
  entries: readonly StackEntry[],
  readBase: (path: string) => string | undefined = () => undefined,
): TsconfigExclusion {
  const own = parseTsconfig(text);
  if (!own) return { added: [], problem: "it is not valid JSON with comments" };
  const base = baseConfig(own, readBase);
  const include = listOf(own.include) ?? (own.files !== undefined ? [] : (listOf(base?.include) ?? ["**/*"]));
  const exclude = listOf(own.exclude) ?? listOf(base?.exclude) ?? defaultExclude(own, base);
  const added = entries
    .filter((entry) => entry.files.some((file) => covered(include, file) && !covered(exclude, file)))
    .map((entry) => entry.exclude);
  if (added.length === 0) return { added };
  return { text: writeExclude(text, listOf(own.exclude), exclude, added), added };
}

function parseTsconfig(text: string): Tsconfig | undefined {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  return errors.length === 0 && value && typeof value === "object" ? (value as Tsconfig) : undefined;
}

/** A base in the same folder (`./tsconfig.base.json`): its include and exclude are ours unless we set our own. */
function baseConfig(own: Tsconfig, readBase: (path: string) => string | undefined): Tsconfig | undefined {
  if (typeof own.extends !== "string" || !/^\.\/[^/]+$/.test(own.extends)) return undefined;
  const path = own.extends.endsWith(".json") ? own.extends : `${own.extends}.json`;
  const text = readBase(path);
  return text === undefined ? undefined : parseTsconfig(text);
}

function defaultExclude(own: Tsconfig, base: Tsconfig | undefined): string[] {
  const outDir = own.compilerOptions?.outDir ?? base?.compilerOptions?.outDir;
  return [
    "node_modules",
    "bower_components",
    "jspm_packages",
    ...(typeof outDir === "string" ? [outDir] : []),
  ];
}

function listOf(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
}

/** tsc's reading of include/exclude: a last part without wildcard or extension is a folder and all below. */
function covered(patterns: readonly string[], file: string): boolean {
  return patterns.some((pattern) => {
    const clean = pattern.replace(/^\.\//, "").replace(/\/+$/, "");
    const last = clean.split("/").at(-1) ?? "";
    const isFolder = !/[*?]/.test(last) && !/\.[A-Za-z0-9]+$/.test(last);
    return globRegExp(isFolder ? `${clean}/**/*` : clean).test(file) || clean === file;
  });
}

function writeExclude(text: string, own: string[] | undefined, current: string[], added: string[]): string {
  const layout = detectLayout(text);
  const formattingOptions: FormattingOptions = {
    insertSpaces: !layout.indent.includes("\t"),
    tabSize: layout.indent.includes("\t") ? 1 : layout.indent.length,
    eol: layout.eol,
  };
  if (own === undefined) {
    return applyEdits(text, modify(text, ["exclude"], [...current, ...added], { formattingOptions }));
  }
  let edited = text;
  added.forEach((entry, index) => {
    const at = own.length + index;
    edited = applyEdits(
      edited,
      modify(edited, ["exclude", at], entry, { formattingOptions, isArrayInsertion: true }),
    );
  });
  return edited;
}
