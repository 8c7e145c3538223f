import { Node, type SourceFile, SyntaxKind, ts } from "ts-morph";
import { mostCommonStep, reindentLine } from "../shared/indent.js";

/**
 * How a file is written, so that what we insert looks like the code around it. Fragments come from
 * create's templates, which use TEMPLATE_STYLE; restyle() converts them to the file's style.
 */
export interface CodeStyle {
  /** One level of indentation: "  ", "    " or "\t". */
  indent: string;
  quote: '"' | "'";
  semicolons: boolean;
  /** Whether multi-line object and array literals end with a comma. */
  trailingCommas: boolean;
}

export const TEMPLATE_STYLE: CodeStyle = { indent: "  ", quote: '"', semicolons: true, trailingCommas: true };

export function detectStyle(file: SourceFile): CodeStyle {
  return {
    indent: detectIndent(file.getFullText()),
    quote: detectQuote(file),
    semicolons: detectSemicolons(file),
    trailingCommas: detectTrailingCommas(file),
  };
}

/** The most common step by which a line is indented deeper than the line before it. */
export function detectIndent(text: string): string {
  const steps: string[] = [];
  let previous = 0;
  for (const line of text.split("\n")) {
    if (line.trim() === "" || /^\s*\*/.test(line)) continue;
    const leading = /^[ \t]*/.exec(line)?.[0] ?? "";
    if (leading.startsWith("\t")) return "\t";
    if (leading.length > previous) steps.push(" ".repeat(leading.length - previous));
    previous = leading.length;
  }
  return mostCommonStep(steps) ?? TEMPLATE_STYLE.indent;
}

function detectQuote(file: SourceFile): CodeStyle["quote"] {
  let single = 0;
  let double = 0;
  for (const literal of file.getDescendantsOfKind(SyntaxKind.StringLiteral)) {
    const text = literal.getText();
    if (text.startsWith("'") && !literal.getLiteralValue().includes('"')) single++;
    if (text.startsWith('"') && !literal.getLiteralValue().includes("'")) double++;
  }
  return single > double ? "'" : '"';
}

const SEMICOLON_TERMINATED = new Set([
  SyntaxKind.ImportDeclaration,
  SyntaxKind.VariableStatement,
  SyntaxKind.ExpressionStatement,
  SyntaxKind.ReturnStatement,
  SyntaxKind.PropertyDeclaration,
  SyntaxKind.PropertySignature,
  SyntaxKind.TypeAliasDeclaration,
]);

function detectSemicolons(file: SourceFile): boolean {
  let with_ = 0;
  let without = 0;
  file.forEachDescendant((node) => {
    if (!SEMICOLON_TERMINATED.has(node.getKind())) return;
    if (node.getText().endsWith(";")) with_++;
    else without++;
  });
  return with_ >= without;
}

function detectTrailingCommas(file: SourceFile): boolean {
  let with_ = 0;
  let without = 0;
  file.forEachDescendant((node) => {
    const elements = Node.isObjectLiteralExpression(node)
      ? node.compilerNode.properties
      : Node.isArrayLiteralExpression(node)
        ? node.compilerNode.elements
        : undefined;
    if (!elements || elements.length === 0 || !isMultiline(node)) return;
    if (elements.hasTrailingComma) with_++;
    else without++;
  });
  return with_ >= without;
}

function isMultiline(node: Node): boolean {
  return node.getStartLineNumber() !== node.getEndLineNumber();
}

/**
 * Rewrites a fragment written in TEMPLATE_STYLE into `style`. The fragment's first line goes where the
 * caller inserts it; the other lines are indented relative to it, and get `base` in front.
 * Fragments never contain multi-line template literals, whose lines would be reindented too.
 */
export function restyle(fragment: string, style: CodeStyle, base: string): string {
  return reindent(retoken(fragment, style), style.indent, base);
}

function reindent(fragment: string, unit: string, base: string): string {
  return fragment
    .split("\n")
    .map((line, index) => (index === 0 ? line : reindentLine(line, TEMPLATE_STYLE.indent, unit, base)))
    .join("\n");
}

interface TokenEdit {
  start: number;
  end: number;
  text: string;
}

function retoken(fragment: string, style: CodeStyle): string {
  const edits: TokenEdit[] = [];
  let pendingComma: { start: number; end: number } | undefined;
  for (const token of tokens(fragment)) {
    if (
      pendingComma &&
      isCloser(token.kind) &&
      fragment.slice(pendingComma.end, token.start).includes("\n")
    ) {
      edits.push({ ...pendingComma, text: "" });
    }
    pendingComma = token.kind === SyntaxKind.CommaToken && !style.trailingCommas ? token : undefined;
    if (token.kind === SyntaxKind.StringLiteral && style.quote === "'") {
      const requoted = singleQuoted(fragment.slice(token.start, token.end), token.value);
      if (requoted) edits.push({ ...token, text: requoted });
    }
    if (token.kind === SyntaxKind.SemicolonToken && !style.semicolons && endsLine(fragment, token.end)) {
      edits.push({ ...token, text: "" });
    }
  }
  return edits.reduceRight(
    (text, edit) => text.slice(0, edit.start) + edit.text + text.slice(edit.end),
    fragment,
  );
}

function isCloser(kind: SyntaxKind): boolean {
  return (
    kind === SyntaxKind.CloseBraceToken ||
    kind === SyntaxKind.CloseBracketToken ||
    kind === SyntaxKind.CloseParenToken
  );
}

function endsLine(text: string, from: number): boolean {
  const rest = text.slice(from, text.indexOf("\n", from) === -1 ? undefined : text.indexOf("\n", from));
  return /^\s*(\/\/.*)?$/.test(rest);
}

/** `"x"` → `'x'`; undefined when the value has a single quote (then double quotes need fewer escapes). */
function singleQuoted(literal: string, value: string): string | undefined {
  if (!literal.startsWith('"') || value.includes("'")) return undefined;
  return `'${literal.slice(1, -1).replace(/\\"/g, '"')}'`;
}

interface Token {
  kind: SyntaxKind;
  start: number;
  end: number;
  value: string;
}

/** The fragment's tokens; `}` closing a `${...}` is rescanned as the rest of its template literal. */
function tokens(text: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, text);
  const templateBraces: number[] = [];
  const result: Token[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === SyntaxKind.TemplateHead) templateBraces.push(0);
    else if (kind === SyntaxKind.OpenBraceToken && templateBraces.length > 0) addToTop(templateBraces, 1);
    else if (kind === SyntaxKind.CloseBraceToken && templateBraces.length > 0) {
      if (templateBraces.at(-1) === 0) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === SyntaxKind.TemplateTail) templateBraces.pop();
      } else addToTop(templateBraces, -1);
    }
    result.push({
      kind,
      start: scanner.getTokenStart(),
      end: scanner.getTokenEnd(),
      value: scanner.getTokenValue(),
    });
  }
  return result;
}

function addToTop(stack: number[], delta: number): void {
  stack[stack.length - 1] = (stack.at(-1) ?? 0) + delta;
}
