import { lineIndent, mostCommonStep, reindentLine } from "../shared/indent.js";
import type { SyntaxNode } from "./parser.js";

/**
 * How a Python file is written, so that what `add` inserts looks like the code around it. Fragments come
 * from create's output, written as `ruff format` leaves code (TEMPLATE_STYLE); restyle() converts them.
 */
export interface PyStyle {
  /** One level of indentation: "    ", "  " or "\t". */
  indent: string;
  quote: '"' | "'";
}

export const TEMPLATE_STYLE: PyStyle = { indent: "    ", quote: '"' };

export function detectStyle(root: SyntaxNode, text: string): PyStyle {
  return { indent: detectIndent(root, text), quote: detectQuote(root) };
}

/** The most common step between a block's first line and the line that opens it. */
function detectIndent(root: SyntaxNode, text: string): string {
  const steps: string[] = [];
  for (const block of root.descendantsOfType("block")) {
    const opener = block?.parent;
    if (!block || !opener || block.startPosition.row === opener.startPosition.row) continue;
    const inner = lineIndent(text, block.startIndex);
    if (inner.startsWith("\t")) return "\t";
    const outer = lineIndent(text, opener.startIndex);
    if (inner.length > outer.length) steps.push(" ".repeat(inner.length - outer.length));
  }
  return mostCommonStep(steps) ?? TEMPLATE_STYLE.indent;
}

/**
 * Single quotes only when most of the file's strings that could use either do (a string holding one kind
 * of quote has no choice; docstrings always use `"""`).
 */
function detectQuote(root: SyntaxNode): PyStyle["quote"] {
  let single = 0;
  let double = 0;
  for (const start of root.descendantsOfType("string_start")) {
    const delimiter = start?.text.replace(/^[a-zA-Z]+/, "");
    const body = start?.parent?.text.slice(start.text.length, -(delimiter?.length ?? 0)) ?? "";
    if (delimiter === "'" && !body.includes('"')) single++;
    if (delimiter === '"' && !body.includes("'")) double++;
  }
  return single > double ? "'" : '"';
}

/**
 * A fragment in TEMPLATE_STYLE as lines for a file in `style`, each non-blank line indented by `base` plus
 * its own levels in the file's unit. Lines inside a triple-quoted string move with the code: create only
 * writes docstrings that way, and their continuation lines follow the code's indentation.
 */
export function restyle(fragment: string, style: PyStyle, base: string): string {
  return reindent(requote(fragment, style), style, base);
}

/** Only the indentation of restyle(): for code already in the file's quotes. */
export function reindent(fragment: string, style: PyStyle, base: string): string {
  return fragment
    .split("\n")
    .map((line) => reindentLine(line, TEMPLATE_STYLE.indent, style.indent, base))
    .join("\n");
}

/** `"x"` becomes `'x'` in a file that prefers single quotes, unless the value holds a quote either way. */
function requote(fragment: string, style: PyStyle): string {
  if (style.quote === '"') return fragment;
  return stringLiterals(fragment).reduceRight((text, literal) => {
    const body = text.slice(literal.bodyStart, literal.end - 1);
    if (literal.triple || literal.quote !== '"' || body.includes("'") || body.includes('\\"')) return text;
    return `${text.slice(0, literal.bodyStart - 1)}'${body}'${text.slice(literal.end)}`;
  }, fragment);
}

interface StringLiteral {
  /** Where the body starts, just after the opening quote(s). */
  bodyStart: number;
  /** Just after the closing quote(s). */
  end: number;
  quote: '"' | "'";
  triple: boolean;
}

/**
 * The string literals of a fragment, found by a small tokenizer: fragments are pieces of statements (a
 * dict entry, chain lines) that the grammar cannot parse on their own. Comments are skipped; prefixes
 * (f, r, b) are allowed; escapes are honoured.
 */
function stringLiterals(text: string): StringLiteral[] {
  const literals: StringLiteral[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === "#") {
      const newline = text.indexOf("\n", index);
      index = newline === -1 ? text.length : newline;
    } else if (char === '"' || char === "'") {
      const literal = scanString(text, index, char);
      literals.push(literal);
      index = literal.end;
    } else index++;
  }
  return literals;
}

function scanString(text: string, start: number, quote: '"' | "'"): StringLiteral {
  const triple = text.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  const bodyStart = start + closing.length;
  let index = bodyStart;
  while (index < text.length) {
    if (text[index] === "\\") index += 2;
    else if (text.startsWith(closing, index))
      return { bodyStart, end: index + closing.length, quote, triple };
    else if (!triple && text[index] === "\n") break;
    else index++;
  }
  return { bodyStart, end: index, quote, triple };
}
