import { pyFormattedString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import {
  type BuilderChainEdits,
  type ExtensionBuildChangeOf,
  extensionEditor,
  sameCode,
} from "../shared/builder-chain.js";
import { lineIndent } from "../shared/indent.js";
import type { PyFile } from "./file.js";
import { appendItem, insertLinesAfter } from "./insert.js";
import type { SyntaxNode } from "./parser.js";
import { restyle } from "./style.js";
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
 * to an existing service. Lines are chain lines as create renders them, at column 0, in TEMPLATE_STYLE,
 * joined into one fragment.
 */
export type ExtensionBuildChange = ExtensionBuildChangeOf<
  string,
  {
    /** The call that sets the new server arguments, replacing one that still holds what create wrote. */
    call: string;
  }
>;

/** Returns notes for the parts it left to the user (their own server arguments, their own install step). */
export const addExtensionToBuilder = extensionEditor(chainEdits);

/** The edits of one builder's chain, each on a fresh parse of the text the one before left. */
function chainEdits(
  file: PyFile,
  stackClass: string,
  builder: string,
): BuilderChainEdits<ExtensionBuildChange> {
  const calls = () => builderChain(file, stackClass, builder);
  return {
    addAptPackages: (packages, installLines) =>
      addAptPackages(file, stackClass, builder, packages, installLines),
    removeInstallStep: (previousLines) => removeInstallStep(file, calls(), previousLines),
    removeAptPackage: (name) => removeListString(file, aptList(calls()), name),
    serverArgs: () => {
      const existing = calls().find((call) => call.name === "with_default_args");
      const list = existing ? firstArgument(existing.call) : undefined;
      if (!existing || list?.type !== "list") return undefined;
      return {
        strings: stringItems(namedChildren(list).filter((item) => item.type !== "comment")),
        replace: (args) => replaceCall(file, existing, args.call),
      };
    },
    insertServerArgs: (args) => insertServerArgs(file, calls(), args.lines),
  };
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
  // The `.without_mount(...)` that unmounts the cache right after the exec goes with them.
  const unmount = calls[index - 1];
  const end = unmount?.name === "without_mount" ? unmount.call.endIndex : exec.call.endIndex;
  const written = file.text.slice(receiver.endIndex, end);
  if (!sameCode(written, restyle(previousLines, file.style, ""))) return false;
  file.replace(receiver.endIndex, end, "");
  return true;
}

/** `call` (`.with_default_args([...])`) in place of an existing call of the chain. */
function replaceCall(file: PyFile, existing: ChainCall, call: string): void {
  const dot = children(existing.attribute).find((child) => child.type === ".");
  const start = dot?.startIndex ?? existing.call.startIndex;
  file.replace(
    start,
    existing.call.endIndex,
    restyle(call, file.style, callIndent(file, existing)).trimStart(),
  );
}

/** Where create's chain says how the service is ready: its healthcheck call, else its first exposed port. */
const READINESS_CALLS = new Set([
  "with_docker_healthcheck",
  "without_docker_healthcheck",
  "with_exposed_port",
]);

/**
 * `.with_default_args([...])` with its comment, where create orders it: before the readiness calls (the
 * healthcheck, then the exposed ports), so before the first of them in the chain (calls are outermost first).
 */
function insertServerArgs(file: PyFile, calls: readonly ChainCall[], lines: string): void {
  const expose = [...calls].reverse().find((call) => READINESS_CALLS.has(call.name));
  const before = expose?.attribute.childForFieldName("object") ?? calls[0]?.call;
  const indentOf = expose ?? calls[0];
  if (!before || !indentOf) return;
  insertLinesAfter(file, before.endIndex, lines, callIndent(file, indentOf));
}

/** The indentation of the line where `.name(` of a chained call starts. */
function callIndent(file: PyFile, call: ChainCall): string {
  const dot = children(call.attribute).find((child) => child.type === ".");
  return lineIndent(file.text, dot?.startIndex ?? call.call.startIndex);
}
