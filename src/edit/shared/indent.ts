/**
 * Indentation, the same in every language: the file's unit is detected by each language's parser, and
 * fragments are written in its TEMPLATE_STYLE unit, converted here.
 */

/** The leading whitespace of the line `position` is on. */
export function lineIndent(text: string, position: number): string {
  const lineStart = text.lastIndexOf("\n", position - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))?.[0] ?? "";
}

/** The step between nesting levels seen most often (the shorter one on a tie), if any was seen. */
export function mostCommonStep(steps: Iterable<string>): string | undefined {
  const counts = new Map<string, number>();
  for (const step of steps) counts.set(step, (counts.get(step) ?? 0) + 1);
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length);
  return best?.[0];
}

/**
 * One line of a fragment indented in levels of `templateUnit` spaces, moved to `base` plus as many levels
 * of the file's `unit`. Spaces left over (` * ` in JSDoc) are kept; a blank line comes out empty.
 */
export function reindentLine(line: string, templateUnit: string, unit: string, base: string): string {
  if (line.trim() === "") return "";
  const spaces = /^ */.exec(line)?.[0].length ?? 0;
  const levels = Math.floor(spaces / templateUnit.length);
  const rest = spaces % templateUnit.length;
  return `${base}${unit.repeat(levels)}${" ".repeat(rest)}${line.slice(spaces)}`;
}

/** Removes `column` from the start of every line after the first (a piece cut out of a rendered file). */
export function dedent(text: string, column: string): string {
  return text
    .split("\n")
    .map((line, index) => (index > 0 && line.startsWith(column) ? line.slice(column.length) : line))
    .join("\n");
}
