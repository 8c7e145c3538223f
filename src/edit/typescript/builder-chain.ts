import type { CallExpression } from "ts-morph";
import { Node } from "ts-morph";
import { tsString } from "../../render/escape.js";
import { anchorError } from "../shared/anchor-error.js";
import {
  type BuilderChainEdits,
  type ExtensionBuildChangeOf,
  extensionEditor,
  sameCode,
} from "../shared/builder-chain.js";
import {
  chainCalls,
  lineIndentAt,
  requireClass,
  requireMethod,
  returnedExpression,
  stringElements,
} from "./anchors.js";
import type { TsFile } from "./file.js";
import { appendArrayElements, insertLinesAfter, replaceNode } from "./insert.js";
import { restyle } from "./style.js";

/**
 * Editors inside a builder's method chain, for extensions added to an existing service. Lines are chain
 * lines as create renders them (`.withExec([...])`, comments), in TEMPLATE_STYLE, one string a line.
 */
export type ExtensionBuildChange = ExtensionBuildChangeOf<readonly string[]>;

/** Returns notes for the parts it left to the user (their own server arguments, their own install step). */
export const addExtensionToBuilder = extensionEditor(chainEdits);

/** The edits of one builder's chain, each finding the chain again in the source the one before left. */
function chainEdits(
  file: TsFile,
  stackClass: string,
  builder: string,
): BuilderChainEdits<ExtensionBuildChange> {
  const chain = () => builderChain(file, stackClass, builder);
  return {
    addAptPackages: (packages, installLines) =>
      addAptPackages(file, stackClass, builder, packages, installLines),
    removeInstallStep: (previousLines) => removeInstallStep(file, chain(), previousLines),
    removeAptPackage: (name) => removeArrayString(file, stackClass, builder, name),
    serverArgs: () => {
      const existing = chainCalls(chain(), "withDefaultArgs")[0]?.getArguments()[0];
      if (!Node.isArrayLiteralExpression(existing)) return undefined;
      return {
        strings: stringElements(existing),
        replace: (args) => replaceNode(file, existing, `[${args.next.map(tsString).join(", ")}]`),
      };
    },
    insertServerArgs: (args) => insertServerArgs(file, chain(), args.lines),
  };
}

function builderChain(file: TsFile, stackClass: string, builder: string): Node {
  const method = requireMethod(file, requireClass(file, stackClass), builder);
  const chain = returnedExpression(method);
  if (!chain) throw anchorError(file, `the \`return this.dag...\` chain in ${builder}()`);
  return chain;
}

/** Into the existing `apt-get install` exec if there is one, else as new steps right after `.from(...)`. */
export function addAptPackages(
  file: TsFile,
  stackClass: string,
  builder: string,
  packages: readonly string[],
  installLines: readonly string[],
): void {
  const chain = builderChain(file, stackClass, builder);
  const array = aptExec(chain)?.getArguments()[0];
  if (Node.isArrayLiteralExpression(array)) {
    const present = stringElements(array) ?? [];
    const missing = packages.filter((name) => !present.includes(name));
    if (missing.length > 0) appendArrayElements(file, array, missing.map(tsString));
    return;
  }
  const from = chainCalls(chain, "from").at(-1);
  if (!from) throw anchorError(file, `\`.from(...)\` in the chain ${builder}() returns`);
  insertLinesAfter(file, from.getEnd(), installLines, callIndent(file, from));
}

function aptExec(chain: Node): CallExpression | undefined {
  return chainCalls(chain, "withExec").find(isAptInstall);
}

function removeArrayString(file: TsFile, stackClass: string, builder: string, value: string): void {
  const array = aptExec(builderChain(file, stackClass, builder))?.getArguments()[0];
  if (!Node.isArrayLiteralExpression(array)) return;
  const elements = array.getElements();
  const index = elements.findIndex(
    (element) => Node.isStringLiteral(element) && element.getLiteralValue() === value,
  );
  const previous = elements[index - 1];
  const element = elements[index];
  if (previous && element) file.source.replaceText([previous.getEnd(), element.getEnd()], "");
}

function removeInstallStep(file: TsFile, chain: Node, previousLines: readonly string[]): boolean {
  const exec = aptExec(chain);
  const cache = exec ? receiverOf(exec) : undefined;
  if (!exec || !Node.isCallExpression(cache)) return false;
  const start = receiverOf(cache).getEnd();
  const end = unmountAfter(exec)?.getEnd() ?? exec.getEnd();
  const written = file.source.getFullText().slice(start, end);
  const generated = previousLines.map((line) => restyle(line, file.style, "")).join("\n");
  if (!sameCode(written, generated)) return false;
  file.source.replaceText([start, end], "");
  return true;
}

/** The `.withoutMount(...)` right after the install exec, which unmounts its cache. */
function unmountAfter(exec: CallExpression): Node | undefined {
  const access = exec.getParent();
  if (!Node.isPropertyAccessExpression(access) || access.getName() !== "withoutMount") return undefined;
  const call = access.getParent();
  return Node.isCallExpression(call) ? call : undefined;
}

function isAptInstall(call: CallExpression): boolean {
  const array = call.getArguments()[0];
  return (
    Node.isArrayLiteralExpression(array) &&
    (stringElements(array) ?? []).some((arg) => arg.includes("apt-get install"))
  );
}

/** Where create's chain says how the service is ready: its healthcheck call, else its first exposed port. */
const READINESS_CALLS = ["withDockerHealthcheck", "withoutDockerHealthcheck", "withExposedPort"];

/**
 * `.withDefaultArgs([...])` with its comment, where create orders it: before the readiness calls (the
 * healthcheck, then the exposed ports), so before the first of them in the chain.
 */
function insertServerArgs(file: TsFile, chain: Node, lines: readonly string[]): void {
  const expose = READINESS_CALLS.flatMap((name) => chainCalls(chain, name)).sort(
    (a, b) => a.getStart() - b.getStart() || a.getEnd() - b.getEnd(),
  )[0];
  const before = expose ? receiverOf(expose) : chain;
  insertLinesAfter(
    file,
    before.getEnd(),
    lines,
    callIndent(file, expose ?? chainCalls(chain, "from")[0] ?? chain),
  );
}

function receiverOf(call: CallExpression): Node {
  const callee = call.getExpression();
  return Node.isPropertyAccessExpression(callee) ? callee.getExpression() : callee;
}

/** The indentation of the line where `.name(` of a chained call starts. */
function callIndent(file: TsFile, call: Node): string {
  const callee = Node.isCallExpression(call) ? call.getExpression() : undefined;
  const at = Node.isPropertyAccessExpression(callee) ? callee.getNameNode().getStart() : call.getStart();
  return lineIndentAt(file, at);
}
