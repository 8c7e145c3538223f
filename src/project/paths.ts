import { relative, sep } from "node:path";

/** `to` from `from` as a POSIX path ("" when they are the same folder). Pure string work. */
export function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join("/");
}
