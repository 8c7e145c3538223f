/**
 * A TOML scanner for targeted edits: it finds where tables, keys and values are (offsets into the
 * original text) and never builds a value tree it would have to serialise back. Enough of TOML 1.0 to
 * skip anything a pyproject.toml holds: comments, all four string kinds, nested arrays, inline tables.
 */
export class TomlSyntaxError extends Error {
  constructor(message: string, offset: number, text: string) {
    const line = text.slice(0, offset).split("\n").length;
    super(`TOML syntax error on line ${line}: ${message}`);
    this.name = "TomlSyntaxError";
  }
}

export interface Span {
  start: number;
  end: number;
}

export interface TableHeader {
  kind: "table";
  path: string[];
  /** `[[name]]`: one element of an array of tables. */
  arrayOfTables: boolean;
  /** The header line, from `[` to the end of the line (newline excluded). */
  span: Span;
}

export interface KeyValue {
  kind: "keyValue";
  /** The header path this key sits under (`[]` for the root table). */
  table: string[];
  /** The key as written, dotted keys split: `optional-dependencies.dev` → two parts. */
  key: string[];
  /** From the first character of the key to the end of the value. */
  span: Span;
  value: Span;
  /** End of the line the value ends on, after any trailing comment (newline excluded). */
  lineEnd: number;
}

export type Statement = TableHeader | KeyValue;

export interface TomlDocument {
  text: string;
  statements: Statement[];
  eol: "\n" | "\r\n";
}

