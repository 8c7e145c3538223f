import { pyFormattedString } from "../../render/escape.js";
import { anchorError, type PyFile } from "./file.js";
import { appendItem, insertLinesAfter } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { lineIndent, restyle } from "./style.js";
import {
  type ChainCall,
  chainCalls,
  children,
  namedChildren,
  requireClass,
  requireMethod,
  returnedExpression,
  stringItems,
  stringValue,
} from "./syntax.js";

/**
 * Editors inside a builder's method chain (`return (dag.container().from_(...)...)`), for extensions added
 * to an existing service. Lines are chain lines as create renders them, at column 0, in TEMPLATE_STYLE.
 */
export interface ExtensionBuildChange {
  /** apt packages the builder must install now. */
  aptPackages: readonly string[];
  /** The chain lines that install them, for a builder that has no apt step yet. */
  aptInstallLines: string;
  /** Packages a new image already has (pg_search's image ships pgvector): create would not install them. */
  providedPackages?: {
    packages: readonly string[];
    /** The install step as create wrote it before: removed whole if no package is left and it is unchanged. */
    previousLines: string;
    noneLeft: boolean;
  };
  /**
   * Server arguments: what create wrote before (replaced only if still so), the new ones, the call that
   * sets them, and the step's lines (comment and call) for a builder that sets none.
   */
  serverArgs?: { previous: readonly string[]; next: readonly string[]; call: string; lines: string };
}

/** Returns notes for the parts it left to the user (their own server arguments, their own install step). */
export function addExtensionToBuilder(
  file: PyFile,
  stackClass: string,
  builder: string,
  change: ExtensionBuildChange,
): string[] {
  const notes: string[] = [];
  if (change.providedPackages) {
    notes.push(...removeProvidedPackages(file, stackClass, builder, change.providedPackages));
  }
  if (change.aptPackages.length > 0) {
    addAptPackages(file, stackClass, builder, change.aptPackages, change.aptInstallLines);
  }
  if (change.serverArgs) notes.push(...setServerArgs(file, stackClass, builder, change.serverArgs));
  return notes;
}

export function builderMethod(file: PyFile, stackClass: string, builder: string): SyntaxNode {
  return requireMethod(file, requireClass(file, stackClass), builder);
}

function builderChain(file: PyFile, stackClass: string, builder: string): ChainCall[] {
  const chain = returnedExpression(builderMethod(file, stackClass, builder));
  const calls = chain ? chainCalls(chain) : [];
  if (calls.length === 0) throw anchorError(file, `the \`return (dag...)\` chain in ${builder}()`);
  return calls;
}

/** Into the existing `apt-get install` exec if there is one, else as new steps right after `.from_(...)`. */
function addAptPackages(
  file: PyFile,
  stackClass: string,
  builder: string,
  packages: readonly string[],
  installLines: string,
): void {
  const exec = aptExec(builderChain(file, stackClass, builder));
  if (exec) {
    for (const name of packages) {
      const list = aptList(builderChain(file, stackClass, builder));
      if (list && !(stringItems(namedChildren(list)) ?? []).includes(name))
        appendItem(file, list, pyFormattedString(name));
    }
    return;
  }
  const from = builderChain(file, stackClass, builder).findLast((call) => call.name === "from_");
  if (!from) throw anchorError(file, `\`.from_(...)\` in the chain ${builder}() returns`);
  insertLinesAfter(file, from.call.endIndex, installLines, callIndent(file, from));
}

function aptExec(calls: readonly ChainCall[]): ChainCall | undefined {
  return calls.find((call) => call.name === "with_exec" && isAptInstall(firstArgument(call.call)));
}

function aptList(calls: readonly ChainCall[]): SyntaxNode | undefined {
  const exec = aptExec(calls);
  return exec ? firstArgument(exec.call) : undefined;
}

function firstArgument(call: SyntaxNode): SyntaxNode | undefined {
  const args = call.childForFieldName("arguments");
  return args ? namedChildren(args).find((child) => child.type !== "comment") : undefined;
}

function isAptInstall(list: SyntaxNode | undefined): boolean {
  return (
    list?.type === "list" &&
    namedChildren(list).some((item) => stringValue(item)?.includes("apt-get install"))
  );
}

