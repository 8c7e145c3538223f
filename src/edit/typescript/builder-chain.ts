import type { CallExpression } from "ts-morph";
import { Node } from "ts-morph";
import { tsString } from "../../render/escape.js";
import {
  chainCalls,
  lineIndentAt,
  requireClass,
  requireMethod,
  returnedExpression,
  stringElements,
} from "./anchors.js";
import { anchorError, type TsFile } from "./file.js";
import { appendArrayElements, insertLinesAfter, replaceNode } from "./insert.js";
import { restyle } from "./style.js";

/**
 * Editors inside a builder's method chain, for extensions added to an existing service. Lines are chain
 * lines as create renders them (`.withExec([...])`, comments), in TEMPLATE_STYLE.
 */
export interface ExtensionBuildChange {
  /** apt packages the builder must install now. */
  aptPackages: readonly string[];
  /** The chain lines that install them, for a builder that has no apt step yet. */
  aptInstallLines: readonly string[];
  /** Packages a new image already has (pg_search's image ships pgvector): create would not install them. */
  providedPackages?: {
    packages: readonly string[];
    /** The install step as create wrote it before: removed whole if no package is left and it is unchanged. */
    previousLines: readonly string[];
    noneLeft: boolean;
  };
  /** Server arguments: what create wrote before (replaced only if still so) and the lines that set the new ones. */
  serverArgs?: { previous: readonly string[]; next: readonly string[]; lines: readonly string[] };
}

/** Returns notes for the parts it left to the user (their own server arguments, their own install step). */
export function addExtensionToBuilder(
  file: TsFile,
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

/**
 * Drops packages from the apt exec; when none is left, the whole install step goes, but only if it is
 * still exactly what create wrote (comments included), so that nothing of the user's is lost.
 */
export function removeProvidedPackages(
  file: TsFile,
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
  for (const name of provided.packages) removeArrayString(file, stackClass, builder, name);
  if (!provided.noneLeft) return [];
  return [`${file.path}: ${builder}() has an apt install step with no packages left; you may remove it`];
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
  const written = file.source.getFullText().slice(start, exec.getEnd());
  const generated = previousLines.map((line) => restyle(line, file.style, "")).join("\n");
  if (collapse(written) !== collapse(generated)) return false;
  file.source.replaceText([start, exec.getEnd()], "");
  return true;
}

function collapse(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

function isAptInstall(call: CallExpression): boolean {
  const array = call.getArguments()[0];
  return (
    Node.isArrayLiteralExpression(array) &&
    (stringElements(array) ?? []).some((arg) => arg.includes("apt-get install"))
  );
}

/**
 * `.withDefaultArgs([...])` before `.withExposedPort(...)`, as create orders them; an existing one is
 * replaced only while it still holds the arguments create wrote.
 */
function setServerArgs(
  file: TsFile,
  stackClass: string,
  builder: string,
  args: NonNullable<ExtensionBuildChange["serverArgs"]>,
): string[] {
  const chain = builderChain(file, stackClass, builder);
  const existing = chainCalls(chain, "withDefaultArgs")[0]?.getArguments()[0];
  if (Node.isArrayLiteralExpression(existing)) {
    const current = stringElements(existing);
    if (sameList(current, args.next)) return [];
    if (!sameList(current, args.previous)) {
      return [
        `${file.path}: ${builder}() sets its own server arguments; make sure they include ${args.next.join(" ")}`,
      ];
    }
    replaceNode(file, existing, `[${args.next.map(tsString).join(", ")}]`);
    return [];
  }
  const expose = chainCalls(chain, "withExposedPort")[0];
  const before = expose ? receiverOf(expose) : chain;
  insertLinesAfter(
    file,
    before.getEnd(),
    args.lines,
    callIndent(file, expose ?? chainCalls(chain, "from")[0] ?? chain),
  );
  return [];
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

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((item, index) => item === b[index]);
}