export function scanToml(text: string): TomlDocument {
  const scanner = new Scanner(text);
  return { text, statements: scanner.statements(), eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

/** The full path of a key-value: its table's path followed by its (dotted) key. */
export function fullPath(statement: KeyValue): string[] {
  return [...statement.table, ...statement.key];
}

const BARE_KEY = /[A-Za-z0-9_-]/;

export class Scanner {
  pos = 0;

  constructor(readonly text: string) {}

  statements(): Statement[] {
    const result: Statement[] = [];
    let table: string[] = [];
    for (;;) {
      this.skipTrivia(true);
      if (this.pos >= this.text.length) return result;
      if (this.text[this.pos] === "[") {
        const header = this.header();
        table = header.path;
        result.push(header);
      } else {
        result.push(this.keyValue(table));
      }
      this.endOfLine();
    }
  }

  private header(): TableHeader {
    const start = this.pos;
    const arrayOfTables = this.text.startsWith("[[", this.pos);
    this.pos += arrayOfTables ? 2 : 1;
    const path = this.key();
    this.expect(arrayOfTables ? "]]" : "]");
    return { kind: "table", path, arrayOfTables, span: { start, end: this.pos } };
  }

  private keyValue(table: string[]): KeyValue {
    const start = this.pos;
    const key = this.key();
    this.expect("=");
    this.skipSpaces();
    const valueStart = this.pos;
    this.value();
    const value = { start: valueStart, end: this.pos };
    const lineEnd = this.lineEndFrom(this.pos);
    return { kind: "keyValue", table, key, span: { start, end: this.pos }, value, lineEnd };
  }

  /** A dotted key: `a`, `"a.b".c`, `'x' . y`. */
  key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      parts.push(this.simpleKey());
      this.skipSpaces();
      if (this.text[this.pos] !== ".") return parts;
      this.pos++;
    }
  }

  private simpleKey(): string {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") {
      const start = this.pos;
      this.string();
      return decodeString(this.text.slice(start, this.pos));
    }
    const start = this.pos;
    while (this.pos < this.text.length && BARE_KEY.test(this.text[this.pos] ?? "")) this.pos++;
    if (this.pos === start) this.fail("expected a key");
    return this.text.slice(start, this.pos);
  }

  /** Skips one value of any kind. */
  value(): void {
    const char = this.text[this.pos];
    if (char === '"' || char === "'") this.string();
    else if (char === "[") this.array();
    else if (char === "{") this.inlineTable();
    else this.scalar();
  }

  /** Calls `onItem` with the span of each item of the array at `pos`; returns the span of the brackets. */
  array(onItem: (item: Span) => void = () => undefined): Span {
    const start = this.pos;
    this.expect("[");
    for (;;) {
      this.skipTrivia(true);
      if (this.text[this.pos] === "]") break;
      const itemStart = this.pos;
      this.value();
      onItem({ start: itemStart, end: this.pos });
      this.skipTrivia(true);
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== "]") this.fail("expected , or ] in an array");
    }
    this.pos++;
    return { start, end: this.pos };
  }

  /** Calls `onEntry` with each key of the inline table at `pos`. */
  inlineTable(onEntry: (key: string[], value: Span) => void = () => undefined): void {
    this.expect("{");
    for (;;) {
      this.skipTrivia(true);
      if (this.text[this.pos] === "}") break;
      const key = this.key();
      this.expect("=");
      this.skipSpaces();
      const start = this.pos;
      this.value();
      onEntry(key, { start, end: this.pos });
      this.skipTrivia(true);
      if (this.text[this.pos] === ",") this.pos++;
      else if (this.text[this.pos] !== "}") this.fail("expected , or } in an inline table");
    }
    this.pos++;
  }

  private string(): void {
    const quote = this.text[this.pos] ?? "";
    const triple = quote.repeat(3);
    if (this.text.startsWith(triple, this.pos)) {
      const close = this.findClose(triple, this.pos + 3, quote === '"');
      // A multi-line string may end with up to two extra quotes: """a""""" is valid.
      let end = close + 3;
      while (this.text[end] === quote && end - close < 5) end++;
      this.pos = end;
      return;
    }
    for (let i = this.pos + 1; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === "\n") break;
      if (char === "\\" && quote === '"') i++;
      else if (char === quote) {
        this.pos = i + 1;
        return;
      }
    }
    this.fail("unterminated string");
  }

  private findClose(triple: string, from: number, escapes: boolean): number {
    for (let i = from; i < this.text.length; i++) {
      if (escapes && this.text[i] === "\\") i++;
      else if (this.text.startsWith(triple, i)) return i;
    }
    return this.fail("unterminated multi-line string");
  }

  private scalar(): void {
    const start = this.pos;
    while (this.pos < this.text.length && !/[\s,\]}#]/.test(this.text[this.pos] ?? "")) this.pos++;
    // Dates may hold one space: 1979-05-27 07:32:00.
    if (
      /^\d{4}-\d{2}-\d{2}$/.test(this.text.slice(start, this.pos)) &&
      /^ \d/.test(this.text.slice(this.pos, this.pos + 2))
    ) {
      this.pos++;
      this.scalar();
    }
    if (this.pos === start) this.fail("expected a value");
  }

  /** Spaces, tabs, comments and (when `newlines`) line breaks. */
  skipTrivia(newlines: boolean): void {
    while (this.pos < this.text.length) {
      const char = this.text[this.pos];
      if (char === " " || char === "\t" || (newlines && (char === "\n" || char === "\r"))) this.pos++;
      else if (char === "#") this.pos = this.lineEndFrom(this.pos);
      else return;
    }
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " " || this.text[this.pos] === "\t") this.pos++;
  }

  /** After a statement only a comment may follow on its line. */
  private endOfLine(): void {
    this.skipTrivia(false);
    if (this.text[this.pos] === "\r") this.pos++;
    if (this.pos < this.text.length && this.text[this.pos] !== "\n")
      this.fail("expected the end of the line");
  }

  lineEndFrom(offset: number): number {
    const newline = this.text.indexOf("\n", offset);
    const end = newline === -1 ? this.text.length : newline;
    return this.text[end - 1] === "\r" ? end - 1 : end;
  }

  private expect(token: string): void {
    this.skipSpaces();
    if (!this.text.startsWith(token, this.pos)) this.fail(`expected ${token}`);
    this.pos += token.length;
  }

  private fail(message: string): never {
    throw new TomlSyntaxError(message, this.pos, this.text);
  }
}

/** The value of a one-line string literal (basic or literal); other text is returned as it is. */
export function decodeString(literal: string): string {
  if (literal.startsWith("'")) return literal.slice(1, -1);
  if (!literal.startsWith('"') || literal.startsWith('"""')) return literal;
  return literal.slice(1, -1).replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (_, sequence: string) => {
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    return ESCAPES[sequence] ?? sequence;
  });
}

const ESCAPES: Readonly<Record<string, string>> = {
  b: "\b",
  t: "\t",
  n: "\n",
  f: "\f",
  r: "\r",
  '"': '"',
  "\\": "\\",
};

/** A TOML basic string for `value`. */
export function encodeString(value: string): string {
  const escaped = [...value]
    .map((char) => {
      if (char === '"' || char === "\\") return `\\${char}`;
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return `\\u${code.toString(16).padStart(4, "0")}`;
      return char;
    })
    .join("");
  return `"${escaped}"`;
}
