import { AnchorError } from "../../errors.js";

const DEFAULT_HINT =
  "add edits this code in place and needs it to find its way: rename it back for this run, or make the change by hand";

/** What an editor throws when the code it edits has moved too far from what create wrote. */
export function anchorError(
  file: { readonly path: string },
  anchor: string,
  hint = DEFAULT_HINT,
): AnchorError {
  return new AnchorError(file.path, anchor, hint);
}
