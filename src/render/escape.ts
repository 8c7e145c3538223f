/** One escaping helper per target language; templates never quote user strings themselves. */

/** A JavaScript/TypeScript string literal; double quotes unless single quotes need fewer escapes. */
export function tsString(value: string): string {
  const json = JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** A TypeScript literal for plain data: `{ id: 1, name: "x" }`, keys unquoted where they can be. */
export function tsLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(tsLiteral).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${tsKey(key)}: ${tsLiteral(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return typeof value === "string" ? tsString(value) : String(value);
}

/** An object key: bare when it is an identifier, else a string literal. */
export function tsKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : tsString(key);
}

/** Splits a comment into lines of at most `width` characters, breaking at spaces. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** A Python string literal (double-quoted, as black formats it). */
export function pyString(value: string): string {
  const escaped = [...value]
    .map((char) => {
      if (char === "\\") return "\\\\";
      if (char === '"') return '\\"';
      if (char === "\n") return "\\n";
      if (char === "\r") return "\\r";
      if (char === "\t") return "\\t";
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
      return char;
    })
    .join("");
  return `"${escaped}"`;
}

/** Text that is safe inside a /* comment * / or a # comment: no terminators, no line breaks. */
export function commentText(value: string): string {
  return value.replace(/\*\//g, "* /").replace(/[\r\n\u2028\u2029]+/g, " ");
}

/** A word for a POSIX shell command line, quoted only when needed. */
export function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A Python string literal quoted the way `ruff format` (and black) leave it: double quotes, unless the
 * value holds more double quotes than single quotes, then single quotes (fewer escapes wins).
 */
export function pyFormattedString(value: string): string {
  const doubles = (value.match(/"/g) ?? []).length;
  const singles = (value.match(/'/g) ?? []).length;
  if (doubles <= singles) return pyString(value);
  return `'${pyString(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}
