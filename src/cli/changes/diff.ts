import type { FileChange } from "../../tree/tree.js";
import type { Io } from "../io.js";

/** Unified diffs for --diff; the `diff` package is loaded only here. */
export async function printDiffs(io: Io, changes: readonly FileChange[]): Promise<void> {
  const { createTwoFilesPatch } = await import("diff");
  for (const change of changes) {
    const from = change.before === undefined ? "/dev/null" : `a/${change.path}`;
    const to = change.type === "delete" ? "/dev/null" : `b/${change.path}`;
    const patch = createTwoFilesPatch(from, to, change.before ?? "", change.content);
    io.print();
    for (const line of withoutSeparator(patch)) io.print(colorLine(io, line));
  }
}

/** The patch opens with a row of `=` that git-style diffs do not have. */
function withoutSeparator(patch: string): string[] {
  return patch
    .replace(/\n$/, "")
    .split("\n")
    .filter((line) => !/^=+$/.test(line));
}

function colorLine(io: Io, line: string): string {
  if (line.startsWith("+++") || line.startsWith("---")) return io.colors.bold(line);
  if (line.startsWith("+")) return io.colors.green(line);
  if (line.startsWith("-")) return io.colors.red(line);
  return line.startsWith("@@") ? io.colors.cyan(line) : line;
}