/**
 * Drops packages from the apt exec; when none is left, the whole install step goes, but only if it is
 * still exactly what create wrote (comments included), so that nothing of the user's is lost.
 */
function removeProvidedPackages(
  file: PyFile,
  stackClass: string,
  builder: string,
  provided: NonNullable<ExtensionBuildChange["providedPackages"]>,
): string[] {
  if (
    provided.noneLeft &&
    removeInstallStep(file, builderChain(file, stackClass, builder), provided.previousLines)
  ) {
    return [];
  }
  for (const name of provided.packages)
    removeListString(file, aptList(builderChain(file, stackClass, builder)), name);
  if (!provided.noneLeft) return [];
  return [`${file.path}: ${builder}() has an apt install step with no packages left; you may remove it`];
}

function removeListString(file: PyFile, list: SyntaxNode | undefined, value: string): void {
  const items = list ? namedChildren(list).filter((item) => item.type !== "comment") : [];
  const index = items.findIndex((item) => stringValue(item) === value);
  const item = items[index];
  if (!list || !item) return;
  const ownLine = item.startPosition.row !== list.startPosition.row;
  if (ownLine) {
    const comma = item.nextSibling?.type === "," ? item.nextSibling : undefined;
    const lineStartIndex = file.text.lastIndexOf("\n", item.startIndex - 1);
    file.replace(lineStartIndex, (comma ?? item).endIndex, "");
    return;
  }
  const previous = items[index - 1];
  if (previous) file.replace(previous.endIndex, item.endIndex, "");
  else {
    const next = items[index + 1];
    file.replace(item.startIndex, next ? next.startIndex : item.endIndex, "");
  }
}

/** The cache mount and apt exec, with the comment above them, if they read as `previousLines`. */
function removeInstallStep(file: PyFile, calls: readonly ChainCall[], previousLines: string): boolean {
  const exec = aptExec(calls);
  const index = exec ? calls.indexOf(exec) : -1;
  const cache = calls[index + 1];
  const receiver = cache?.attribute.childForFieldName("object");
  if (!exec || cache?.name !== "with_mounted_cache" || !receiver) return false;
  const written = file.text.slice(receiver.endIndex, exec.call.endIndex);
  if (collapse(written) !== collapse(restyle(previousLines, file.style, ""))) return false;
  file.replace(receiver.endIndex, exec.call.endIndex, "");
  return true;
}

function collapse(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

/**
 * `.with_default_args([...])` before `.with_exposed_port(...)`, as create orders them; an existing one is
 * replaced only while it still holds the arguments create wrote.
 */
function setServerArgs(
  file: PyFile,
  stackClass: string,
  builder: string,
  args: NonNullable<ExtensionBuildChange["serverArgs"]>,
): string[] {
  const calls = builderChain(file, stackClass, builder);
  const existing = calls.find((call) => call.name === "with_default_args");
  const list = existing ? firstArgument(existing.call) : undefined;
  if (existing && list?.type === "list") {
    const current = stringItems(namedChildren(list).filter((item) => item.type !== "comment"));
    if (sameList(current, args.next)) return [];
    if (!sameList(current, args.previous)) {
      return [
        `${file.path}: ${builder}() sets its own server arguments; make sure they include ${args.next.join(" ")}`,
      ];
    }
    const dot = children(existing.attribute).find((child) => child.type === ".");
    const start = dot?.startIndex ?? existing.call.startIndex;
    file.replace(
      start,
      existing.call.endIndex,
      restyle(args.call, file.style, callIndent(file, existing)).trimStart(),
    );
    return [];
  }
  const expose = calls.find((call) => call.name === "with_exposed_port");
  const before = expose?.attribute.childForFieldName("object") ?? calls[0]?.call;
  const indentOf = expose ?? calls[0];
  if (!before || !indentOf) return [];
  insertLinesAfter(file, before.endIndex, args.lines, callIndent(file, indentOf));
  return [];
}

/** The indentation of the line where `.name(` of a chained call starts. */
function callIndent(file: PyFile, call: ChainCall): string {
  const dot = children(call.attribute).find((child) => child.type === ".");
  return lineIndent(file.text, dot?.startIndex ?? call.call.startIndex);
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((item, index) => item === b[index]);
}
