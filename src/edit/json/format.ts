/** The layout of a JSON file we edit, so the edited file keeps it. */
export interface JsonLayout {
  indent: string;
  eol: "\n" | "\r\n";
  finalNewline: boolean;
}

export function detectLayout(text: string): JsonLayout {
  const indent = /^[{[][^\S\r\n]*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? "  ";
  return { indent, eol: text.includes("\r\n") ? "\r\n" : "\n", finalNewline: /\n$/.test(text) };
}

export function stringifyWithLayout(value: unknown, layout: JsonLayout): string {
  const body = JSON.stringify(value, null, layout.indent).replace(/\n/g, layout.eol);
  return layout.finalNewline ? `${body}${layout.eol}` : body;
}
